package org.kiezwerk.commons.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.kiezwerk.commons.outbox.OutboxRepository.ParkedSummary;

/**
 * Whether the outbox is being drained: the outbox connector (Debezium in Kafka Connect) reads this
 * database's replication slot {@code <database>_outbox}. Reported with readiness and as metrics
 * ({@code kiezwerk_outbox_connector_active}, {@code kiezwerk_outbox_replication_lag_bytes}; read at
 * most every five seconds). A connector that is away is no reason to refuse traffic (accepted writes
 * wait in the WAL, kept by the slot), so the check stays UP; it says {@code degraded} while no
 * connector reads the slot, and the alert KiezwerkOutboxNotDrained fires when that lasts
 * (docs/operators.md, "The outbox connector"). It also says {@code degraded} while a message the
 * connector could not deliver is parked ({@link ParkedMessages}; {@code kiezwerk_outbox_parked_messages},
 * alert KiezwerkOutboxParked) until its aggregate is sent again (docs/operators.md, "A parked message").
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class OutboxHealth implements HealthCheck {

    @Inject
    EntityManager em;

    @Inject
    OutboxRepository outbox;

    private volatile Slot last = new Slot(false, false, 0, new ParkedSummary(0, null));
    private volatile long readAt;

    /** The slot exists, a connector reads it, how many bytes of WAL it has not yet confirmed, and what is parked. */
    record Slot(boolean exists, boolean active, long lagBytes, ParkedSummary parked) {
    }

    void metrics(@Observes StartupEvent start, MeterRegistry registry) {
        Gauge.builder("kiezwerk.outbox.connector.active", this, health -> health.slot().active() ? 1 : 0)
                .description("1 while the outbox connector reads this database's replication slot").register(registry);
        Gauge.builder("kiezwerk.outbox.replication.lag", this, health -> health.slot().lagBytes())
                .baseUnit("bytes").description("WAL written since the outbox connector's last confirmed position").register(registry);
        Gauge.builder("kiezwerk.outbox.parked", this, health -> health.slot().parked().open())
                .baseUnit("messages").description("messages the outbox connector could not deliver whose aggregate was not sent again").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        Slot slot = slot();
        var response = HealthCheckResponse.named("outbox").up()
                .withData("slotExists", slot.exists())
                .withData("connectorActive", slot.active())
                .withData("lagBytes", slot.lagBytes())
                .withData("parked", slot.parked().open())
                .withData("state", slot.active() && slot.parked().open() == 0 ? "ok" : "degraded");
        if (slot.parked().oldest() != null) {
            response.withData("oldestParked", slot.parked().oldest());
        }
        return response.build();
    }

    Slot slot() {
        if (System.nanoTime() - readAt < 5_000_000_000L) {
            return last;
        }
        try {
            last = QuarkusTransaction.requiringNew().call(() -> {
                var rows = em.createNativeQuery("select active, coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)"
                        + " from pg_replication_slots where slot_name = current_database() || '_outbox'").getResultList();
                ParkedSummary parked = outbox.parkedSummary();
                if (rows.isEmpty()) {
                    return new Slot(false, false, 0, parked);
                }
                Object[] row = (Object[]) rows.get(0);
                return new Slot(true, Boolean.TRUE.equals(row[0]), ((Number) row[1]).longValue(), parked);
            });
        } catch (RuntimeException e) {
            // the database is away: its own check reports that; the outbox's state is unknown
            last = new Slot(last.exists(), false, last.lagBytes(), last.parked());
        }
        readAt = System.nanoTime();
        return last;
    }
}
