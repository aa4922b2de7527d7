package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.TopicReader;
import org.kiezwerk.commons.api.MergePatch;

/** Writes through the API against the real PostgreSQL and Kafka: no lost update, every change announced. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class DirectoryWritesIT {

    static final Fixtures AREAS = new Fixtures();
    static boolean built;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void areas() {
        if (!built) {
            AREAS.build();
            built = true;
        }
    }

    @Test
    void aStaleIfMatchIsRefusedSoThatNoUpdateIsLost() {
        String id = Fixtures.create(AREAS.partner("Kita Regenbogen", "day_care_centre"));
        String etag = given().when().get("/api/v1/partners/" + id).then().statusCode(200).extract().header("ETag");
        assertEquals("\"0\"", etag);

        var replacement = AREAS.partner("Kita Regenbogen gGmbH", "day_care_centre");
        replacement.put("languages", List.of("de", "tr"));
        given().contentType(ContentType.JSON).header("If-Match", etag).body(replacement)
                .when().put("/api/v1/partners/" + id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("name", is("Kita Regenbogen gGmbH"))
                .body("languages", contains("de", "tr"))
                .body("version", is(1));

        // a second writer still holding version 0 loses, and the first change stays
        given().contentType(ContentType.JSON).header("If-Match", etag).body(AREAS.partner("Kita Alt", "day_care_centre"))
                .when().put("/api/v1/partners/" + id)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", is("/problems/version-mismatch"));
        given().contentType(MergePatch.MEDIA_TYPE).header("If-Match", etag).body("{\"name\": \"Kita Alt\"}")
                .when().patch("/api/v1/partners/" + id)
                .then().statusCode(412);
        given().header("If-Match", etag).when().delete("/api/v1/partners/" + id).then().statusCode(412);
        given().when().get("/api/v1/partners/" + id).then().body("name", is("Kita Regenbogen gGmbH"));

        given().contentType(ContentType.JSON).header("If-Match", "W/\"1\", \"2\"").body(replacement)
                .when().put("/api/v1/partners/" + id)
                .then().statusCode(400).body("errors[0].field", is("If-Match"));
    }

    @Test
    void aMergePatchChangesOnlyWhatItNamesAndNullRemoves() {
        var body = Fixtures.at(AREAS.partner("Seniorentreff Am Park", "association"), 50.1, 8.2);
        body.put("email", "info@seniorentreff.example.org");
        body.put("description", "Offener Treff");
        String id = Fixtures.create(body);

        given().contentType(MergePatch.MEDIA_TYPE).header("If-Match", "\"0\"")
                .body("{\"description\": null, \"phone\": \"+49 6101 555\", \"neighbourhoods\": [\"" + AREAS.otherQuarter + "\"]}")
                .when().patch("/api/v1/partners/" + id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("name", is("Seniorentreff Am Park"))
                .body("email", is("info@seniorentreff.example.org"))
                .body("phone", is("+49 6101 555"))
                .body("description", nullValue())
                .body("addresses[0].lat", is(50.1f))
                .body("neighbourhoods.code", contains(AREAS.otherQuarter));

        // the result must be valid as a whole
        given().contentType(MergePatch.MEDIA_TYPE).body("{\"name\": null, \"kind\": \"castle\"}")
                .when().patch("/api/v1/partners/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(MergePatch.MEDIA_TYPE).body("{\"neighbourhoods\": []}")
                .when().patch("/api/v1/partners/" + id)
                .then().statusCode(400).body("errors.field", hasItem("neighbourhoods"));
        given().contentType(MergePatch.MEDIA_TYPE).body("[1]")
                .when().patch("/api/v1/partners/" + id)
                .then().statusCode(400);
        given().when().get("/api/v1/partners/" + id).then().body("version", is(1));
    }

    @Test
    void putCreatesUnderTheCallersIdAndIsIdempotent() {
        String id = UUID.randomUUID().toString();
        var body = AREAS.partner("Tauschring Süd", "initiative");
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/partners/" + id)
                .then().statusCode(201).header("Location", "/api/v1/partners/" + id).body("version", is(0));
        // the same PUT again: replaced, not duplicated
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/partners/" + id)
                .then().statusCode(200).body("id", is(id));
        // If-Match on something that does not exist fails
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body)
                .when().put("/api/v1/partners/" + UUID.randomUUID())
                .then().statusCode(412);
    }

    @Test
    void unknownReferencesAreNamedFieldByField() {
        var body = AREAS.partner("Initiative Nirgendwo", "initiative");
        body.put("neighbourhoods", List.of(AREAS.quarter, "atlantis"));
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/partners")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", is("/problems/invalid-reference"))
                .body("errors[0].field", is("neighbourhoods[1]"))
                .body("errors[0].message", containsString("atlantis"));
        // one area alone is looked up another way (NeighbourhoodRepository.findByCodes): refused the same
        body.put("neighbourhoods", List.of("atlantis"));
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/partners/" + UUID.randomUUID())
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", is("/problems/invalid-reference"))
                .body("errors[0].field", is("neighbourhoods[0]"))
                .body("errors[0].message", containsString("atlantis"));

        String partner = Fixtures.create(AREAS.partner("Verein mit Angebot", "association"));
        given().contentType(ContentType.JSON)
                .body(Map.of("partnerId", partner, "name", "Kurs", "category", "knitting", "targetGroups", List.of("seniors", "martians")))
                .when().post("/api/v1/offers")
                .then().statusCode(422)
                .body("errors.field", containsInAnyOrder("category", "targetGroups[1]"));
        given().contentType(ContentType.JSON)
                .body(Map.of("partnerId", partner, "name", "Kurs", "category", "sports", "ageMin", 60, "ageMax", 30))
                .when().post("/api/v1/offers")
                .then().statusCode(400).body("errors[0].message", containsString("ageMin"));
        given().contentType(ContentType.JSON)
                .body(Map.of("partnerId", partner, "name", "Kurs", "category", "sports",
                        "schedules", List.of(Map.of("freq", "WEEKLY", "byDay", "MONDAY", "opensAt", "25:00"))))
                .when().post("/api/v1/offers")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("schedules[0].byDay", "schedules[0].opensAt"));
        given().contentType(ContentType.JSON)
                .body(Map.of("partnerId", partner, "direction", "offered", "kind", "equipment", "name", "Beamer", "capacity", 3))
                .when().post("/api/v1/resources")
                .then().statusCode(400).body("errors[0].message", containsString("rooms"));
        given().contentType(ContentType.JSON)
                .body(Map.of("partnerId", UUID.randomUUID(), "direction", "needed", "kind", "room", "name", "Raum"))
                .when().post("/api/v1/resources")
                .then().statusCode(422).body("errors[0].field", is("partnerId"));
    }

    @Test
    void everyChangeIsAnnouncedInOrderAndARemovalEndsWithATombstone() {
        try (KafkaConsumer<String, String> consumer = consumerAtEndOfPartnerTopic()) {
            String id = Fixtures.create(AREAS.partner("Familienzentrum Ost", "community_centre"));
            String offer = Fixtures.offer(id, "Krabbelgruppe", "family_education", List.of("toddlers", "parents"), 1, 3);
            Fixtures.resource(id, "offered", "room", "Gruppenraum");
            given().contentType(MergePatch.MEDIA_TYPE).body("{\"name\": \"Krabbelgruppe Ost\"}")
                    .when().patch("/api/v1/offers/" + offer).then().statusCode(200).body("name", is("Krabbelgruppe Ost"));
            given().when().get("/api/v1/partners/" + id).then().body("version", is(3));
            given().when().delete("/api/v1/partners/" + id).then().statusCode(204);
            given().when().get("/api/v1/partners/" + id).then().statusCode(404);
            given().when().get("/api/v1/offers/" + offer).then().statusCode(404);

            List<ConsumerRecord<String, String>> records = awaitRecords(consumer, id, 6, Duration.ofSeconds(30));
            assertEquals(List.of("org.kiezwerk.partner.registered.v1", "org.kiezwerk.partner.updated.v1",
                    "org.kiezwerk.partner.updated.v1", "org.kiezwerk.partner.updated.v1", "org.kiezwerk.partner.removed.v1"),
                    records.subList(0, 5).stream().map(r -> header(r, "ce_type")).toList());
            for (int version = 0; version < 4; version++) {
                assertTrue(records.get(version).value().contains("\"version\":" + version), records.get(version).value());
            }
            assertTrue(records.get(1).value().contains("\"targetGroups\":[\"parents\",\"toddlers\"]"), records.get(1).value());
            assertTrue(records.get(2).value().contains("\"kind\":\"room\""), records.get(2).value());
            assertTrue(records.get(3).value().contains("Krabbelgruppe Ost"), records.get(3).value());
            // what is published is what docs/schemas/partner-message.v1.schema.json documents
            com.networknt.schema.JsonSchema documented = com.networknt.schema.JsonSchemaFactory
                    .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
                    .getSchema(java.nio.file.Path.of(System.getProperty("kiezwerk.root", "../"))
                            .resolve("docs/schemas/partner-message.v1.schema.json").toUri());
            for (ConsumerRecord<String, String> record : records.subList(0, 5)) {
                var errors = documented.validate(readJson(record.value()));
                assertTrue(errors.isEmpty(), errors + " in " + record.value());
            }
            // each neighbourhood names the whole chain above it, so that consumers nest areas as the directory does
            var area = readJson(records.get(0).value()).get("neighbourhoods").get(0);
            assertEquals(AREAS.quarter, area.get("code").asText());
            assertEquals(List.of(AREAS.district, AREAS.city), java.util.stream.StreamSupport.stream(area.get("ancestors").spliterator(), false)
                    .map(a -> a.get("code").asText()).toList());
            assertEquals(List.of("district", "city"), java.util.stream.StreamSupport.stream(area.get("ancestors").spliterator(), false)
                    .map(a -> a.get("level").asText()).toList());
            ConsumerRecord<String, String> tombstone = records.get(5);
            assertNull(tombstone.value(), "the removal is followed by a tombstone");
            assertNull(header(tombstone, "ce_type"), "a tombstone is no CloudEvent");
            assertEquals(records.get(0).partition(), tombstone.partition(), "one partition per partner keeps the order");
        }
    }

    @Test
    void aLikelyDuplicateIsReportedAndCanBeMergedIn() {
        String original = given().contentType(ContentType.JSON)
                .body(Fixtures.at(AREAS.partner("Kinderhaus Sonnenblume", "day_care_centre"), AREAS.lat, AREAS.lon))
                .when().post("/api/v1/partners").then().statusCode(201).extract().path("id");
        var again = Fixtures.at(AREAS.partner("Kinderhaus Sonnenblume e.V.", "day_care_centre"), AREAS.lat + 0.0005, AREAS.lon);
        again.put("phone", "+49 6101 999");
        again.put("alternateNames", List.of("Sonnenblume"));
        given().contentType(ContentType.JSON).body(again).when().post("/api/v1/partners")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", is("/problems/likely-duplicate"))
                .body("candidates[0].id", is(original))
                .body("candidates[0].distanceMetres", lessThan(100));
        String duplicate = given().contentType(ContentType.JSON).queryParam("duplicateCheck", false).body(again)
                .when().post("/api/v1/partners").then().statusCode(201).extract().path("id");
        String offer = Fixtures.offer(duplicate, "Eltern-Café", "family_education", List.of("parents"), null, null);
        String resource = Fixtures.resource(duplicate, "offered", "room", "Bewegungsraum");
        // another name at the same place is no duplicate
        given().contentType(ContentType.JSON)
                .body(Fixtures.at(AREAS.partner("Fahrradwerkstatt Rostfrei", "initiative"), AREAS.lat, AREAS.lon))
                .when().post("/api/v1/partners").then().statusCode(201);

        given().contentType(ContentType.JSON).body(Map.of("duplicateId", duplicate))
                .when().post("/api/v1/partners/" + original + "/merge")
                .then().statusCode(200)
                .body("name", is("Kinderhaus Sonnenblume"))
                .body("alternateNames", containsInAnyOrder("Kinderhaus Sonnenblume e.V.", "Sonnenblume"))
                .body("phone", is("+49 6101 999"))
                .body("addresses", hasSize(1)); // the same street and postcode once
        given().when().get("/api/v1/partners/" + duplicate).then().statusCode(404);
        given().when().get("/api/v1/offers/" + offer).then().statusCode(200).body("partnerId", is(original));
        given().when().get("/api/v1/resources/" + resource).then().statusCode(200).body("partnerId", is(original));
        given().when().get("/api/v1/partners/" + original + "/offers").then().body("id", contains(offer));

        given().contentType(ContentType.JSON).body(Map.of("duplicateId", original))
                .when().post("/api/v1/partners/" + original + "/merge").then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("duplicateId", UUID.randomUUID()))
                .when().post("/api/v1/partners/" + original + "/merge").then().statusCode(422);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("duplicateId", UUID.randomUUID()))
                .when().post("/api/v1/partners/" + original + "/merge").then().statusCode(412);
    }

    @Test
    void offersResourcesAreasAndTermsHonourETagsAndRetries() {
        String partner = Fixtures.create(AREAS.partner("Stadtteilladen " + AREAS.suffix, "initiative"));
        Map<String, Object> offer = Map.of("partnerId", partner, "name", "Spieletreff", "category", "meeting_place",
                "targetGroups", List.of("families"));
        String key = "offer-" + UUID.randomUUID();
        String offerId = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(offer)
                .when().post("/api/v1/offers").then().statusCode(201).header("ETag", "\"0\"").extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(offer)
                .when().post("/api/v1/offers").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", is(offerId));
        given().when().get("/api/v1/partners/" + partner + "/offers").then().body("id", contains(offerId));
        Map<String, Object> replaced = new java.util.HashMap<>(offer);
        replaced.put("name", "Spieleabend");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(replaced).when().put("/api/v1/offers/" + offerId)
                .then().statusCode(200).header("ETag", "\"1\"").body("name", is("Spieleabend"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(offer).when().put("/api/v1/offers/" + offerId)
                .then().statusCode(412);

        String resource = Fixtures.resource(partner, "offered", "room", "Hinterzimmer");
        given().contentType(MergePatch.MEDIA_TYPE).header("If-Match", "\"0\"").body("{\"capacity\": 12}")
                .when().patch("/api/v1/resources/" + resource).then().statusCode(200).body("capacity", is(12));
        given().contentType(MergePatch.MEDIA_TYPE).body("{\"kind\": \"equipment\"}")
                .when().patch("/api/v1/resources/" + resource).then().statusCode(400).body("errors[0].message", containsString("rooms"));
        given().when().delete("/api/v1/resources/" + resource).then().statusCode(204);

        String area = Fixtures.area("patch-" + AREAS.suffix, "quarter", AREAS.district, 50, 8);
        given().contentType(MergePatch.MEDIA_TYPE).header("If-Match", "\"0\"").body("{\"name\": \"Neues Viertel\"}")
                .when().patch("/api/v1/neighbourhoods/" + area).then().statusCode(200).body("name", is("Neues Viertel"))
                .body("parent", is(AREAS.district));
        given().contentType(MergePatch.MEDIA_TYPE).body("{\"level\": \"city\"}")
                .when().patch("/api/v1/neighbourhoods/" + area).then().statusCode(422).body("errors[0].field", is("parent"));

        String code = "term_" + AREAS.suffix;
        given().contentType(ContentType.JSON).body(Map.of("code", code, "nameDe", "Alleinerziehende", "nameEn", "Single parents"))
                .when().put("/api/v1/taxonomies/target_groups/terms/" + code).then().statusCode(201);
        given().contentType(MergePatch.MEDIA_TYPE).header("If-Match", "\"0\"").body("{\"ageMin\": 18}")
                .when().patch("/api/v1/taxonomies/target_groups/terms/" + code).then().statusCode(200).body("ageMin", is(18));
        given().contentType(MergePatch.MEDIA_TYPE).header("If-Match", "\"0\"").body("{\"ageMin\": 20}")
                .when().patch("/api/v1/taxonomies/target_groups/terms/" + code).then().statusCode(412);
        given().contentType(ContentType.JSON).body(Map.of("code", "other", "nameDe", "x", "nameEn", "x"))
                .when().put("/api/v1/taxonomies/target_groups/terms/" + code).then().statusCode(422);
    }

    @Test
    void neighbourhoodsNestOnlyDownwardsAndStayWhileInUse() {
        String code = "nest-" + UUID.randomUUID().toString().substring(0, 8);
        String city = Fixtures.area(code, "city", null, 50, 8);
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code + "-x", "name", "Stadt in Stadt", "level", "city", "parent", code))
                .when().post("/api/v1/neighbourhoods")
                .then().statusCode(422).body("errors[0].field", is("parent"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Doppelt", "level", "quarter"))
                .when().post("/api/v1/neighbourhoods")
                .then().statusCode(409).body("type", is("/problems/conflict"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "Not A Code", "name", "x", "level", "quarter", "boundary", Map.of("type", "Point")))
                .when().post("/api/v1/neighbourhoods")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("code", "boundary"));
        String quarter = given().contentType(ContentType.JSON)
                .body(Map.of("code", code + "-q", "name", "Quartier", "level", "quarter", "parent", code,
                        "boundary", Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(8.0, 50.0), List.of(8.1, 50.0),
                                List.of(8.1, 50.1), List.of(8.0, 50.0))))))
                .when().post("/api/v1/neighbourhoods")
                .then().statusCode(201).body("parent", is(code)).body("boundary.type", is("Polygon"))
                .extract().path("id");
        given().when().get("/api/v1/neighbourhoods?within=" + code).then().statusCode(200)
                .body("items.code", contains(code, code + "-q"));
        given().when().delete("/api/v1/neighbourhoods/" + city).then().statusCode(409);
        String partner = Fixtures.create(Fixtures.partner("Quartiersverein", "association", code + "-q"));
        given().when().delete("/api/v1/neighbourhoods/" + quarter).then().statusCode(409);
        given().when().delete("/api/v1/partners/" + partner).then().statusCode(204);
        given().when().delete("/api/v1/neighbourhoods/" + quarter).then().statusCode(204);
        given().when().delete("/api/v1/neighbourhoods/" + city).then().statusCode(204);
    }

    @Test
    void taxonomiesAreSeededInTwoLanguagesAndExtendable() {
        given().when().get("/api/v1/taxonomies/target_groups/terms/young_old").then().statusCode(200)
                .body("nameDe", is("Junge Alte (60–75)")).body("ageMin", is(60)).body("ageMax", is(75));
        given().when().get("/api/v1/taxonomies/offer_categories/terms?limit=200").then().statusCode(200)
                .body("items.code", hasItems("family_education", "senior_work", "meeting_place"));
        String code = "grandparents_" + UUID.randomUUID().toString().substring(0, 6);
        given().contentType(ContentType.JSON).body(Map.of("code", code, "nameDe", "Großeltern", "nameEn", "Grandparents"))
                .when().post("/api/v1/taxonomies/target_groups/terms")
                .then().statusCode(201).header("Location", "/api/v1/taxonomies/target_groups/terms/" + code);
        String partner = Fixtures.create(AREAS.partner("Oma-Opa-Treff", "initiative"));
        String offer = Fixtures.offer(partner, "Vorlesen", "culture", List.of(code), null, null);
        given().when().delete("/api/v1/taxonomies/target_groups/terms/" + code).then().statusCode(409);
        given().when().delete("/api/v1/offers/" + offer).then().statusCode(204);
        given().when().delete("/api/v1/taxonomies/target_groups/terms/" + code).then().statusCode(204);
        given().when().get("/api/v1/taxonomies/colours/terms").then().statusCode(404).contentType("application/problem+json");
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private KafkaConsumer<String, String> consumerAtEndOfPartnerTopic() {
        return TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.partners.v1");
    }

    private static List<ConsumerRecord<String, String>> awaitRecords(KafkaConsumer<String, String> consumer, String key,
            int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (found.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (key.equals(record.key())) {
                    found.add(record);
                }
            }
        }
        assertEquals(count, found.size(), "messages for " + key + ": " + found);
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return TopicReader.header(record, name);
    }
}
