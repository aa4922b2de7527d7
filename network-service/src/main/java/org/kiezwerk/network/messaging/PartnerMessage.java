package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * What the network needs of a message on {@code kiezwerk.partners.v1}. Unknown fields are ignored,
 * so that the partner-service can add fields without breaking this consumer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartnerMessage(UUID id, String name, String kind, String neighbourhood, Long version) {

    /** Rejects what cannot become a node; the message then goes to the dead-letter topic with this reason. */
    void check(String key) {
        if (id == null || version == null || version < 0 || name == null || name.isBlank()) {
            throw new IllegalArgumentException("partner message needs id, name and a version >= 0");
        }
        if (!id.toString().equals(key)) {
            throw new IllegalArgumentException("message key " + key + " is not the partner id " + id);
        }
    }
}
