package org.kiezwerk.partner.domain;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fast: the interval arithmetic behind the gap view's uncovered ages. */
class AgeRangeTest {

    static AgeRange r(int from, int to) {
        return new AgeRange(from, to);
    }

    @Test
    void noOffersLeaveEveryAgeUncovered() {
        assertEquals(List.of(), AgeRange.union(List.of()));
        assertEquals(List.of(AgeRange.ALL), AgeRange.uncovered(List.of()));
    }

    @Test
    void touchingRangesMergeOverlappingAndNestedOnesToo() {
        assertEquals(List.of(r(0, 29)), AgeRange.union(List.of(r(18, 29), r(0, 17))));
        assertEquals(List.of(r(10, 40)), AgeRange.union(List.of(r(10, 30), r(25, 40))));
        assertEquals(List.of(r(10, 40)), AgeRange.union(List.of(r(10, 40), r(15, 20), r(40, 40))));
        assertEquals(List.of(r(1, 3), r(5, 6)), AgeRange.union(List.of(r(5, 6), r(1, 3), r(1, 3))));
    }

    @Test
    void theBriefsCaseKeepsItsGap() {
        // an offer for 60–99 must not hide that nobody serves 30–59
        assertEquals(List.of(r(18, 59), r(100, 120)), AgeRange.uncovered(List.of(r(0, 17), r(60, 99))));
        assertEquals(List.of(r(30, 59)), AgeRange.uncovered(List.of(r(0, 17), r(18, 29), r(60, 120))));
    }

    @Test
    void edgesOfTheAgesAreGapsOrNotExactly() {
        assertEquals(List.of(), AgeRange.uncovered(List.of(AgeRange.ALL)));
        assertEquals(List.of(r(0, 0), r(120, 120)), AgeRange.uncovered(List.of(r(1, 119))));
        assertEquals(List.of(r(1, 119)), AgeRange.uncovered(List.of(r(0, 0), r(120, 120))));
    }

    @Test
    void openEndsReachTheYoungestAndOldestAges() {
        assertEquals(Optional.of(r(65, 120)), AgeRange.named(65, null));
        assertEquals(Optional.of(r(0, 17)), AgeRange.named(null, 17));
        assertEquals(Optional.empty(), AgeRange.named(null, null));
        assertEquals(Optional.of(r(120, 120)), AgeRange.named(130, null), "clamped, never an error");
    }

    @Test
    void anOffersOwnAgesWinThenItsTargetGroupsThenNothing() {
        assertEquals(List.of(r(30, 60)), AgeRange.ofOffer(30, 60, List.of(r(1, 3))));
        assertEquals(List.of(r(1, 3), r(65, 120)), AgeRange.ofOffer(null, null, List.of(r(1, 3), r(65, 120))));
        assertEquals(List.of(), AgeRange.ofOffer(null, null, List.of()), "an offer 'for everyone' names no age");
    }

    @Test
    void refusesRangesOutsideTheAgesOrBackwards() {
        assertThrows(IllegalArgumentException.class, () -> r(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> r(5, 121));
        assertThrows(IllegalArgumentException.class, () -> r(9, 8));
    }

    @Test
    void uncoveredIsExactlyTheAgesNoRangeContains() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<AgeRange> ranges = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                int from = random.nextInt(121);
                ranges.add(r(from, from + random.nextInt(121 - from)));
            }
            List<AgeRange> uncovered = AgeRange.uncovered(ranges);
            for (int age = 0; age <= 120; age++) {
                int a = age;
                boolean covered = ranges.stream().anyMatch(x -> x.contains(a));
                assertEquals(!covered, uncovered.stream().anyMatch(x -> x.contains(a)), ranges + " at " + age);
            }
            for (int i = 1; i < uncovered.size(); i++) {
                assertTrue(uncovered.get(i).from() > uncovered.get(i - 1).to() + 1, "maximal and sorted: " + uncovered);
            }
        }
    }
}
