package org.kiezwerk.network.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event organisations put on together, as the event directory publishes it.
 *
 * @param citizens the number of citizens in each co-production phase ({@code co_design} …)
 */
public record SharedEvent(UUID id, String title, String category, String status, String neighbourhood, String firstStart,
        String lastEnd, long version, List<Role> roles, Map<String, Integer> citizens, List<Involvement> involved) {

    /** A partner's role in an event. */
    public record Role(String partnerId, String role, String contribution) {
    }

    /** A partner involved in one co-production phase. */
    public record Involvement(String partnerId, String phase) {
    }
}
