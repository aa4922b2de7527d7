package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.TopicReader;

/** Repeating a PUT changes nothing: the same version and ETag, and no message announcing a change. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class RepeatedPutIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anIdenticalPutIsANoOpAndAChangedOneIsNot() {
        Fixtures areas = new Fixtures().build();
        Map<String, Object> partner = areas.partner("Stadtteilverein Wiederholung", "association");
        partner.put("languages", List.of("de", "ar"));
        partner.put("alternateNames", List.of("SV Wiederholung"));
        partner.put("addresses", List.of(Map.of("street", "Lindenweg 3", "postcode", "65187", "city", "Auenstadt",
                "lat", 50.1, "lon", 8.2)));
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(partner).when().put("/api/v1/partners/" + id)
                .then().statusCode(201).header("ETag", "\"0\"");

        Map<String, Object> offer = new HashMap<>(Map.of("partnerId", id, "name", "Sprachcafé", "category", "education",
                "targetGroups", List.of("children", "families"), "languages", List.of("de", "ar")));
        offer.put("ageMin", 30);
        offer.put("ageMax", 59);
        String offerId = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(offer).when().put("/api/v1/offers/" + offerId).then().statusCode(201);
        Map<String, Object> resource = Map.of("partnerId", id, "direction", "offered", "kind", "room", "name", "Saal",
                "capacity", 40, "equipment", List.of("Beamer"));
        String resourceId = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(resource).when().put("/api/v1/resources/" + resourceId).then().statusCode(201);
        String partnerTag = given().when().get("/api/v1/partners/" + id).then().statusCode(200).extract().header("ETag");
        String offerTag = given().when().get("/api/v1/offers/" + offerId).then().statusCode(200).extract().header("ETag");
        String resourceTag = given().when().get("/api/v1/resources/" + resourceId).then().statusCode(200).extract().header("ETag");

        try (KafkaConsumer<String, String> consumer = TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.partners.v1")) {
            // the same again, with the lists in another order where order does not matter
            Map<String, Object> samePartner = new HashMap<>(partner);
            given().contentType(ContentType.JSON).body(samePartner).when().put("/api/v1/partners/" + id)
                    .then().statusCode(200).header("ETag", partnerTag);
            Map<String, Object> sameOffer = new HashMap<>(offer);
            sameOffer.put("targetGroups", List.of("families", "children"));
            given().contentType(ContentType.JSON).body(sameOffer).when().put("/api/v1/offers/" + offerId)
                    .then().statusCode(200).header("ETag", offerTag);
            given().contentType(ContentType.JSON).body(resource).when().put("/api/v1/resources/" + resourceId)
                    .then().statusCode(200).header("ETag", resourceTag);
            assertEquals(List.of(), recordsFor(consumer, id, Duration.ofSeconds(3)), "no change was announced");

            // a real change is one new version and one message
            Map<String, Object> renamed = new HashMap<>(partner);
            renamed.put("name", "Stadtteilverein Wiederholung e. V.");
            given().contentType(ContentType.JSON).body(renamed).when().put("/api/v1/partners/" + id)
                    .then().statusCode(200).header("ETag", "\"" + (Long.parseLong(partnerTag.replace("\"", "")) + 1) + "\"");
            assertEquals(1, recordsFor(consumer, id, Duration.ofSeconds(5)).size());
        }

        // a neighbourhood too
        String areaId = Fixtures.area(areas.quarter, "quarter", areas.district, 50.099, 8.210);
        String areaTag = given().when().get("/api/v1/neighbourhoods/" + areaId).then().statusCode(200).extract().header("ETag");
        Fixtures.area(areas.quarter, "quarter", areas.district, 50.099, 8.210);
        given().when().get("/api/v1/neighbourhoods/" + areaId).then().statusCode(200).header("ETag", areaTag);
    }

    private static List<String> recordsFor(KafkaConsumer<String, String> consumer, String key, Duration window) {
        List<String> found = new ArrayList<>();
        Instant end = Instant.now().plus(window);
        while (Instant.now().isBefore(end)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    found.add(record.value());
                }
            }
        }
        return found;
    }
}
