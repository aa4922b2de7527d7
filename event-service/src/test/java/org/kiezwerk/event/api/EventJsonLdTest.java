package org.kiezwerk.event.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kiezwerk.event.domain.CostKind;
import org.kiezwerk.event.domain.EventStatus;
import org.kiezwerk.event.domain.Recurrence;
import org.kiezwerk.event.domain.SharedEvent;

/** Fast: a series' schema.org Schedule says when it ends, which dates it skips, and which week of the month it means. */
class EventJsonLdTest {

    @Test
    void theFirstMondayOfEveryMonthUntilTheSummerWithoutAugust() {
        SharedEvent event = event("FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270705T170000Z");
        event.exdates = List.of(LocalDateTime.parse("2027-04-05T19:00"));
        event.lastEnd = Recurrence.lastEnd(event);
        Map<String, Object> schedule = schedule(event);
        assertEquals("P1M", schedule.get("repeatFrequency"));
        assertEquals(List.of("https://schema.org/Monday"), schedule.get("byDay"));
        assertEquals(List.of(1), schedule.get("byMonthWeek"), "the first Monday, not every Monday");
        assertEquals("2027-07-05", schedule.get("endDate"), "the last occurrence's day, from UNTIL");
        assertEquals(List.of("2027-04-05T19:00"), schedule.get("exceptDate"));
    }

    @Test
    void weeklyAndCountedSeriesAndWeeksThatDoNotCombine() {
        SharedEvent weekly = event("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4");
        weekly.start = LocalDateTime.parse("2027-03-02T19:00"); // a Tuesday
        weekly.end = LocalDateTime.parse("2027-03-02T21:00");
        weekly.lastEnd = Recurrence.lastEnd(weekly);
        Map<String, Object> schedule = schedule(weekly);
        assertEquals(List.of("https://schema.org/Tuesday", "https://schema.org/Thursday"), schedule.get("byDay"));
        assertFalse(schedule.containsKey("byMonthWeek"));
        assertEquals(4, schedule.get("repeatCount"));
        assertEquals("2027-03-11", schedule.get("endDate")); // Tue 2, Thu 4, Tue 9, Thu 11 March
        assertFalse(schedule.containsKey("exceptDate"));

        // the first Monday and the third Wednesday: no byDay x byMonthWeek says that, so neither is said
        SharedEvent mixed = event("FREQ=MONTHLY;BYDAY=1MO,3WE");
        Map<String, Object> open = schedule(mixed);
        assertFalse(open.containsKey("byDay"));
        assertFalse(open.containsKey("byMonthWeek"));
        assertFalse(open.containsKey("endDate"), "no end: it recurs without one");
    }

    private static SharedEvent event(String rule) {
        SharedEvent event = new SharedEvent();
        event.id = UUID.randomUUID();
        event.title = "Elterncafé";
        event.timeZone = "Europe/Berlin";
        event.start = LocalDateTime.parse("2027-03-01T19:00");
        event.end = LocalDateTime.parse("2027-03-01T21:00");
        event.rrule = rule;
        event.status = EventStatus.CONFIRMED;
        event.costKind = CostKind.FREE;
        return event;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schedule(SharedEvent event) {
        return (Map<String, Object>) EventJsonLd.of(event, Map.of()).get("eventSchedule");
    }
}
