package org.kiezwerk.event.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** What event-service needs of a message on {@code kiezwerk.partners.v1}; the rest is ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartnerMessage(UUID id, String name, Long version) {

    static final String REMOVED = "org.kiezwerk.partner.removed.v1";

    /** Rejects what cannot be a partner; the message then goes to the dead-letter topic with this reason. */
    void check(String key) {
        if (id == null || version == null || version < 0 || name == null || name.isBlank()) {
            throw new IllegalArgumentException("partner message needs id, name and a version >= 0");
        }
        if (!id.toString().equals(key)) {
            throw new IllegalArgumentException("message key " + key + " is not the partner id " + id);
        }
    }
}
