package org.kiezwerk.commons.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Query parameters read as text and checked here: JAX-RS would answer a value it cannot convert
 * with a bare 404; callers deserve a 400 that names the parameter.
 */
public final class QueryParams {

    /** Repeated parameters and comma-separated values both work: ?kind=a&kind=b or ?kind=a,b. */
    public static List<String> values(List<String> raw) {
        List<String> values = new ArrayList<>();
        if (raw != null) {
            for (String item : raw) {
                for (String part : item.split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.strip());
                    }
                }
            }
        }
        return values.stream().distinct().toList();
    }

    public static <E extends Enum<E>> List<E> enums(String name, List<String> raw, Class<E> type) {
        List<E> result = new ArrayList<>();
        for (String value : values(raw)) {
            result.add(oneEnum(name, value, type));
        }
        return result;
    }

    public static <E extends Enum<E>> E oneEnum(String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    public static Integer integer(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException(name, "must be a whole number from " + min + " to " + max);
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(name, "must be a UUID");
        }
    }

    public static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name, "must be an ISO-8601 time with offset, such as 2026-11-01T00:00:00Z");
        }
        // the database ends long before Java's year 999,999,999
        if (time.getYear() < 1900 || time.getYear() > 9999) {
            throw new InvalidQueryException(name, "must be a time between the years 1900 and 9999");
        }
        return time;
    }

    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidQueryException(name, "must be true or false");
        };
    }

    private QueryParams() {
    }
}
