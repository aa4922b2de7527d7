package org.kiezwerk.event.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;

/**
 * An event's occurrences, expanded with iCal4j from its RFC 5545 RRULE in the event's time zone:
 * wall-clock times stay put across daylight-saving changes, exception dates are left out and
 * cancelled occurrences are marked.
 */
public final class Recurrence {

    /** The most occurrences a finite rule (COUNT) may have; longer series recur without end. */
    public static final int MAX_COUNT = 1000;

    /**
     * The most occurrences a rule ending with UNTIL may have (a daily series of some 270 years): its last occurrence is
     * found by going through them all, so this bounds what one write may cost.
     */
    public static final int MAX_UNTIL_OCCURRENCES = 100_000;

    /**
     * The most start times a rule may give in one day (BYHOUR × BYMINUTE × BYSECOND). Each value of those parts is a
     * start time of every day the rule picks: {@code FREQ=DAILY;BYHOUR=0,…,23;BYMINUTE=0,…,59;BYSECOND=0,…,59} (under
     * 500 characters) gave 86,400 occurrences a day, and every search of a window with that series expanded them all.
     */
    public static final int MAX_START_TIMES_A_DAY = 24;

    public record Occurrence(ZonedDateTime start, ZonedDateTime end, boolean cancelled) {
    }

    /** Throws IllegalArgumentException with a reason if the rule is not one Kiezwerk accepts. */
    public static void check(String rrule) {
        Recur<ZonedDateTime> recur;
        try {
            recur = new Recur<>(rrule);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not an RFC 5545 RRULE (" + e.getMessage() + ")");
        }
        if (recur.getFrequency() == null) {
            throw new IllegalArgumentException("needs FREQ");
        }
        switch (recur.getFrequency()) {
            case SECONDLY, MINUTELY, HOURLY -> throw new IllegalArgumentException("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
            default -> {
            }
        }
        long startTimes = (long) Math.max(1, new HashSet<>(recur.getHourList()).size())
                * Math.max(1, new HashSet<>(recur.getMinuteList()).size()) * Math.max(1, new HashSet<>(recur.getSecondList()).size());
        if (startTimes > MAX_START_TIMES_A_DAY) {
            throw new IllegalArgumentException("BYHOUR, BYMINUTE and BYSECOND may give at most " + MAX_START_TIMES_A_DAY
                    + " start times a day");
        }
        if (recur.getCount() > MAX_COUNT) {
            throw new IllegalArgumentException("COUNT may be at most " + MAX_COUNT);
        }
    }

    /** Throws IllegalArgumentException if the rule's UNTIL gives the series from this start more than {@link #MAX_UNTIL_OCCURRENCES}. */
    public static void checkLength(String rrule, LocalDateTime start, ZoneId zone) {
        Recur<ZonedDateTime> recur = new Recur<>(rrule);
        if (recur.getUntil() == null) {
            return;
        }
        ZonedDateTime seed = start.atZone(zone);
        if (recur.getDates(seed, seed, until(recur.getUntil(), zone), MAX_UNTIL_OCCURRENCES + 1).size() > MAX_UNTIL_OCCURRENCES) {
            throw new IllegalArgumentException("UNTIL may give at most " + MAX_UNTIL_OCCURRENCES + " occurrences");
        }
    }

    private static ZonedDateTime until(Temporal until, ZoneId zone) {
        return until instanceof Instant instant ? instant.atZone(zone)
                : until instanceof ZonedDateTime zoned ? zoned
                : until instanceof LocalDateTime local ? local.atZone(zone)
                : LocalDate.from(until).atTime(23, 59, 59).atZone(zone);
    }

    public static List<Occurrence> between(SharedEvent event, Instant from, Instant to) {
        ZoneId zone = event.zone();
        Duration length = Duration.between(event.start, event.end);
        ZonedDateTime seed = event.start.atZone(zone);
        List<ZonedDateTime> starts = new ArrayList<>();
        if (event.rrule == null) {
            starts.add(seed);
        } else {
            // from minus the length: an occurrence that began earlier but still runs counts
            ZonedDateTime windowStart = from.minus(length).atZone(zone);
            ZonedDateTime windowEnd = to.atZone(zone);
            if (windowStart.isBefore(seed)) {
                windowStart = seed;
            }
            if (!windowEnd.isBefore(windowStart)) {
                Recur<ZonedDateTime> recur = new Recur<>(event.rrule);
                for (ZonedDateTime date : recur.getDates(seed, windowStart, windowEnd)) {
                    starts.add(date.withZoneSameInstant(zone));
                }
                // RFC 5545: DTSTART is always the first instance, even if the rule would not produce it
                if (!starts.contains(seed) && !seed.isBefore(windowStart) && seed.toInstant().isBefore(to)) {
                    starts.add(0, seed);
                }
            }
        }
        Set<LocalDateTime> excluded = new HashSet<>(event.exdates);
        Set<LocalDateTime> cancelled = new HashSet<>();
        event.cancellations.forEach(c -> cancelled.add(c.occurrence));
        boolean allCancelled = event.status == EventStatus.CANCELLED;
        List<Occurrence> occurrences = new ArrayList<>();
        for (ZonedDateTime start : starts) {
            LocalDateTime local = start.toLocalDateTime();
            ZonedDateTime end = local.plus(length).atZone(zone);
            if (!excluded.contains(local) && start.toInstant().isBefore(to) && end.toInstant().isAfter(from)) {
                occurrences.add(new Occurrence(start, end, allCancelled || cancelled.contains(local)));
            }
        }
        return occurrences;
    }

    /** Whether the series has an occurrence starting at this local time (for cancelling one). */
    public static boolean occursAt(SharedEvent event, LocalDateTime local) {
        Instant at = local.atZone(event.zone()).toInstant();
        return between(event, at, at.plusSeconds(1)).stream().anyMatch(o -> o.start().toLocalDateTime().equals(local));
    }

    /** The first start as an instant. */
    public static OffsetDateTime firstStart(SharedEvent event) {
        return event.start.atZone(event.zone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The end of the last occurrence as an instant, or null if the series recurs without end. */
    public static OffsetDateTime lastEnd(SharedEvent event) {
        ZoneId zone = event.zone();
        Duration length = Duration.between(event.start, event.end);
        if (event.rrule == null) {
            return event.end.atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        Recur<ZonedDateTime> recur = new Recur<>(event.rrule);
        ZonedDateTime seed = event.start.atZone(zone);
        ZonedDateTime horizon;
        int most;
        Temporal until = recur.getUntil();
        if (until != null) {
            horizon = until(until, zone);
            // every occurrence up to UNTIL: capped at COUNT's 1000, a daily series of three years ended in its third
            most = MAX_UNTIL_OCCURRENCES;
        } else if (recur.getCount() > 0) {
            horizon = seed.plusYears(100);
            most = MAX_COUNT;
        } else {
            return null;
        }
        List<ZonedDateTime> dates = recur.getDates(seed, seed, horizon, most);
        ZonedDateTime last = dates.isEmpty() ? seed : dates.get(dates.size() - 1).withZoneSameInstant(zone);
        return last.toLocalDateTime().plus(length).atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private Recurrence() {
    }
}
