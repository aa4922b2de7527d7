package org.kiezwerk.event.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kiezwerk.commons.api.DependencyOutage;
import org.kiezwerk.commons.messaging.OutageRetry;
import org.kiezwerk.commons.messaging.ServiceStopping;
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

    @Inject
    Tracer tracer;

    /** Once the service stops, a failure under a waiting write is the stop (the pool closed), not the message's. */
    @Inject
    ServiceStopping stopping;

    /**
     * Acknowledged once replicated; an unreadable message or a failing write goes to the dead-letter topic (a nack,
     * through the channel's failure strategy); a message whose wait for the database the stop of the service ends is
     * neither, so that it is read again after the restart.
     */
    @Incoming("partners")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecord<String, String> message) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (ConsumerRecord<String, String>) m.getRecord()).orElseThrow();
        // the connector's receive span ends at once; this one covers the work, and fails with it
        Span span = tracer.spanBuilder("kiezwerk.partners.v1 replicate").setParent(TracingMetadata.fromMessage(message)
                .map(TracingMetadata::getCurrentContext).orElse(Context.root())).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            if (record.value() != null) { // a tombstone: the removal message before it did the work
                replicate(record);
            }
            return message.ack();
        } catch (OutageRetry.Stopped stopped) {
            return new CompletableFuture<>();
        } catch (JsonProcessingException | RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            return message.nack(e);
        } finally {
            span.end();
        }
    }

    private void replicate(ConsumerRecord<String, String> record) throws JsonProcessingException {
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
     * A readable message must not end up in the dead-letter topic because PostgreSQL restarts or is away: while
     * the database cannot be reached the write is retried, the partition waiting (keeping its order), for as long as
     * it takes (an error logged every two minutes).
     */
    private void whileDatabaseIsBack(Runnable write) {
        OutageRetry.untilBackOrStopped("database", Duration.ofMinutes(2), PartnerReplicaConsumer::unreachable, stopping::now, () -> {
            write.run();
            return null;
        });
    }

    /**
     * The database is away, not the message at fault: the services' one rule for that ({@link DependencyOutage}),
     * which also knows a server that is starting or stopping (57P0x: a PostgreSQL restart sent a change to the
     * dead-letter topic while the consumer kept a narrower rule) and a commit the server dropped mid-way.
     */
    static boolean unreachable(Throwable e) {
        return DependencyOutage.isOutage(e);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
