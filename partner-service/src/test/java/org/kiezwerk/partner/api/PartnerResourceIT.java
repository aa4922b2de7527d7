package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.TopicReader;
import org.kiezwerk.partner.repository.PartnerRepository;

/** Against the real PostgreSQL and Kafka from deploy/local-infra. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class PartnerResourceIT {

    static final Fixtures AREAS = new Fixtures();
    static boolean built;

    @org.junit.jupiter.api.BeforeEach
    void areas() {
        if (!built) {
            AREAS.build();
            built = true;
        }
    }

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    PartnerRepository partners;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void registersReadsAndPublishesAPartnerWithCloudEventsHeaders() {
        try (KafkaConsumer<String, String> consumer = consumerAtEndOfPartnerTopic()) {
            String requestId = "it-" + UUID.randomUUID();
            String id = given().log().ifValidationFails().contentType(ContentType.JSON).header("X-Request-Id", requestId)
                    .body(AREAS.partner("Begegnungszentrum Lindenhof", "community_centre"))
                    .when().post("/api/v1/partners")
                    .then().statusCode(201)
                    .header("X-Request-Id", requestId)
                    .header("ETag", notNullValue())
                    .body("name", is("Begegnungszentrum Lindenhof"))
                    .body("kind", is("community_centre"))
                    .body("neighbourhoods[0].code", is(AREAS.quarter))
                    .body("version", is(0))
                    .extract().path("id");
            given().log().ifValidationFails().when().get("/api/v1/partners/" + id)
                    .then().statusCode(200)
                    .header("ETag", is("\"0\""))
                    .header("X-Request-Id", notNullValue())
                    .body("id", is(id))
                    .body("name", is("Begegnungszentrum Lindenhof"));

            ConsumerRecord<String, String> published = awaitRecord(consumer, id, Duration.ofSeconds(30));
            assertEquals("1.0", header(published, "ce_specversion"));
            assertEquals("/partner-service", header(published, "ce_source"));
            assertEquals("org.kiezwerk.partner.registered.v1", header(published, "ce_type"));
            assertEquals(id, header(published, "ce_subject"));
            assertDoesNotThrow(() -> UUID.fromString(header(published, "ce_id")));
            assertNotNull(header(published, "ce_time"));
            assertEquals(requestId, header(published, "X-Request-Id"));
            assertTrue(published.value().contains("\"name\":\"Begegnungszentrum Lindenhof\""), published.value());
            assertTrue(published.value().contains("\"version\":0"), published.value());

            // the outbox forgot the row in the transaction that wrote it
            assertOutboxForgot(UUID.fromString(header(published, "ce_id")));
        }
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyReturnsTheFirstAnswer() {
        String key = "retry-" + UUID.randomUUID();
        String name = "Seniorentreff " + key;
        Map<String, Object> body = AREAS.partner(name, "association");
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/partners")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().path("id");
        // the same request again, with other white space and field order: the same answer, no new partner
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{ \"neighbourhoods\": [\"" + AREAS.quarter + "\"], \"kind\": \"association\", \"name\": \"" + name + "\" }")
                .when().post("/api/v1/partners")
                .then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", "/api/v1/partners/" + first)
                .body("id", is(first))
                .body("name", is(name));
        assertEquals(1L, partnersNamed(name));

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(AREAS.partner(name + " (2)", "association"))
                .when().post("/api/v1/partners")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", is("/problems/idempotency-key-reused"));
        assertEquals(0L, partnersNamed(name + " (2)"));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOnePartner() throws Exception {
        String key = "race-" + UUID.randomUUID();
        String name = "Jugendtreff " + key;
        Map<String, Object> body = AREAS.partner(name, "initiative");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                        .when().post("/api/v1/partners").then().statusCode(201).extract().<String>path("id")));
            }
            String id = answers.get(0).get();
            for (var answer : answers) {
                assertEquals(id, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1L, partnersNamed(name));
    }

    @Test
    void rejectsAnUnusableIdempotencyKey() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "has spaces in it")
                .body(AREAS.partner("Kita", "day_care_centre"))
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("Idempotency-Key"));
    }

    private long partnersNamed(String name) {
        return QuarkusTransaction.requiringNew().call(() -> partners.count("name", name));
    }

    @Test
    void rejectsInvalidFieldsWithProblemDetails() {
        given().log().ifValidationFails().contentType(ContentType.JSON)
                .body(Map.of("name", " ", "kind", "community_centre"))
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("/problems/validation"))
                .body("status", is(400))
                .body("instance", is("/api/v1/partners"))
                .body("errors.field", containsInAnyOrder("name", "neighbourhoods"));

        given().log().ifValidationFails().contentType(ContentType.JSON)
                .body(AREAS.partner("Kita Sonnenschein", "kindergarten"))
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("kind"))
                .body("errors[0].message", containsString("day_care_centre"));

        given().log().ifValidationFails().contentType(ContentType.JSON)
                .body(AREAS.partner("x".repeat(201), "parish"))
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .body("errors[0].field", is("name"));

        given().log().ifValidationFails().contentType(ContentType.JSON)
                .body(AREAS.partner("Pfarrei\u0000St. Anna", "parish"))
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .body("errors[0].field", is("name"))
                .body("errors[0].message", containsString("NUL characters"));
        given().log().ifValidationFails().contentType(ContentType.JSON)
                .body(AREAS.partner("Pfarrei\u0007St. Anna", "parish"))
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .body("errors[0].field", is("name"))
                .body("errors[0].message", containsString("control characters"));
    }

    @Test
    void rejectsMalformedBodiesAndUnknownPartners() {
        given().log().ifValidationFails().contentType(ContentType.JSON).body("{\"name\": \"Kita\", ")
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("/problems/malformed-json"));

        given().log().ifValidationFails().contentType(ContentType.JSON).body("[1,2]")
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json");

        given().log().ifValidationFails().contentType(ContentType.JSON)
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json");

        given().log().ifValidationFails().contentType(ContentType.TEXT).body("name=Kita")
                .when().post("/api/v1/partners")
                .then().statusCode(415)
                .contentType("application/problem+json");

        given().log().ifValidationFails().when().get("/api/v1/partners/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("/problems/not-found"));

        given().log().ifValidationFails().when().get("/api/v1/partners/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    private KafkaConsumer<String, String> consumerAtEndOfPartnerTopic() {
        return TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.partners.v1");
    }

    private static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer, String key, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        return fail("no message with key " + key + " on kiezwerk.partners.v1 within " + timeout);
    }

    private void assertOutboxForgot(UUID outboxId) {
        Number rows = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "select count(*) from outbox_message where id = :id").setParameter("id", outboxId).getSingleResult());
        assertEquals(0, rows.intValue(), "outbox row " + outboxId + " is gone");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return TopicReader.header(record, name);
    }
}
