package org.kiezwerk.infra.connect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Parks an outbox record the broker refused for good. With {@code errors.tolerance=all} the worker
 * skips such a record so that it blocks nobody (KIP-779), and source connectors have no dead-letter
 * topic; this interceptor on the connector's producer writes what was skipped — the message's
 * CloudEvents id, type, source and subject (the aggregate id), the topic and the broker's reason — to
 * {@value #TOPIC}. The service that wrote the message reads that topic, keeps the entry until the
 * aggregate is sent again and reports it in its readiness (docs/operators.md, "A parked message").
 * The record itself is not kept: it is what could not be delivered (too large, typically), and the
 * service sends the aggregate's whole current state again when it is released.
 *
 * <p>Only final errors are parked: a {@link RetriableException} is retried by the producer, and a
 * producer closing while records are in flight fails them with a plain {@code KafkaException}; the
 * worker sends those again from its last committed offset.
 */
public final class ParkedRecords implements ProducerInterceptor<byte[], byte[]> {

    public static final String TOPIC = "kiezwerk.outbox.parked";

    private KafkaProducer<String, String> parking;
    private ExecutorService sender;

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> own = new HashMap<>();
        own.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, configs.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        for (String key : configs.keySet()) {
            // the same security settings as the connector's producer, nothing else of it (not this interceptor)
            if (key.startsWith("security.") || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                own.put(key, configs.get(key));
            }
        }
        own.put(ProducerConfig.CLIENT_ID_CONFIG, "kiezwerk-outbox-parking");
        own.put(ProducerConfig.ACKS_CONFIG, "all");
        own.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        own.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        own.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        parking = new KafkaProducer<>(own);
        // the acknowledgement runs on the producer's I/O thread, which must never wait for another send
        sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kiezwerk-outbox-parking");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
        if (!isFinal(exception) || metadata == null || TOPIC.equals(metadata.topic())) {
            return;
        }
        String topic = metadata.topic();
        String value = entry(topic, headers, exception, Instant.now());
        String key = header(headers, "ce_id");
        try {
            sender.execute(() -> parking.send(new ProducerRecord<>(TOPIC, key, value), (m, e) -> {
                if (e != null) {
                    // the worker has logged the skipped record already (errors.log.enable); this says it is not parked
                    System.err.println("kiezwerk-outbox-parking: could not park a record of " + topic + ": " + e);
                }
            }));
        } catch (RejectedExecutionException closing) {
            // the task is stopping: never throw on the producer's I/O thread; the worker's log still names the record
            System.err.println("kiezwerk-outbox-parking: stopping, not parked: a record of " + topic + ": " + exception);
        }
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        onAcknowledgement(metadata, exception, null);
    }

    /** A refusal that retrying will not change. */
    static boolean isFinal(Exception exception) {
        return exception instanceof ApiException && !(exception instanceof RetriableException);
    }

    /** The parked entry: a flat JSON object (docs/events.md, "kiezwerk.outbox.parked"). */
    static String entry(String topic, Headers headers, Exception reason, Instant parkedAt) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", header(headers, "ce_id"));
        fields.put("source", header(headers, "ce_source"));
        fields.put("type", header(headers, "ce_type"));
        fields.put("subject", header(headers, "ce_subject"));
        fields.put("topic", topic);
        fields.put("reason", reason.getClass().getSimpleName() + ": " + reason.getMessage());
        fields.put("parkedAt", parkedAt.toString());
        fields.values().removeIf(v -> v == null);
        return OutboxConnectors.toJson(fields);
    }

    private static String header(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.shutdown();
            try {
                sender.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (parking != null) {
            parking.close(Duration.ofSeconds(5));
        }
    }
}
