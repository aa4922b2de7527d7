package org.kiezwerk.network;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** Test messages on the partner and event topics, as the producing services send them, and waiting for the projection. */
public final class Topics {

    private Topics() {
    }

    public static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Sends with the CloudEvents type and a fresh id. */
    public static void send(KafkaProducer<String, String> producer, String topic, String key, String type, String value)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    /** A partner's registration, as partner-service announces it (with its own producer, for a test's few messages). */
    public static void publishPartner(String bootstrapServers, String id, String value) throws Exception {
        try (KafkaProducer<String, String> producer = producer(bootstrapServers)) {
            send(producer, "kiezwerk.partners.v1", id, "org.kiezwerk.partner.registered.v1", value);
        }
    }

    /** A shared event message: the first partner hosts, the others co-host. */
    public static String event(String id, long version, String status, String... partners) {
        StringBuilder roles = new StringBuilder();
        for (int i = 0; i < partners.length; i++) {
            roles.append(i == 0 ? "" : ",").append("{\"partnerId\":\"").append(partners[i]).append("\",\"role\":\"")
                    .append(i == 0 ? "host" : "co_host").append("\"}");
        }
        return "{\"id\":\"" + id + "\",\"title\":\"Fest\",\"category\":\"festival\",\"status\":\"" + status
                + "\",\"firstStart\":\"2026-06-26T12:00:00Z\",\"lastEnd\":\"2026-06-26T18:00:00Z\",\"neighbourhood\":\"lindenhof\","
                + "\"partners\":[" + roles + "],\"coProduction\":{\"coDesign\":{\"partners\":[\"" + partners[0]
                + "\"],\"citizens\":12}},\"version\":" + version + "}";
    }

    public static void await(Callable<Boolean> condition) {
        Awaitility.await("projected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(condition);
    }
}
