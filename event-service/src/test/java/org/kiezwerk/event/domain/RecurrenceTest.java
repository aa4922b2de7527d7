package org.kiezwerk.event.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Occurrences in Europe/Berlin across the daylight-saving changes of 2026 (29 March, 25 October):
 * the local start time stays, the UTC offset changes; exception dates are left out, cancelled
 * occurrences marked, COUNT and UNTIL end the series.
 */
class RecurrenceTest {

    static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");

    static SharedEvent event(LocalDateTime start, String rrule) {
        SharedEvent event = new SharedEvent();
        event.timeZone = "Europe/Berlin";
        event.start = start;
        event.end = start.plusHours(2);
        event.rrule = rrule;
        event.status = EventStatus.CONFIRMED;
        return event;
    }

    static List<OffsetDateTime> starts(List<Recurrence.Occurrence> occurrences) {
        return occurrences.stream().map(o -> o.start().toOffsetDateTime()).toList();
    }

    @Test
    void weeklyAcrossTheSpringChangeKeepsTheLocalTime() {
        SharedEvent event = event(LocalDateTime.parse("2026-03-18T19:00"), "FREQ=WEEKLY;COUNT=4");

        List<Recurrence.Occurrence> found = Recurrence.between(event, YEAR_START, YEAR_END);

        assertEquals(List.of(OffsetDateTime.parse("2026-03-18T19:00+01:00"), OffsetDateTime.parse("2026-03-25T19:00+01:00"),
                OffsetDateTime.parse("2026-04-01T19:00+02:00"), OffsetDateTime.parse("2026-04-08T19:00+02:00")), starts(found));
        // the same local time is an hour earlier in UTC once summer time has begun
        assertEquals(Instant.parse("2026-03-25T18:00:00Z"), found.get(1).start().toInstant());
        assertEquals(Instant.parse("2026-04-01T17:00:00Z"), found.get(2).start().toInstant());
        found.forEach(o -> assertEquals(LocalTime.of(21, 0), o.end().toLocalTime()));
    }

    @Test
    void dailyAcrossTheAutumnChangeKeepsTheLocalTime() {
        SharedEvent event = event(LocalDateTime.parse("2026-10-24T10:00"), "FREQ=DAILY;COUNT=3");

        List<Recurrence.Occurrence> found = Recurrence.between(event, YEAR_START, YEAR_END);

        assertEquals(List.of(OffsetDateTime.parse("2026-10-24T10:00+02:00"), OffsetDateTime.parse("2026-10-25T10:00+01:00"),
                OffsetDateTime.parse("2026-10-26T10:00+01:00")), starts(found));
        assertEquals(Instant.parse("2026-10-25T09:00:00Z"), found.get(1).start().toInstant());
    }

    @Test
    void anOccurrenceOnTheNightOfTheChangeLastsItsWallClockLength() {
        // 25 October 2026 has 25 hours: 01:00 to 03:00 local is three hours, the length stays two on the clock
        SharedEvent event = event(LocalDateTime.parse("2026-10-24T01:00"), "FREQ=DAILY;COUNT=2");

        List<Recurrence.Occurrence> found = Recurrence.between(event, YEAR_START, YEAR_END);

        assertEquals(OffsetDateTime.parse("2026-10-25T01:00+02:00"), found.get(1).start().toOffsetDateTime());
        assertEquals(OffsetDateTime.parse("2026-10-25T03:00+01:00"), found.get(1).end().toOffsetDateTime());
    }

    @Test
    void exceptionDatesAreLeftOutAndCancellationsMarked() {
        SharedEvent event = event(LocalDateTime.parse("2026-03-18T19:00"), "FREQ=WEEKLY;COUNT=4");
        event.exdates.add(LocalDateTime.parse("2026-03-25T19:00"));
        event.cancellations.add(OccurrenceCancellation.of(LocalDateTime.parse("2026-04-01T19:00"), "Osterferien"));

        List<Recurrence.Occurrence> found = Recurrence.between(event, YEAR_START, YEAR_END);

        assertEquals(List.of(OffsetDateTime.parse("2026-03-18T19:00+01:00"), OffsetDateTime.parse("2026-04-01T19:00+02:00"),
                OffsetDateTime.parse("2026-04-08T19:00+02:00")), starts(found));
        assertEquals(List.of(false, true, false), found.stream().map(Recurrence.Occurrence::cancelled).toList());
        assertEquals(true, Recurrence.occursAt(event, LocalDateTime.parse("2026-04-01T19:00")));
        assertEquals(false, Recurrence.occursAt(event, LocalDateTime.parse("2026-03-25T19:00")));
    }

