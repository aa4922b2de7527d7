package org.kiezwerk.event.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** An event search: occurrences in [from, to) of events that match every given filter. */
public record EventQuery(Instant from, Instant to, List<String> neighbourhoods, List<UUID> partners, List<String> targetGroups,
        Integer age, boolean freeOnly, boolean childcareOnly, boolean stepFreeOnly, List<EventCategory> categories, String q,
        List<TimeOfDay> timesOfDay) {

    /** The same search for other neighbourhood codes (a filter's codes with the areas below them). */
    public EventQuery withNeighbourhoods(List<String> codes) {
        return new EventQuery(from, to, List.copyOf(codes), partners, targetGroups, age, freeOnly, childcareOnly, stepFreeOnly,
                categories, q, timesOfDay);
    }

    /** When an occurrence starts, in its local time: what decides whether working parents can come. */
    public enum TimeOfDay {
        MORNING, AFTERNOON, EVENING;

        public static TimeOfDay of(LocalTime start) {
            return start.getHour() < 12 ? MORNING : start.getHour() < 17 ? AFTERNOON : EVENING;
        }
    }
}
