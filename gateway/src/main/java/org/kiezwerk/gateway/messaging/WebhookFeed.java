package org.kiezwerk.gateway.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.WebhookConfig;
import org.kiezwerk.gateway.domain.WebhookSubscription;
import org.kiezwerk.gateway.repository.WebhookStore.NewDelivery;
import org.kiezwerk.gateway.repository.WebhookStore;

/**
 * Reads the partner, event and tie topics and records a delivery for every subscription a message is for.
 * The offsets are committed only after the deliveries are in the database, so a gateway that stops at any
 * point reads the rest again (a message recorded twice is skipped). A subscription gets the changes recorded
 * on the topic after it was made.
 */
@ApplicationScoped
public class WebhookFeed {

    private static final Logger LOG = Logger.getLogger(WebhookFeed.class);

    private final WebhookStore store;
    private final WebhookConfig config;
    private final WebhookCourier courier;
    private final ObjectMapper json;
    private final String bootstrapServers;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    WebhookFeed(WebhookStore store, WebhookConfig config, WebhookCourier courier, ObjectMapper json,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.store = store;
        this.config = config;
        this.courier = courier;
        this.json = json;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.consumerEnabled()) {
            LOG.info("webhooks: the topic consumer is off (kiezwerk.webhooks.consumer.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "webhook-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        KafkaConsumer<String, String> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // from the start of the (compacted) topics when the group is new: only messages newer than a
        // subscription are for it, so nothing old is sent
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-webhooks");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        // each poll reads the subscriptions and commits synchronously: a fetch that waits up to 200 ms for
        // more records (or 64 KB) makes a few polls a second under a stream of changes instead of one per
        // change (CPU per write, docs/benchmarks/write-lag.md); deliveries go out in rounds anyway
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        Duration backoff = Duration.ofSeconds(1);
        try (KafkaConsumer<String, String> reading = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer = reading;
            reading.subscribe(config.topics());
            while (running) {
                ConsumerRecords<String, String> records = reading.poll(Duration.ofSeconds(1));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    int recorded = store.record(deliveries(records), Instant.now());
                    reading.commitSync();
                    backoff = Duration.ofSeconds(1);
                    if (recorded > 0) {
                        courier.wake();
                    }
                } catch (RuntimeException e) {
                    // the database is down (or the commit failed): read the same messages again, later
                    LOG.warnf("webhooks: cannot record %d messages, again in %s: %s", records.count(), backoff, e.getMessage());
                    for (TopicPartition partition : records.partitions()) {
                        reading.seek(partition, records.records(partition).get(0).offset());
                    }
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "webhooks: the topic consumer stopped");
        } finally {
            consumer = null;
        }
    }

    /** The deliveries the messages make: one per message and subscription that wants it. */
    List<NewDelivery> deliveries(ConsumerRecords<String, String> records) {
        List<WebhookSubscription> subscriptions = store.subscriptions(null);
        List<NewDelivery> deliveries = new ArrayList<>();
        if (subscriptions.isEmpty()) {
            return deliveries;
        }
        for (ConsumerRecord<String, String> record : records) {
            String type = header(record, "ce_type");
            if (record.value() == null || type == null) {
                continue; // a tombstone: its removed message went before it
            }
            JsonNode data;
            try {
                data = json.readTree(record.value());
            } catch (IOException e) {
                LOG.warnf("webhooks: %s-%d@%d is not JSON; not offered to subscriptions", record.topic(), record.partition(), record.offset());
                continue;
            }
            Instant recorded = Instant.ofEpochMilli(record.timestamp());
            String payload = null;
            for (WebhookSubscription subscription : subscriptions) {
                if (recorded.isBefore(subscription.createdAt().truncatedTo(ChronoUnit.MILLIS))
                        || !subscription.wants(type, data)) {
                    continue;
                }
                if (payload == null) {
                    payload = structured(record, data).toString();
                }
                String id = header(record, "ce_id");
                String subject = header(record, "ce_subject");
                deliveries.add(new NewDelivery(subscription.id(),
                        id != null ? id : record.topic() + "-" + record.partition() + "-" + record.offset(), type,
                        subject != null ? subject : String.valueOf(record.key()), payload, recorded));
            }
        }
        return deliveries;
    }

    /** The CloudEvent in structured mode: its attributes from the ce_* headers, the value as data. */
    ObjectNode structured(ConsumerRecord<String, String> record, JsonNode data) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        for (String attribute : List.of("id", "source", "type", "subject", "time")) {
            String value = header(record, "ce_" + attribute);
            if (value != null) {
                event.put(attribute, value);
            }
        }
        String contentType = header(record, "content-type");
        event.put("datacontenttype", contentType != null ? contentType : "application/json");
        for (Header header : record.headers()) {
            String name = header.key();
            if (name.startsWith("ce_") && !event.has(name.substring(3)) && header.value() != null) {
                event.put(name.substring(3), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        event.set("data", data);
        return event;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
