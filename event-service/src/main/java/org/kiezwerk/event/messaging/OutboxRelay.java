package org.kiezwerk.event.messaging;

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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.kiezwerk.event.config.OutboxConfig;
import org.kiezwerk.event.repository.OutboxRepository;

/**
 * Publishes outbox rows to Kafka, oldest first, and deletes a row only after the broker acknowledged
 * it. The relay is woken when a transaction that wrote the outbox commits, and also looks once per
 * poll interval (for rows of other instances and retries). A row that fails stays, with the error, and
 * the rows of the same aggregate behind it wait for it, so that messages for one aggregate never
 * overtake each other; other aggregates go on. A row refused for a lasting reason (too large, say)
 * is parked after {@code max-attempts}: kept with its reason for an operator, never in anyone's way.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    @Channel("events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<Object> events;

    @Inject
    OutboxRepository outbox;

    @Inject
    OutboxConfig config;

    private static volatile boolean started;

    /** One thread sends; wake-ups that come while it works are folded into its next pass. */
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    /** Late among the start-up observers: the Kafka channels are wired by then. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        started = true;
        wake();
    }

    /** And stops them when it shuts down: a round after the database pool closed would only log an error. */
    void onStop(@Observes ShutdownEvent event) {
        started = false;
        waker.shutdownNow();
    }

    /** Skips the relay's rounds until the application has started, and after it began to stop. */
    public static class NotStarted implements Scheduled.SkipPredicate {
        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !started;
        }
    }

    /** A transaction that wrote an outbox row committed: send it now rather than at the next round. */
    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxMessage message) {
        wake();
    }

    void wake() {
        if (started && wakeQueued.compareAndSet(false, true)) {
            try {
                waker.execute(() -> {
                    wakeQueued.set(false);
                    publishPending();
                });
            } catch (RejectedExecutionException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    @Scheduled(every = "${kiezwerk.outbox.poll-interval}", skipExecutionIf = NotStarted.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishPending() {
        wanted.set(true);
        // whoever holds the lock sees 'wanted' after its pass and goes round again
        while (started && wanted.get() && draining.tryLock()) {
            try {
                wanted.set(false);
                int published;
                do {
                    published = QuarkusTransaction.requiringNew().call(this::publishBatch);
                } while (published == config.batchSize() && started);
            } catch (RuntimeException e) {
                LOG.warnf("outbox round failed, will retry: %s", e.toString());
                return;
            } finally {
                draining.unlock();
            }
        }
    }

    /** Returns how many rows it delivered; fewer than a full batch ends the round. */
    int publishBatch() {
        List<OutboxMessage> batch = outbox.lockWaiting(config.batchSize());
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxMessage message : batch) {
            acks.add(send(message));
        }
        List<UUID> delivered = new ArrayList<>(batch.size());
        List<OutboxMessage> failed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            OutboxMessage message = batch.get(i);
            try {
                acks.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                delivered.add(message.id);
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (supersededLater(batch, i, acks)) {
                    // a later row of the same aggregate got through: it carries the newer full state
                    LOG.infof("outbox message %s (%s for %s) failed but a newer one for %s was delivered: dropped (%s)",
                            message.id, message.eventType, message.aggregateId, message.aggregateId, cause);
                    delivered.add(message.id);
                    continue;
                }
                message.attempts++;
                message.lastError = cause.toString();
                failed.add(message);
                if (message.attempts >= config.maxAttempts() && !passing(cause)) {
                    message.parkedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    LOG.errorf("outbox message %s (%s for %s) parked after %d attempts: %s (docs/operators.md, 'Parked messages')",
                            message.id, message.eventType, message.aggregateId, message.attempts, cause);
                } else {
                    LOG.warnf("outbox message %s (%s for %s) not acknowledged, will retry: %s",
                            message.id, message.eventType, message.aggregateId, cause);
                }
            }
        }
        outbox.deleteDelivered(delivered);
        // after a failure the round ends: a broker that is away is not asked again at once
        return failed.isEmpty() ? batch.size() : 0;
    }

    /** Whether a row after {@code index} of the same aggregate, with a payload, was acknowledged. */
    private static boolean supersededLater(List<OutboxMessage> batch, int index, List<CompletableFuture<Void>> acks) {
        OutboxMessage failed = batch.get(index);
        for (int j = batch.size() - 1; j > index; j--) {
            OutboxMessage later = batch.get(j);
            if (later.aggregateId.equals(failed.aggregateId) && later.payload != null && failed.payload != null) {
                CompletableFuture<Void> ack = acks.get(j);
                return ack.isDone() && !ack.isCompletedExceptionally();
            }
        }
        return false;
    }

    /** Failures that pass by themselves (broker away, timeouts): such rows are retried, never parked. */
    static boolean passing(Throwable cause) {
        for (Throwable e = cause; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof RetriableException || e instanceof TimeoutException
                    || e instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private CompletableFuture<Void> send(OutboxMessage message) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        if (message.payload == null) {
            return sendTombstone(message, acknowledged);
        }
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(message.id.toString())
                .withSource(URI.create(EventMessage.SOURCE))
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

    /** A null value under the event's key: no CloudEvent, only the request id. */
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
            events.send(tracked);
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
