package org.kiezwerk.event.api;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kiezwerk.event.domain.CostKind;
import org.kiezwerk.event.domain.SharedEvent;

/** An event as schema.org {@code Event} in JSON-LD, for search engines and linked-data consumers. */
final class EventJsonLd {

    static final String MEDIA_TYPE = "application/ld+json";

    private static final Map<String, String> DAYS = Map.of("MO", "Monday", "TU", "Tuesday", "WE", "Wednesday", "TH", "Thursday",
            "FR", "Friday", "SA", "Saturday", "SU", "Sunday");

    static Map<String, Object> of(SharedEvent e, Map<UUID, String> partnerNames) {
        Map<String, Object> ld = new LinkedHashMap<>();
        ld.put("@context", "https://schema.org");
        ld.put("@type", "Event");
        ld.put("@id", EventResource.PATH + e.id);
        ld.put("name", e.title);
        if (e.description != null) {
            ld.put("description", e.description);
        }
        ld.put("startDate", e.start.atZone(e.zone()).toOffsetDateTime().toString());
        ld.put("endDate", e.end.atZone(e.zone()).toOffsetDateTime().toString());
        ld.put("eventStatus", "https://schema.org/" + switch (e.status) {
            case CANCELLED -> "EventCancelled";
            case POSTPONED -> "EventPostponed";
            case PLANNED, CONFIRMED -> "EventScheduled";
        });
        boolean place = e.venuePartnerId != null || e.venueStreet != null || e.venueLat != null;
        ld.put("eventAttendanceMode", "https://schema.org/" + (e.onlineUrl == null ? "OfflineEventAttendanceMode"
                : place ? "MixedEventAttendanceMode" : "OnlineEventAttendanceMode"));
        List<Object> locations = new ArrayList<>();
        if (place) {
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("@type", "Place");
            String name = e.venuePartnerId != null ? partnerNames.get(e.venuePartnerId) : null;
            if (name != null || e.venueRoom != null) {
                location.put("name", name == null ? e.venueRoom : e.venueRoom == null ? name : name + ", " + e.venueRoom);
            }
            if (e.venueStreet != null || e.venueCity != null) {
                Map<String, Object> address = new LinkedHashMap<>();
                address.put("@type", "PostalAddress");
                putIf(address, "streetAddress", e.venueStreet);
                putIf(address, "postalCode", e.venuePostcode);
                putIf(address, "addressLocality", e.venueCity);
                location.put("address", address);
            }
            if (e.venueLat != null) {
                location.put("geo", Map.of("@type", "GeoCoordinates", "latitude", e.venueLat, "longitude", e.venueLon));
            }
            locations.add(location);
        }
        if (e.onlineUrl != null) {
            locations.add(Map.of("@type", "VirtualLocation", "url", e.onlineUrl));
        }
        if (!locations.isEmpty()) {
            ld.put("location", locations.size() == 1 ? locations.get(0) : locations);
        }
        ld.put("organizer", e.partners.stream().map(p -> p.partnerId).distinct().map(id -> {
            Map<String, Object> organizer = new LinkedHashMap<>();
            organizer.put("@type", "Organization");
            organizer.put("@id", "/api/v1/partners/" + id);
            putIf(organizer, "name", partnerNames.get(id));
            return organizer;
        }).toList());
        ld.put("isAccessibleForFree", e.costKind == CostKind.FREE);
        if (e.costKind == CostKind.FIXED && e.costAmount != null) {
            ld.put("offers", Map.of("@type", "Offer", "price", e.costAmount, "priceCurrency", "EUR"));
        }
        if (!e.targetGroups.isEmpty()) {
            ld.put("audience", Map.of("@type", "Audience", "audienceType", String.join(", ", e.targetGroups)));
        }
        if (e.ageMin != null || e.ageMax != null) {
            ld.put("typicalAgeRange", (e.ageMin == null ? "" : e.ageMin) + "-" + (e.ageMax == null ? "" : e.ageMax));
        }
        if (!e.languages.isEmpty()) {
            ld.put("inLanguage", e.languages);
        }
        if (e.capacity != null) {
            ld.put("maximumAttendeeCapacity", e.capacity);
        }
        if (e.rrule != null) {
            ld.put("eventSchedule", schedule(e));
        }
        return ld;
    }

    private static Map<String, Object> schedule(SharedEvent e) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("@type", "Schedule");
        schedule.put("scheduleTimezone", e.timeZone);
        schedule.put("startDate", e.start.toLocalDate().toString());
        schedule.put("startTime", e.start.toLocalTime().toString());
        schedule.put("endTime", e.end.toLocalTime().toString());
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : e.rrule.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                parts.put(kv[0], kv[1]);
            }
        }
        String interval = parts.getOrDefault("INTERVAL", "1");
        String unit = switch (parts.getOrDefault("FREQ", "")) {
            case "DAILY" -> "D";
            case "WEEKLY" -> "W";
            case "MONTHLY" -> "M";
            case "YEARLY" -> "Y";
            default -> null;
        };
        if (unit != null) {
            schedule.put("repeatFrequency", "P" + interval + unit);
        }
        if (parts.containsKey("BYDAY")) {
            // "1MO" is the first Monday of the month, not every Monday: schema.org says so with byMonthWeek, which holds for
            // every day listed, so it is given only when the days and their weeks combine that way (else neither is said)
            java.util.Set<String> weekdays = new java.util.LinkedHashSet<>();
            java.util.Set<Integer> weeks = new java.util.LinkedHashSet<>();
            java.util.Set<String> pairs = new java.util.HashSet<>();
            boolean plain = false;
            for (String day : parts.get("BYDAY").split(",")) {
                String weekday = day.replaceAll("^[+-]?\\d+", "");
                String week = day.substring(0, day.length() - weekday.length());
                if (!DAYS.containsKey(weekday)) {
                    continue;
                }
                weekdays.add(weekday);
                if (week.isEmpty()) {
                    plain = true;
                } else {
                    weeks.add(Integer.parseInt(week));
                    pairs.add(week + weekday);
                }
            }
            boolean everyWeek = weeks.isEmpty();
            boolean crossed = !plain && pairs.size() == weeks.size() * weekdays.size();
            if (everyWeek || crossed) {
                schedule.put("byDay", weekdays.stream().map(d -> "https://schema.org/" + DAYS.get(d)).toList());
            }
            if (crossed) {
                schedule.put("byMonthWeek", List.copyOf(weeks));
            }
        }
        if (parts.containsKey("COUNT")) {
            schedule.put("repeatCount", Integer.parseInt(parts.get("COUNT")));
        }
        if (e.lastEnd != null) {
            // the last occurrence's day, in the event's own time zone (COUNT or UNTIL; without either it recurs without end)
            schedule.put("endDate", e.lastEnd.atZoneSameInstant(java.time.ZoneId.of(e.timeZone)).toLocalDate().toString());
        }
        if (!e.exdates.isEmpty()) {
            schedule.put("exceptDate", e.exdates.stream().sorted().map(LocalDateTime::toString).toList());
        }
        return schedule;
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private EventJsonLd() {
    }
}