    @Test
    void untilEndsTheSeriesAfterTheChange() {
        // UNTIL in UTC: 17:00Z is 19:00 in summer time, so 1 April is the last occurrence
        SharedEvent event = event(LocalDateTime.parse("2026-03-18T19:00"), "FREQ=WEEKLY;UNTIL=20260401T170000Z");

        List<Recurrence.Occurrence> found = Recurrence.between(event, YEAR_START, YEAR_END);

        assertEquals(3, found.size());
        assertEquals(OffsetDateTime.parse("2026-04-01T19:00+02:00"), found.get(2).start().toOffsetDateTime());
        assertEquals(OffsetDateTime.parse("2026-04-01T19:00Z"), Recurrence.lastEnd(event));
    }

    @Test
    void countEndsTheSeriesAndSetsItsLastEnd() {
        SharedEvent event = event(LocalDateTime.parse("2026-10-21T18:30"), "FREQ=WEEKLY;COUNT=2");

        assertEquals(OffsetDateTime.parse("2026-10-21T16:30Z"), Recurrence.firstStart(event));
        // the second is after the autumn change: 20:30 local is 19:30 UTC
        assertEquals(OffsetDateTime.parse("2026-10-28T19:30Z"), Recurrence.lastEnd(event));
        assertEquals(ZoneOffset.UTC, Recurrence.lastEnd(event).getOffset());
    }

    /**
     * Series ending with UNTIL, drawn at random (seeded): daily, weekly or monthly, every 1-3, from a few weeks to six years
     * long. The last end must be the end of the last occurrence the series has, as the occurrences themselves list them.
     * (It was taken from the first 1,000 occurrences: a daily series of three years ended in its third.)
     */
    @Test
    void untilGivesTheEndOfTheVeryLastOccurrenceHoweverManyThereAre() {
        String[] frequencies = {"DAILY", "WEEKLY", "MONTHLY"};
        for (long seed = 1; seed <= 60; seed++) {
            java.util.Random random = new java.util.Random(seed);
            LocalDateTime start = LocalDateTime.parse("2026-01-05T10:00").plusDays(random.nextInt(365)).plusMinutes(15 * random.nextInt(40));
            String frequency = frequencies[random.nextInt(seed <= 20 ? 1 : 3)]; // the first 20 daily: most beyond 1,000
            LocalDateTime until = start.plusDays(20 + random.nextInt(6 * 365));
            String rule = "FREQ=" + frequency + ";INTERVAL=" + (1 + random.nextInt(3)) + ";UNTIL="
                    + until.atZone(java.time.ZoneId.of("Europe/Berlin")).withZoneSameInstant(ZoneOffset.UTC)
                            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
            SharedEvent event = event(start, rule);
            List<Recurrence.Occurrence> all = Recurrence.between(event, Instant.parse("2025-01-01T00:00:00Z"),
                    Instant.parse("2040-01-01T00:00:00Z"));
            OffsetDateTime expected = all.get(all.size() - 1).end().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            assertEquals(expected, Recurrence.lastEnd(event), rule + " from " + start + " (" + all.size() + " occurrences)");
        }
    }

