package org.kiezwerk.partner.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Ages in whole years from {@code from} to {@code to}, both included, within the ages Kiezwerk
 * knows: 0 to 120 (what offers, target groups and the search's {@code age} accept).
 */
public record AgeRange(int from, int to) {

    public static final int YOUNGEST = 0;
    public static final int OLDEST = 120;
    public static final AgeRange ALL = new AgeRange(YOUNGEST, OLDEST);

    public AgeRange {
        if (from < YOUNGEST || to > OLDEST || from > to) {
            throw new IllegalArgumentException("not an age range within " + YOUNGEST + "–" + OLDEST + ": " + from + "–" + to);
        }
    }

    /**
     * The range an age limit pair names, as offers and target groups store it: an open end reaches
     * the youngest or oldest age; empty if neither limit is set (nothing is said about ages).
     */
    public static Optional<AgeRange> named(Integer min, Integer max) {
        if (min == null && max == null) {
            return Optional.empty();
        }
        // stored values are validated to 0–120; clamping keeps a bad row from breaking a whole answer
        int from = Math.max(YOUNGEST, Math.min(OLDEST, min == null ? YOUNGEST : min));
        int to = Math.max(from, Math.min(OLDEST, max == null ? OLDEST : max));
        return Optional.of(new AgeRange(from, to));
    }

    /**
     * The ages an offer is for — the rule the search's {@code age} filter applies too: the offer's
     * own range if it names one, else the ranges of those of its target groups that name one. An
     * offer that says nothing about ages (only "everyone", "families", …) counts for no age: it
     * does not close an age gap.
     */
    public static List<AgeRange> ofOffer(Integer ageMin, Integer ageMax, Collection<AgeRange> targetGroupRanges) {
        Optional<AgeRange> own = named(ageMin, ageMax);
        return own.map(List::of).orElseGet(() -> List.copyOf(targetGroupRanges));
    }

    public boolean contains(int age) {
        return from <= age && age <= to;
    }

    public boolean overlaps(AgeRange other) {
        return from <= other.to && other.from <= to;
    }

    /**
     * The same ages as sorted, disjoint ranges, none touching the next: 0–17 and 18–29 become
     * 0–29, since ages are whole years and no age lies between them.
     */
    public static List<AgeRange> union(Collection<AgeRange> ranges) {
        List<AgeRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(AgeRange::from).thenComparingInt(AgeRange::to));
        List<AgeRange> merged = new ArrayList<>();
        for (AgeRange range : sorted) {
            AgeRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range.from <= last.to + 1) {
                if (range.to > last.to) {
                    merged.set(merged.size() - 1, new AgeRange(last.from, range.to));
                }
            } else {
                merged.add(range);
            }
        }
        return List.copyOf(merged);
    }

    /** The ages from 0 to 120 that none of the ranges covers, as sorted maximal ranges. */
    public static List<AgeRange> uncovered(Collection<AgeRange> ranges) {
        List<AgeRange> gaps = new ArrayList<>();
        int next = YOUNGEST;
        for (AgeRange covered : union(ranges)) {
            if (covered.from > next) {
                gaps.add(new AgeRange(next, covered.from - 1));
            }
            next = covered.to + 1;
        }
        if (next <= OLDEST) {
            gaps.add(new AgeRange(next, OLDEST));
        }
        return List.copyOf(gaps);
    }

    @Override
    public String toString() {
        return from + "–" + to;
    }
}
