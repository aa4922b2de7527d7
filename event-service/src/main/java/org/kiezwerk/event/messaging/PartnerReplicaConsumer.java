package org.kiezwerk.event.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.exception.JDBCConnectionException;
import org.kiezwerk.commons.messaging.OutageRetry;
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
    @WithSpan("kiezwerk.partners.v1 replicate")
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
        OutageRetry.untilBack("database", Duration.ofMinutes(2), PartnerReplicaConsumer::unreachable, () -> {
            write.run();
            return null;
        });
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
                    || cause instanceof JDBCConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
