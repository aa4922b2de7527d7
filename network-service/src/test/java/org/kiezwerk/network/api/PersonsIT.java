package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.neo4j.driver.Driver;

/** Persons against the real Neo4j: only with consent, hidden beyond their scope, erased without a trace. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class PersonsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Driver driver;

    @Test
    void onlyWithConsentVisibleWithinItsScopeAndErasedOnWithdrawal() throws Exception {
        String centre = UUID.randomUUID().toString();
        publishPartner(centre, "Begegnungszentrum");
        await(() -> given().get("/api/v1/network/actors/" + centre).statusCode() == 200);

        given().contentType(ContentType.JSON).body(Map.of("displayName", "Frau K."))
                .when().post("/api/v1/network/persons")
                .then().statusCode(400).body("errors.field", hasItem("consent"));

        String visible = given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Frau K. (Seniorenkreis)",
                        "consent", Map.of("scope", "public", "recordedBy", "Begegnungszentrum, Leitung"),
                        "affiliations", List.of(Map.of("organisationId", centre, "role", "volunteers_at"))))
                .when().post("/api/v1/network/persons")
                .then().statusCode(201).body("affiliations[0].organisation", is("Begegnungszentrum"))
                .extract().path("id");
        String hidden = given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Herr M.", "consent", Map.of("scope", "analysts", "recordedBy", "Quartiersbüro")))
                .when().post("/api/v1/network/persons")
                .then().statusCode(201).extract().path("id");
        given().when().get("/api/v1/network/persons/" + visible).then().statusCode(200).body("scope", is("public"));
        given().when().get("/api/v1/network/persons/" + hidden).then().statusCode(404);

        // two connecting conversations: an acquaintance, then a stronger one
        for (String topic : List.of("Nachbarschaftsfest", "Seniorenkreis")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("personA", visible, "personB", hidden, "date", "2026-10-0" + (topic.length() % 9 + 1), "topic", topic))
                    .when().post("/api/v1/network/conversations").then().statusCode(204);
        }
        given().when().get("/api/v1/network/persons/" + visible)
                .then().body("acquaintances[0].strength", is(2)).body("acquaintances[0].conversations", is(2));

        given().when().delete("/api/v1/network/persons/" + hidden + "/consent").then().statusCode(204);
        assertEquals(0L, count("MATCH (p:Person {id: $id}) RETURN count(p) AS n", hidden));
        assertEquals(0L, count("MATCH (:Person {id: $id})-[k]-() RETURN count(k) AS n", hidden));
        given().when().get("/api/v1/network/persons/" + visible).then().body("acquaintances", empty());
        given().when().delete("/api/v1/network/persons/" + hidden + "/consent").then().statusCode(404);

        given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "X", "consent", Map.of("scope", "everyone", "recordedBy", "Y")))
                .when().post("/api/v1/network/persons").then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "X", "consent", Map.of("scope", "public", "recordedBy", "Y"),
                        "affiliations", List.of(Map.of("organisationId", UUID.randomUUID(), "role", "leads"))))
                .when().post("/api/v1/network/persons").then().statusCode(422);
    }

    private long count(String cypher, String id) {
        try (var session = driver.session()) {
            return session.run(cypher, Map.of("id", id)).single().get("n").asLong();
        }
    }

    private void publishPartner(String id, String name) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>("kiezwerk.partners.v1", id,
                    "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"association\",\"version\":0}");
            record.headers().add("ce_type", "org.kiezwerk.partner.registered.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(300);
        }
        fail("not projected within 60 s");
    }
}
