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
 * Reports the outbox backlog with readiness and as metrics ({@code kiezwerk_outbox_unsent},
 * {@code kiezwerk_outbox_oldest_unsent_age_seconds}, {@code kiezwerk_outbox_parked}; read at most
 * every five seconds): how many messages wait, how old the oldest is, and how many the relay parked.
 * Neither is a reason to refuse traffic (writes are safe in the outbox), so the check stays UP; with
 * parked messages it says {@code degraded} (and the alert KiezwerkOutboxParked fires): an operator
 * must look (docs/operators.md, "Parked messages").
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    @Inject
    EntityManager em;

    private volatile long[] last = {0, 0, 0};
    private volatile long readAt;

    void metrics(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start, io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.Gauge.builder("kiezwerk.outbox.unsent", this, health -> health.backlog()[0])
                .description("Messages written to the outbox and not yet acknowledged by Kafka").register(registry);
        io.micrometer.core.instrument.Gauge.builder("kiezwerk.outbox.oldest.unsent.age", this, health -> health.backlog()[1])
                .baseUnit("seconds").description("Age of the oldest message still waiting in the outbox").register(registry);
        io.micrometer.core.instrument.Gauge.builder("kiezwerk.outbox.parked", this, health -> health.backlog()[2])
                .description("Messages the relay gave up on (refused for a lasting reason); they wait for an operator").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        long[] backlog = backlog();
        return HealthCheckResponse.named("outbox").up()
                .withData("unsent", backlog[0])
                .withData("oldestUnsentAgeSeconds", backlog[1])
                .withData("parked", backlog[2])
                .withData("state", backlog[2] > 0 ? "degraded" : "ok")
                .build();
    }

    /** Waiting messages, the oldest one's age in seconds, parked messages; one query per five seconds at most. */
    long[] backlog() {
        if (System.nanoTime() - readAt < 5_000_000_000L) {
            return last;
        }
        Object[] backlog = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select count(*) filter (where parked_at is null), min(occurred_at) filter (where parked_at is null),"
                        + " count(*) filter (where parked_at is not null) from outbox_message").getSingleResult());
        long unsent = ((Number) backlog[0]).longValue();
        long oldestSeconds = backlog[1] == null ? 0
                : Duration.between(toTime(backlog[1]), OffsetDateTime.now()).toSeconds();
        last = new long[] {unsent, oldestSeconds, ((Number) backlog[2]).longValue()};
        readAt = System.nanoTime();
        return last;
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
