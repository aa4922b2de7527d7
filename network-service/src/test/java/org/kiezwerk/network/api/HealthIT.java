package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.TestCallerIdentity;
import org.kiezwerk.network.Topics;
import static org.kiezwerk.network.Topics.await;
import static org.kiezwerk.network.Topics.event;
import static org.kiezwerk.network.Topics.send;

/** Network health of a small quarter, its snapshots and the change between two of them. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class HealthIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void figuresSnapshotsAndTheChangeBetweenTwo() throws Exception {
        String quarter = "health-" + UUID.randomUUID().toString().substring(0, 8);
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        // the city's figures (kept between requests until the ties change): read before, they must move with each change
        var city = given().when().get("/api/v1/analytics/health").then().statusCode(200).body("scope", is("city")).extract();
        int cityActors = city.path("actors");
        int cityTies = city.path("ties");
        try (KafkaProducer<String, String> producer = Topics.producer(bootstrapServers)) {
            for (String[] partner : new String[][] {{centre, "Zentrum"}, {parish, "Pfarrei"}, {club, "Verein"}}) {
                send(producer, "kiezwerk.partners.v1", partner[0], "org.kiezwerk.partner.registered.v1",
                        "{\"id\":\"" + partner[0] + "\",\"name\":\"" + partner[1] + "\",\"kind\":\"association\",\"neighbourhood\":\""
                                + quarter + "\",\"neighbourhoods\":[{\"code\":\"" + quarter + "\",\"name\":\"Q\",\"level\":\"quarter\"}],"
                                + "\"version\":0}");
            }
            // one event put on together, one alone
            String together = UUID.randomUUID().toString();
            String alone = UUID.randomUUID().toString();
            send(producer, "kiezwerk.events.v1", together, "org.kiezwerk.event.scheduled.v1", event(together, 0, "confirmed", centre, parish));
            send(producer, "kiezwerk.events.v1", alone, "org.kiezwerk.event.scheduled.v1", event(alone, 0, "confirmed", club));
        }
        // 404 until the first partner of the quarter is projected
        await(() -> {
            var health = given().queryParam("neighbourhood", quarter).get("/api/v1/analytics/health");
            return health.statusCode() == 200 && Integer.valueOf(2).equals(health.path("events"))
                    && Integer.valueOf(3).equals(health.path("actors"));
        });
        await(() -> Integer.valueOf(cityActors + 3).equals(given().get("/api/v1/analytics/health").path("actors")));
        given().when().get("/api/v1/analytics/health").then().statusCode(200)
                .body("ties", is(cityTies + 1)); // centre–parish, by the event they put on together
        String tie = given().contentType(ContentType.JSON)
                .body(Map.of("from", centre, "to", club, "kind", "partnership", "strength", 3, "assertedBy", centre))
                .when().post("/api/v1/network/ties").then().statusCode(201).extract().path("id");

        given().queryParam("neighbourhood", quarter).when().get("/api/v1/analytics/health").then().statusCode(200)
                .body("scope", is(quarter))
                .body("actors", is(3))
                .body("ties", is(2)) // centre–parish (co-production), centre–club (cooperation)
                .body("density", is(0.666667f))
                .body("clustering", is(0.0f))
                .body("components", is(1))
                .body("largestComponentShare", is(1.0f))
                .body("confirmedShare", is(0.0f))
                .body("coProducedShare", is(0.5f));
        given().when().get("/api/v1/analytics/health").then().statusCode(200)
                .body("actors", is(cityActors + 3))
                .body("ties", is(cityTies + 2)); // at once: a tie this service wrote is in the city's figures

        String first = given().queryParam("neighbourhood", quarter).when().post("/api/v1/analytics/health/snapshots")
                .then().statusCode(201).extract().path("takenAt");
        // snapshots are told apart by their second: wait until the clock has passed the first one's
        Awaitility.await().atMost(Duration.ofSeconds(3))
                .until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(OffsetDateTime.parse(first).toInstant()));
        given().contentType(ContentType.JSON).body(Map.of("by", club)).when().post("/api/v1/network/ties/" + tie + "/confirm")
                .then().statusCode(200);
        String second = given().queryParam("neighbourhood", quarter).when().post("/api/v1/analytics/health/snapshots")
                .then().statusCode(201).body("confirmedShare", is(1.0f)).extract().path("takenAt");

        // the scope is the query: a body (of any type) is a mistake, refused, and stores nothing
        given().queryParam("neighbourhood", quarter).contentType("text/plain").body("[1,2,3]")
                .when().post("/api/v1/analytics/health/snapshots").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("neighbourhood", quarter).contentType(ContentType.JSON).body(Map.of("neighbourhood", "elsewhere"))
                .when().post("/api/v1/analytics/health/snapshots").then().statusCode(400);
        given().queryParam("neighbourhood", quarter).when().get("/api/v1/analytics/health/snapshots")
                .then().statusCode(200).body("items.takenAt", contains(first, second));
        given().queryParam("neighbourhood", quarter).queryParam("from", first).queryParam("to", second)
                .when().get("/api/v1/analytics/health/change").then().statusCode(200)
                .body("from.takenAt", is(first)).body("to.takenAt", is(second))
                .body("difference.confirmedShare", is(1.0f))
                .body("difference.actors", is(0.0f));
        given().queryParam("neighbourhood", quarter).queryParam("from", "2020-01-01").queryParam("to", second)
                .when().get("/api/v1/analytics/health/change").then().statusCode(404);
        given().queryParam("from", "yesterday").queryParam("to", second)
                .when().get("/api/v1/analytics/health/change").then().statusCode(400);
        // taking snapshots is for analysts
        TestCallerIdentity.anonymously(() -> given().when().post("/api/v1/analytics/health/snapshots").then().statusCode(401));
    }
}
