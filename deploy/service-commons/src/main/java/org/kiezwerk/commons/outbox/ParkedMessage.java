package org.kiezwerk.commons.outbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A message the outbox connector could not deliver, as its ParkedRecords interceptor reports it on
 * {@code kiezwerk.outbox.parked} (docs/events.md): the message's CloudEvents id, source, type and
 * subject (the aggregate id), its topic and the broker's reason.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ParkedMessage(UUID id, String source, String type, String subject, String topic, String reason,
        OffsetDateTime parkedAt) {

    /** Whether this service (the source {@code ours}) wrote the message: the topic carries every service's parked messages. */
    public boolean isFrom(String ours) {
        return ours.equals(source) && id != null && topic != null && reason != null && parkedAt != null;
    }

    /** The aggregate id, or null for a tombstone (which has no subject). */
    public UUID aggregateId() {
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
