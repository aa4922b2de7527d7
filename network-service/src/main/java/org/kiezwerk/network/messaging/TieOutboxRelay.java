package org.kiezwerk.network.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.kiezwerk.network.domain.TiesChanged;
import org.kiezwerk.network.graph.TieOutbox;

/**
 * Publishes the tie outbox (graph/TieOutbox) to {@code kiezwerk.ties.v1}: the pending OutboxMessage nodes
 * in the order of their {@code seq}, each deleted only after the broker acknowledged it (idempotent
 * producer, acks=all). partner-service and event-service leave this to Debezium's outbox connector, which
 * reads PostgreSQL's write-ahead log; Debezium cannot read Neo4j, so network-service relays its own
 * outbox (docs/decisions.md). It is woken right after a tie change commits and sweeps every
 * {@code kiezwerk.ties.relay.sweep} for whatever is left (Kafka was down, the service stopped in between).
 * At least once: a message whose acknowledgement was lost is sent again; consumers keep the highest
 * {@code version} per tie. One replica at a time publishes (a lease in the graph), so the last message on
 * a key is its latest state.
 */
@ApplicationScoped
public class TieOutboxRelay {

    private static final Logger LOG = Logger.getLogger(TieOutboxRelay.class);
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    TieOutbox outbox;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kiezwerk.ties.relay.enabled", defaultValue = "true")
    boolean enabled;

    /** How long to wait for the broker's acknowledgement before trying again at the next sweep. */
    @ConfigProperty(name = "kiezwerk.ties.relay.send-timeout", defaultValue = "30s")
    Duration sendTimeout;

    private final String holder = "network-service-" + UUID.randomUUID();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tie-outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean paused;
    private volatile boolean stopped;
    /** Used by the worker thread only. */
    private KafkaProducer<String, String> producer;

    /** Publishes what is pending, soon, on the relay's own thread (called after a tie change commits). */
    public void wake() {
        if (enabled && !paused && !stopped && queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                relay();
            });
        }
    }

    /** A use case changed ties: their messages are in the outbox now. */
    void onTiesChanged(@Observes TiesChanged change) {
        wake();
    }

    @Scheduled(every = "${kiezwerk.ties.relay.sweep:5s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wake();
    }

    /** Stops publishing (what is written stays in the outbox); for tests and operators' maintenance. */
    public void pause() {
        paused = true;
    }

    /** Publishes again, from the next sweep on. */
    public void resume() {
        paused = false;
    }

    void relay() {
        try {
            while (!paused && !stopped) {
                if (!outbox.lease(holder, LEASE)) {
                    return; // another replica publishes
                }
                List<TieOutbox.Pending> batch = outbox.pending(BATCH);
                if (batch.isEmpty()) {
                    return;
                }
                int acknowledged = publish(batch);
                if (acknowledged > 0) {
                    outbox.delete(batch.subList(0, acknowledged).stream().map(TieOutbox.Pending::id).toList());
                }
                if (acknowledged < batch.size()) {
                    return; // the rest at the next sweep, in order
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("ties: the outbox could not be relayed now (again at the next sweep): %s", e.getMessage());
        }
    }

    /** Sends the batch in order; returns how many from its start the broker acknowledged. */
    private int publish(List<TieOutbox.Pending> batch) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (TieOutbox.Pending message : batch) {
                sent.add(producer().send(record(message)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("ties: cannot send to Kafka: %s", e.getMessage());
        }
        int acknowledged = 0;
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged++;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("ties: Kafka did not acknowledge message %d of %d: %s", acknowledged + 1, batch.size(),
                        e.getCause() != null ? e.getCause().getMessage() : e.toString());
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (acknowledged < batch.size()) {
            closeProducer(); // a fresh producer for the next attempt: nothing in flight overtakes the retry
        }
        return acknowledged;
    }

    /** Key, value and the CloudEvents attributes in binary mode, as on the other topics (docs/events.md). */
    static ProducerRecord<String, String> record(TieOutbox.Pending message) {
        ProducerRecord<String, String> record = new ProducerRecord<>(message.topic(), message.key(), message.payload());
        if (message.type() != null) {
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", message.id());
            header(record, "ce_source", TieMessage.SOURCE);
            header(record, "ce_type", message.type());
            header(record, "ce_subject", message.key());
            header(record, "ce_time", message.time());
            header(record, "content-type", "application/json");
        }
        header(record, "X-Request-Id", message.requestId());
        header(record, "traceparent", message.traceParent());
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ProducerConfig.CLIENT_ID_CONFIG, "network-service-ties");
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
            properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
            properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(sendTimeout.toMillis(), 10_001)));
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debugf("ties: closing the producer: %s", e.getMessage());
            }
            producer = null;
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopped = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        try {
            outbox.release(holder);
        } catch (RuntimeException e) {
            LOG.debugf("ties: releasing the relay lease: %s", e.getMessage());
        }
    }
}
