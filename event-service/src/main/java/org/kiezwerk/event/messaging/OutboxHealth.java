package org.kiezwerk.event.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox backlog with readiness: how many messages wait and how old the oldest is. A
 * backlog is not a reason to refuse traffic (writes are safe in the outbox), so this is always UP;
 * it is there for operators and for tools that wait until everything is published.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    @Inject
    EntityManager em;

    @Override
    public HealthCheckResponse call() {
        Object[] backlog = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select count(*), min(occurred_at) from outbox_message where sent_at is null").getSingleResult());
        long unsent = ((Number) backlog[0]).longValue();
        long oldestSeconds = backlog[1] == null ? 0
                : Duration.between(toTime(backlog[1]), OffsetDateTime.now()).toSeconds();
        return HealthCheckResponse.named("outbox").up()
                .withData("unsent", unsent)
                .withData("oldestUnsentAgeSeconds", oldestSeconds)
                .build();
    }

    private static OffsetDateTime toTime(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected time type " + value.getClass());
    }
}
