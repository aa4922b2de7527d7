package org.kiezwerk.gateway.domain;

import java.time.Instant;
import java.util.UUID;

/** One message for one subscription, and how sending it went so far. */
public record WebhookDelivery(UUID id, long seq, UUID subscriptionId, String origin, String eventId, String eventType,
        String aggregate, String payload, Instant recordedAt, String status, int attempts, Instant nextAttemptAt,
        Instant lastAttemptAt, Integer lastStatus, String lastError, Integer lastLatencyMs, Instant deliveredAt,
        Instant createdAt) {
}
