package org.kiezwerk.partner.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the outbox is being drained: the outbox connector (Debezium in Kafka Connect) reads this
 * database's replication slot {@code <database>_outbox}. Reported with readiness and as metrics
 * ({@code kiezwerk_outbox_connector_active}, {@code kiezwerk_outbox_replication_lag_bytes}; read at
 * most every five seconds). A connector that is away is no reason to refuse traffic (accepted writes
 * wait in the WAL, kept by the slot), so the check stays UP; it says {@code degraded} while no
 * connector reads the slot, and the alert KiezwerkOutboxNotDrained fires when that lasts
 * (docs/operators.md, "The outbox connector").
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    @Inject
    EntityManager em;

    private volatile Slot last = new Slot(false, false, 0);
    private volatile long readAt;

    /** The slot exists, a connector reads it, and how many bytes of WAL it has not yet confirmed. */
    record Slot(boolean exists, boolean active, long lagBytes) {
    }

    void metrics(@Observes StartupEvent start, MeterRegistry registry) {
        Gauge.builder("kiezwerk.outbox.connector.active", this, health -> health.slot().active() ? 1 : 0)
                .description("1 while the outbox connector reads this database's replication slot").register(registry);
        Gauge.builder("kiezwerk.outbox.replication.lag", this, health -> health.slot().lagBytes())
                .baseUnit("bytes").description("WAL written since the outbox connector's last confirmed position").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        Slot slot = slot();
        return HealthCheckResponse.named("outbox").up()
                .withData("slotExists", slot.exists())
                .withData("connectorActive", slot.active())
                .withData("lagBytes", slot.lagBytes())
                .withData("state", slot.active() ? "ok" : "degraded")
                .build();
    }

    Slot slot() {
        if (System.nanoTime() - readAt < 5_000_000_000L) {
            return last;
        }
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> {
                var rows = em.createNativeQuery("select active, coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)"
                        + " from pg_replication_slots where slot_name = current_database() || '_outbox'").getResultList();
                return rows.isEmpty() ? null : (Object[]) rows.get(0);
            });
            last = row == null ? new Slot(false, false, 0)
                    : new Slot(true, Boolean.TRUE.equals(row[0]), ((Number) row[1]).longValue());
        } catch (RuntimeException e) {
            // the database is away: its own check reports that; the outbox's state is unknown
            last = new Slot(last.exists(), false, last.lagBytes());
        }
        readAt = System.nanoTime();
        return last;
    }
}
