package org.kiezwerk.event.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kiezwerk.event.service.PartnerReplicas;

/**
 * Keeps the local replica of partner ids and names, and of the areas they name (with the areas above
 * them), from {@code kiezwerk.partners.v1}, in partition order and idempotently (by version). A removal also cancels or changes the partner's future events.
 * An unreadable message goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PartnerReplicaConsumer {

    @Inject
    ObjectMapper json;

    @Inject
    PartnerReplicas replicas;

    @Incoming("partners")
    @Blocking(ordered = true)
    // the connector's receive span ends at once; this one covers the work, and fails with it
    @io.opentelemetry.instrumentation.annotations.WithSpan("kiezwerk.partners.v1 replicate")
    public void consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            return; // the tombstone after a removal: the removal message did the work
        }
        PartnerMessage partner = json.readValue(record.value(), PartnerMessage.class);
        partner.check(record.key());
        String requestId = header(record, "X-Request-Id");
        whileDatabaseIsBack(() -> {
            if (PartnerMessage.REMOVED.equals(header(record, "ce_type"))) {
                replicas.removed(partner.id(), partner.name(), partner.version(), partner.areas(), requestId);
            } else {
                replicas.changed(partner.id(), partner.name(), partner.version(), partner.areas());
            }
        });
    }

    /**
     * A readable message must not end up in the dead-letter topic because PostgreSQL restarts: while
     * the database cannot be reached the write is retried (the partition waits, keeping order) for up
     * to two minutes.
     */
    private static void whileDatabaseIsBack(Runnable write) {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        long pauseMillis = 200;
        while (true) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (!unreachable(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("database not available (%s); retrying in %d ms", e.getMessage(), pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException || cause instanceof java.net.ConnectException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException
                    || cause instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PartnerReplicaConsumer.class);

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
