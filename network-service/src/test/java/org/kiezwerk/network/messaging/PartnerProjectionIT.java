package org.kiezwerk.network.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.LocalTraces;
import org.kiezwerk.infra.TopicReader;
import org.neo4j.driver.Driver;

/** Against the real Kafka and Neo4j from deploy/local-infra. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class PartnerProjectionIT {

    private static final String TOPIC = "kiezwerk.partners.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Driver driver;

    KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void projectsAPartnerOnceAndIgnoresRepeatsAndOlderVersions() throws Exception {
        String id = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        publish(id, first, "registered", partner(id, "Pfarrei St. Anna", 0));
        await("organisation " + id + " projected", () -> given().get("/api/v1/network/actors/" + id).statusCode() == 200);
        given().when().get("/api/v1/network/actors/" + id)
                .then().statusCode(200)
                .header("ETag", is("\"0\""))
                .body("type", is("organisation"))
                .body("name", is("Pfarrei St. Anna"))
                .body("kind", is("parish"))
                .body("neighbourhood", is("Lindenhof"))
                .body("version", is(0));
        Map<String, Object> before = node(id);

        // the same message again, then an older version, then a newer one: only the newer one counts
        publish(id, first, "registered", partner(id, "Pfarrei St. Anna", 0));
        publish(id, UUID.randomUUID().toString(), "updated", partner(id, "Stale name", 1));
        String newest = UUID.randomUUID().toString();
        publish(id, newest, "updated", partner(id, "Pfarrgemeinde St. Anna", 2));
        await("version 2 projected", () -> Long.valueOf(2).equals(node(id).get("version")));

        Map<String, Object> after = node(id);
        assertEquals("Pfarrgemeinde St. Anna", after.get("name"));
        assertEquals(newest, after.get("lastEventId"));
        assertNotEquals(before.get("projectedAt"), after.get("projectedAt"));
        assertEquals(1L, count(id), "MERGE on the id: one node, however often the message comes");

        // replaying what is already there changes nothing, not even the projection time
        publish(id, newest, "updated", partner(id, "Pfarrgemeinde St. Anna", 2));
        publish(id, first, "registered", partner(id, "Pfarrei St. Anna", 0));
        String marker = UUID.randomUUID().toString();
        publish(marker, UUID.randomUUID().toString(), "registered", partner(marker, "Marker", 0));
        await("marker projected after the replays", () -> count(marker) == 1);
        assertEquals(after, node(id));
    }

    @Test
    void removalRemovesTheNode() throws Exception {
        String id = UUID.randomUUID().toString();
        publish(id, UUID.randomUUID().toString(), "registered", partner(id, "Kita Sonnenschein", 0));
        await("projected", () -> count(id) == 1);
        publish(id, UUID.randomUUID().toString(), "removed", partner(id, "Kita Sonnenschein", 1));
        await("removed", () -> count(id) == 0);
        given().when().get("/api/v1/network/actors/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("/problems/not-found"));
    }

    @Test
    void unreadableMessagesGoToTheDeadLetterTopicAndDoNotBlockTheStream() throws Exception {
        try (KafkaConsumer<String, String> deadLetters = consumerAtEnd(TOPIC + ".dlq")) {
            String broken = UUID.randomUUID().toString();
            publish(broken, UUID.randomUUID().toString(), "registered", "{not json");
            String keyMismatch = UUID.randomUUID().toString();
            publish(keyMismatch, UUID.randomUUID().toString(), "registered", partner(UUID.randomUUID().toString(), "X", 0));
            String good = UUID.randomUUID().toString();
            publish(good, UUID.randomUUID().toString(), "registered", partner(good, "Sportverein Lindenhof", 0));

            await("the good message behind the broken ones is projected", () -> count(good) == 1);
            List<ConsumerRecord<String, String>> dead = new java.util.ArrayList<>();
            await("both broken messages on the dead-letter topic", () -> {
                deadLetters.poll(Duration.ofMillis(300)).forEach(dead::add);
                return dead.stream().map(ConsumerRecord::key).toList().containsAll(List.of(broken, keyMismatch));
            });
            ConsumerRecord<String, String> record = dead.stream().filter(r -> r.key().equals(broken)).findFirst().orElseThrow();
            assertEquals("{not json", record.value(), "the dead letter keeps the original message");
            assertNotNull(record.headers().lastHeader("dead-letter-reason"), "the dead letter says why");
            assertEquals(0L, count(broken));
            // and it is counted, by reason
            String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("kiezwerk_dead_letters_total{") && l.contains("topic=\"kiezwerk.partners.v1\"")
                    && l.contains("reason=\"JsonParseException\"")), metrics);
            assertTrue(metrics.contains("kiezwerk_projection_lag_seconds_count{topic=\"kiezwerk.partners.v1\"}"), metrics);
        }
    }

    @Test
    void constraintsComeFromMigrations() {
        List<String> constraints = driver.executableQuery("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
                .execute().records().get(0).get("names").asList(v -> v.asString());
        assertTrue(constraints.contains("organisation_id_unique"), constraints.toString());
    }

    @Test
    void projectingAMessageContinuesThePublishersTrace() throws Exception {
        String id = UUID.randomUUID().toString();
        LocalTraces.TraceParent publisher = LocalTraces.newTraceParent();
        publish(id, UUID.randomUUID().toString(), "registered", partner(id, "Kita Sonnenblume", 0), publisher.header());
        await("organisation " + id + " projected", () -> given().get("/api/v1/network/actors/" + id).statusCode() == 200);

        List<LocalTraces.Span> spans = LocalTraces.fromEnvironment().await(publisher.traceId(), Duration.ofSeconds(30),
                LocalTraces.has(s -> "CONSUMER".equals(s.kind()) && "network-service".equals(s.service())));
        LocalTraces.Span projection = spans.stream().filter(s -> "CONSUMER".equals(s.kind())).findFirst().orElseThrow();
        assertEquals(publisher.spanId(), projection.parentSpanId(), "the projection is the publishing span's child");
        assertEquals(TOPIC, projection.attributes().get("messaging.destination.name"));
        assertEquals("network-service", projection.attributes().get("messaging.consumer.group.name"),
                "names the consumer group: " + projection.attributes());
        List<LocalTraces.Span> withWork = LocalTraces.fromEnvironment().await(publisher.traceId(), Duration.ofSeconds(30),
                LocalTraces.has(s -> "kiezwerk.partners.v1 project".equals(s.name())));
        LocalTraces.Span work = withWork.stream().filter(s -> "kiezwerk.partners.v1 project".equals(s.name())).findFirst().orElseThrow();
        assertTrue(LocalTraces.descends(work, projection, withWork), "the projection's work hangs under the receive: " + withWork);
    }

    /**
     * A write that waits longer than a minute (a graph outage, here a lock held by another transaction) does not end
     * the projection: the Kafka connector closes a consumer for good when a record has waited 60 s (its default) to be
     * acknowledged, and a batch waiting for the graph holds its records unacknowledged for as long as it waits.
     */
    @Test
    void aWriteWaitingLongerThanAMinuteDoesNotEndTheProjection() throws Exception {
        String held = UUID.randomUUID().toString();
        publish(held, UUID.randomUUID().toString(), "registered", partner(held, "Tafel Lindenhof", 0));
        await("organisation " + held + " projected", () -> count(held) == 1);
        try (var session = driver.session(); var lock = session.beginTransaction()) {
            // another writer holds the node: the projection's update of it waits for the lock
            lock.run("MATCH (o:Organisation {id: $id}) SET o.heldByTest = true", Map.of("id", held)).consume();
            publish(held, UUID.randomUUID().toString(), "updated", partner(held, "Tafel Lindenhof e.V.", 1));
            Thread.sleep(Duration.ofSeconds(75).toMillis());
            lock.rollback();
        }
        Awaitility.await("the held update projected").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "Tafel Lindenhof e.V.".equals(node(held).get("name")));
        String after = UUID.randomUUID().toString();
        publish(after, UUID.randomUUID().toString(), "registered", partner(after, "Nachbarschaftscafé", 0));
        await("a partner published after the long wait is projected", () -> count(after) == 1);
    }

    private void publish(String key, String eventId, String kind, String value) throws Exception {
        publish(key, eventId, kind, value, null);
    }

    private void publish(String key, String eventId, String kind, String value, String traceParent) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, value);
        if (traceParent != null) {
            record.headers().add("traceparent", bytes(traceParent));
        }
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(eventId));
        record.headers().add("ce_source", bytes("/partner-service"));
        record.headers().add("ce_type", bytes("org.kiezwerk.partner." + kind + ".v1"));
        record.headers().add("ce_subject", bytes(key));
        record.headers().add("ce_time", bytes(Instant.now().toString()));
        producer.send(record).get();
    }

    private static String partner(String id, String name, int version) {
        return """
                {"id":"%s","name":"%s","kind":"parish","neighbourhood":"Lindenhof","version":%d,"futureField":true}"""
                .formatted(id, name, version);
    }

    private Map<String, Object> node(String id) {
        return driver.executableQuery("MATCH (o:Organisation {id: $id}) RETURN properties(o) AS p")
                .withParameters(Map.of("id", id)).execute().records().get(0).get("p").asMap();
    }

    private long count(String id) {
        return driver.executableQuery("MATCH (o:Organisation {id: $id}) RETURN count(o) AS n")
                .withParameters(Map.of("id", id)).execute().records().get(0).get("n").asLong();
    }

    private KafkaConsumer<String, String> consumerAtEnd(String topic) {
        return TopicReader.consumerAtEnd(bootstrapServers, topic);
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(condition);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
