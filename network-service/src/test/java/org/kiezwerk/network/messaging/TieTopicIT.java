package org.kiezwerk.network.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;
import static org.kiezwerk.network.Topics.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.TopicReader;
import org.kiezwerk.network.Topics;
import org.neo4j.driver.Driver;

/**
 * Tie changes on kiezwerk.ties.v1, against the real Kafka and Neo4j: what the API accepts is published, in
 * order, with its CloudEvents headers, and what the relay could not publish yet stays in the graph's outbox
 * until it can.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class TieTopicIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Driver driver;

    @Inject
    TieOutboxRelay relay;

    TopicReader topic;

    @BeforeEach
    void readFromTheEnd() {
        topic = TopicReader.atEnd(bootstrapServers, TieMessage.TOPIC);
    }

    @AfterEach
    void close() {
        relay.resume();
        topic.close();
    }

    @Test
    void assertedConfirmedEndedAndDeletedTiesArePublishedInOrderAsCloudEvents() throws Exception {
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        // areas of this run's own: the graph of earlier tests may place a "lindenhof" below a city
        String run = centre.substring(0, 8);
        publishPartner(centre, "Begegnungszentrum", "lindenhof-" + run, "auenstadt-sued-" + run);
        publishPartner(parish, "St. Markus", "weststadt-" + run, null);
        awaitActors(centre, parish);

        String requestId = "ties-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).header("X-Request-Id", requestId)
                .body(Map.of("from", centre, "to", parish, "kind", "shared_premises", "strength", 4, "since", "2025-09-01",
                        "assertedBy", centre))
                .when().post("/api/v1/network/ties").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("X-Request-Id", requestId).body(Map.of("by", parish))
                .when().post("/api/v1/network/ties/" + id + "/confirm").then().statusCode(200);
        given().contentType(ContentType.JSON).header("X-Request-Id", requestId).body(Map.of("until", "2026-12-31"))
                .when().post("/api/v1/network/ties/" + id + "/end").then().statusCode(200);
        // a refused change announces nothing
        given().contentType(ContentType.JSON).body(Map.of("by", centre))
                .when().post("/api/v1/network/ties/" + id + "/confirm").then().statusCode(422);
        given().header("X-Request-Id", requestId).when().delete("/api/v1/network/ties/" + id).then().statusCode(204);

        List<ConsumerRecord<String, String>> messages = awaitMessages(id, 5);
        assertEquals(List.of(TieMessage.ASSERTED, TieMessage.CONFIRMED, TieMessage.ENDED, TieMessage.REMOVED),
                messages.subList(0, 4).stream().map(r -> header(r, "ce_type")).toList(), "in the order of the changes");
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(
                Path.of(System.getProperty("kiezwerk.root", "../")).resolve("docs/schemas/tie-message.v1.schema.json").toUri());
        var ids = new HashSet<String>();
        for (ConsumerRecord<String, String> r : messages.subList(0, 4)) {
            assertEquals("1.0", header(r, "ce_specversion"));
            assertTrue(ids.add(UUID.fromString(header(r, "ce_id")).toString()), "ce_id unique");
            assertEquals("/network-service", header(r, "ce_source"));
            assertEquals(id, header(r, "ce_subject"));
            assertTrue(Duration.between(Instant.parse(header(r, "ce_time")), Instant.now()).abs().toMinutes() < 5);
            assertEquals("application/json", header(r, "content-type"));
            assertEquals(requestId, header(r, "X-Request-Id"));
            assertTrue(header(r, "traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"), header(r, "traceparent"));
            JsonNode value = JSON.readTree(r.value());
            var errors = schema.validate(value);
            assertTrue(errors.isEmpty(), errors + " in " + r.value());
        }
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> r : messages.subList(0, 4)) {
            values.add(JSON.readTree(r.value()));
        }
        assertEquals(List.of(0, 1, 2, 2), values.stream().map(v -> v.path("version").asInt()).toList());
        assertFalse(values.get(0).path("confirmed").asBoolean());
        assertTrue(values.get(1).path("confirmed").asBoolean());
        assertEquals("2026-12-31", values.get(2).path("until").asText());
        assertEquals("Begegnungszentrum", values.get(0).path("fromName").asText());
        assertEquals(List.of("auenstadt-sued-" + run, "lindenhof-" + run), JSON.convertValue(values.get(0).path("fromNeighbourhoods"), List.class));
        assertEquals(List.of("weststadt-" + run), JSON.convertValue(values.get(0).path("toNeighbourhoods"), List.class));

        ConsumerRecord<String, String> tombstone = messages.get(4);
        assertNull(tombstone.value(), "a tombstone after the removal");
        assertNull(header(tombstone, "ce_type"));
        assertEquals(1, new HashSet<>(messages.stream().map(ConsumerRecord::partition).toList()).size(), "one partition per tie");
        await(() -> pendingFor(id) == 0);
    }

    @Test
    void whatTheRelayCouldNotPublishStaysInTheOutboxAndIsPublishedLater() throws Exception {
        String club = UUID.randomUUID().toString();
        String school = UUID.randomUUID().toString();
        publishPartner(club, "TSV", "lindenhof", "auenstadt-sued");
        publishPartner(school, "Grundschule", "lindenhof", "auenstadt-sued");
        awaitActors(club, school);

        relay.pause(); // as if Kafka were away: the change is accepted all the same
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("from", club, "to", school, "kind", "joint_project", "strength", 3, "assertedBy", school))
                .when().post("/api/v1/network/ties").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("by", club))
                .when().post("/api/v1/network/ties/" + id + "/confirm").then().statusCode(200);
        assertEquals(2, pendingFor(id), "both changes wait in the outbox, in the graph");
        // for more than two sweeps (1 s in tests), nothing is published
        Awaitility.await("nothing published while paused").during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5))
                .until(() -> topic.matching(r -> id.equals(r.key())).isEmpty());
        assertEquals(2, pendingFor(id));

        relay.resume(); // not woken: the periodic sweep finds them
        List<ConsumerRecord<String, String>> messages = awaitMessages(id, 2);
        assertEquals(List.of(TieMessage.ASSERTED, TieMessage.CONFIRMED), messages.stream().map(r -> header(r, "ce_type")).toList());
        await(() -> pendingFor(id) == 0);

        // the organisation leaves the directory: its ties go with it, announced as removed
        try (var producer = Topics.producer(bootstrapServers)) {
            Topics.send(producer, "kiezwerk.partners.v1", club, "org.kiezwerk.partner.removed.v1",
                    "{\"id\":\"" + club + "\",\"name\":\"TSV\",\"kind\":\"association\",\"version\":1}");
        }
        List<ConsumerRecord<String, String>> removed = awaitMessages(id, 4);
        assertEquals(TieMessage.REMOVED, header(removed.get(2), "ce_type"));
        assertEquals(1, JSON.readTree(removed.get(2).value()).path("version").asInt(), "the last state");
        assertNull(removed.get(3).value());
    }

    private void publishPartner(String id, String name, String area, String parent) throws Exception {
        String neighbourhood = "{\"code\":\"" + area + "\",\"name\":\"" + area + "\",\"level\":\"quarter\",\"parentCode\":"
                + (parent == null ? "null" : "\"" + parent + "\"") + "}";
        Topics.publishPartner(bootstrapServers, id, "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"association\","
                + "\"neighbourhoods\":[" + neighbourhood + "],\"version\":0}");
    }

    private static void awaitActors(String... ids) throws InterruptedException {
        await(() -> java.util.Arrays.stream(ids).allMatch(id -> given().get("/api/v1/network/actors/" + id).statusCode() == 200));
    }

    private long pendingFor(String key) {
        return driver.executableQuery("MATCH (m:OutboxMessage {key: $key}) RETURN count(m) AS n").withParameters(Map.of("key", key))
                .execute().records().get(0).get("n").asLong();
    }

    private List<ConsumerRecord<String, String>> awaitMessages(String key, int count) throws InterruptedException {
        await(() -> topic.matching(r -> key.equals(r.key())).size() >= count);
        return topic.matching(r -> key.equals(r.key()));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return TopicReader.header(record, name);
    }
}