    @Test
    void untilMayGiveAtMostAHundredThousandOccurrences() {
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        LocalDateTime start = LocalDateTime.parse("2026-03-18T19:00");
        Recurrence.checkLength("FREQ=DAILY;UNTIL=20291231T000000Z", start, berlin); // three years and more: fine
        Recurrence.checkLength("FREQ=DAILY", start, berlin); // no end: nothing to go through
        Recurrence.checkLength("FREQ=WEEKLY;UNTIL=23991231T000000Z", start, berlin); // 19,000 weeks
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Recurrence.checkLength("FREQ=DAILY;UNTIL=99991231T000000Z", start, berlin));
        assertEquals("UNTIL may give at most 100000 occurrences", refused.getMessage());
    }

    @Test
    void aSeriesWithoutEndHasNoLastEnd() {
        assertNull(Recurrence.lastEnd(event(LocalDateTime.parse("2026-03-18T19:00"), "FREQ=MONTHLY")));
    }

    @Test
    void onlyTheWindowIsExpanded() {
        SharedEvent event = event(LocalDateTime.parse("2026-03-18T19:00"), "FREQ=WEEKLY");

        List<Recurrence.Occurrence> found = Recurrence.between(event, Instant.parse("2026-03-29T00:00:00Z"),
                Instant.parse("2026-04-06T00:00:00Z"));

        assertEquals(List.of(OffsetDateTime.parse("2026-04-01T19:00+02:00")), starts(found));
    }

    @Test
    void anOccurrenceStillRunningAtTheWindowsStartCounts() {
        SharedEvent event = event(LocalDateTime.parse("2026-03-18T19:00"), "FREQ=WEEKLY;COUNT=4");

        List<Recurrence.Occurrence> found = Recurrence.between(event, Instant.parse("2026-03-25T19:30:00Z"),
                Instant.parse("2026-03-25T20:00:00Z"));

        assertEquals(List.of(OffsetDateTime.parse("2026-03-25T19:00+01:00")), starts(found));
    }

    @Test
    void rulesKiezwerkDoesNotAcceptAreRefusedWithAReason() {
        assertEquals("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY",
                assertThrows(IllegalArgumentException.class, () -> Recurrence.check("FREQ=HOURLY")).getMessage());
        assertEquals("COUNT may be at most 1000",
                assertThrows(IllegalArgumentException.class, () -> Recurrence.check("FREQ=DAILY;COUNT=1001")).getMessage());
        Recurrence.check("FREQ=WEEKLY;BYDAY=WE;UNTIL=20261231T230000Z");
    }

    /**
     * Seeded rules with lists of hours, minutes and seconds: refused exactly when they give more than 24 start times a
     * day; an accepted one gives at most 24 occurrences in any day of its series (an expansion stays bounded by the days).
     */
    @Test
    void aRuleMayGiveAtMostTwentyFourStartTimesADay() {
        java.util.Random random = new java.util.Random(14);
        for (int run = 0; run < 60; run++) {
            java.util.TreeSet<Integer> hours = values(random, 24, random.nextInt(6) == 0 ? 24 : random.nextInt(6));
            java.util.TreeSet<Integer> minutes = values(random, 60, random.nextInt(4) == 0 ? 60 : random.nextInt(4));
            java.util.TreeSet<Integer> seconds = values(random, 60, random.nextInt(5) == 0 ? 1 + random.nextInt(60) : 0);
            StringBuilder rule = new StringBuilder("FREQ=DAILY");
            part(rule, "BYHOUR", hours);
            part(rule, "BYMINUTE", minutes);
            part(rule, "BYSECOND", seconds);
            long startTimes = (long) Math.max(1, hours.size()) * Math.max(1, minutes.size()) * Math.max(1, seconds.size());
            if (startTimes > Recurrence.MAX_START_TIMES_A_DAY) {
                assertEquals("BYHOUR, BYMINUTE and BYSECOND may give at most 24 start times a day",
                        assertThrows(IllegalArgumentException.class, () -> Recurrence.check(rule.toString()), rule.toString()).getMessage());
            } else {
                Recurrence.check(rule.toString());
                SharedEvent event = event(LocalDateTime.parse("2026-05-04T00:00"), rule.toString());
                event.end = event.start.plusMinutes(1);
                List<Recurrence.Occurrence> day = Recurrence.between(event, Instant.parse("2026-05-06T00:00:00Z"),
                        Instant.parse("2026-05-07T00:00:00Z"));
                assertTrue(day.size() <= Recurrence.MAX_START_TIMES_A_DAY, rule + ": " + day.size());
                assertEquals(startTimes, day.size(), rule.toString()); // every start time of the day, once
            }
        }
    }

    private static java.util.TreeSet<Integer> values(java.util.Random random, int range, int count) {
        java.util.TreeSet<Integer> values = new java.util.TreeSet<>();
        while (values.size() < Math.min(count, range)) {
            values.add(random.nextInt(range));
        }
        return values;
    }

    private static void part(StringBuilder rule, String name, java.util.Set<Integer> values) {
        if (!values.isEmpty()) {
            rule.append(';').append(name).append('=').append(String.join(",", values.stream().map(String::valueOf).toList()));
        }
    }
}
