package org.kiezwerk.partner.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.kiezwerk.partner.config.OutboxConfig;
import org.kiezwerk.partner.repository.OutboxRepository;

/**
 * Publishes outbox rows to Kafka, oldest first, and marks a row sent only after the broker
 * acknowledged it. A row that fails stays unsent, with the error, and is tried again on the next
 * round; rows behind it wait, so that messages for one partner never overtake each other.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    @Channel("partners")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<Object> partners;

    @Inject
    OutboxRepository outbox;

    @Inject
    OutboxConfig config;

    private static volatile boolean started;

    /** Late among the start-up observers: the Kafka channels are wired by then. */
    void onStart(@jakarta.enterprise.event.Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000)
            io.quarkus.runtime.StartupEvent event) {
        started = true;
    }

    /** And stops them when it shuts down: a round after the database pool closed would only log an error. */
    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        started = false;
    }

    /** Skips the relay's rounds until the application has started, and after it began to stop. */
    public static class NotStarted implements Scheduled.SkipPredicate {
        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !started;
        }
    }

    @Scheduled(every = "${kiezwerk.outbox.poll-interval}", skipExecutionIf = NotStarted.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishPending() {
        int published;
        do {
            published = QuarkusTransaction.requiringNew().call(this::publishBatch);
        } while (published == config.batchSize());
    }

    /** Returns how many rows it published; fewer than a full batch ends the round. */
    int publishBatch() {
        List<OutboxMessage> batch = outbox.lockUnsent(config.batchSize());
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxMessage message : batch) {
            acks.add(send(message));
        }
        for (int i = 0; i < batch.size(); i++) {
            OutboxMessage message = batch.get(i);
            try {
                acks.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                message.sentAt = OffsetDateTime.now(ZoneOffset.UTC);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                message.attempts++;
                message.lastError = cause.toString();
                LOG.warnf("outbox message %s (%s for %s) not acknowledged, will retry: %s",
                        message.id, message.eventType, message.aggregateId, cause);
                // the ones behind it may have been delivered too; consumers drop such repeats by version
                return 0;
            }
        }
        return batch.size();
    }

    private CompletableFuture<Void> send(OutboxMessage message) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        if (message.payload == null) {
            return sendTombstone(message, acknowledged);
        }
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(message.id.toString())
                .withSource(URI.create(PartnerMessage.SOURCE))
                .withType(message.eventType)
                .withSubject(message.aggregateId.toString())
                .withTimestamp(message.occurredAt.toZonedDateTime())
                .withDataContentType("application/json")
                .build();
        RecordHeaders headers = new RecordHeaders();
        if (message.requestId != null) {
            headers.add("X-Request-Id", message.requestId.getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(message.aggregateId.toString())
                .withHeaders(headers)
                .build();
        return emit(message, Message.of(message.payload, Metadata.of(cloudEvent, record)), acknowledged);
    }

    /** A null value under the partner's key: no CloudEvent, only the request id. */
    private CompletableFuture<Void> sendTombstone(OutboxMessage message, CompletableFuture<Void> acknowledged) {
        RecordHeaders headers = new RecordHeaders();
        if (message.requestId != null) {
            headers.add("X-Request-Id", message.requestId.getBytes(StandardCharsets.UTF_8));
        }
        Record<String, String> tombstone = Record.of(message.aggregateId.toString(), null);
        return emit(message, Message.of(tombstone, Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(message.aggregateId.toString()).withHeaders(headers).build())), acknowledged);
    }

    private CompletableFuture<Void> emit(OutboxMessage row, Message<?> message, CompletableFuture<Void> acknowledged) {
        Metadata metadata = message.getMetadata();
        if (row.traceParent != null) {
            // publish under the trace of the request that wrote the row; the connector's producer span
            // becomes its child and travels on in the record's traceparent header
            metadata = metadata.with(TracingMetadata.withCurrent(TraceParents.context(row.traceParent)));
        }
        Message<Object> tracked = Message.<Object>of(message.getPayload(), metadata,
                () -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            partners.send(tracked);
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
