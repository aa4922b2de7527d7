package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the network needs of a message on {@code kiezwerk.events.v1} (schema in
 * docs/schemas/event-message.v1.schema.json); unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventMessage(UUID id, String title, String category, String status, String firstStart, String lastEnd,
        String neighbourhood, List<Role> partners, Map<String, Phase> coProduction, Long version) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Role(UUID partnerId, String role, String contribution) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Phase(List<UUID> partners, Integer citizens, List<String> groups) {
    }

    void check(String key) {
        if (id == null || version == null || version < 0 || title == null || firstStart == null) {
            throw new IllegalArgumentException("event message needs id, title, firstStart and a version >= 0");
        }
        if (!id.toString().equals(key)) {
            throw new IllegalArgumentException("message key " + key + " is not the event id " + id);
        }
    }
}
