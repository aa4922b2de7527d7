package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.ServiceIdentity;
import org.kiezwerk.infra.TopicReader;

/**
 * Freshness: confirmations by editors, the stale-entry report, HSDS assured_date and the fresh-first
 * ranking. "N months ago" is written straight into the database, so that nothing waits.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class FreshnessIT {

    @Inject
    DataSource database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static String editorOf(String partnerId) {
        return "Bearer " + ServiceIdentity.forTests("key:editor-" + partnerId.substring(0, 8),
                Set.of("read", "partners:write"), List.of(partnerId));
    }

    private void setConfirmed(String table, String id, OffsetDateTime at) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("update " + table + " set confirmed_at = ?, confirmed_by = 'someone-earlier' where id = ?")) {
            s.setObject(1, at);
            s.setObject(2, UUID.fromString(id));
            assertEquals(1, s.executeUpdate());
        }
    }

    private static OffsetDateTime time(String text) {
        return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    }

    @Test
    void anEditorConfirmsTheirPartnerAndOfferAndTheMessageCarriesIt() throws Exception {
        Fixtures city = new Fixtures().build();
        String own = Fixtures.create(city.partner("Eigener Verein " + city.suffix, "association"));
        String offer = Fixtures.offer(own, "Lesecafé", "education", List.of("children"), null, null);
        OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusYears(2).truncatedTo(ChronoUnit.SECONDS);
        setConfirmed("partner", own, old);
        setConfirmed("offer", offer, old);
        long before = given().when().get("/api/v1/partners/" + own).then().statusCode(200)
                .body("confirmedBy", is("someone-earlier")).extract().jsonPath().getLong("version");

        try (KafkaConsumer<String, String> consumer = TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.partners.v1")) {
            Instant asked = Instant.now().minusSeconds(5);
            JsonPath confirmed = given().header("Authorization", editorOf(own)).when()
                    .post("/api/v1/partners/" + own + "/confirmation")
                    .then().statusCode(200).header("ETag", notNullValue())
                    .body("confirmedBy", is("key:editor-" + own.substring(0, 8)))
                    .extract().jsonPath();
            OffsetDateTime at = time(confirmed.getString("confirmedAt"));
            assertTrue(at.toInstant().isAfter(asked), "confirmed now, not " + at);
            assertEquals(before + 1, confirmed.getLong("version"), "a confirmation is a new version");

            ConsumerRecord<String, String> message = awaitRecord(consumer, own);
            JsonPath published = JsonPath.from(message.value());
            String data = published.get("data") != null ? "data." : "";
            assertEquals(at, time(published.getString(data + "confirmedAt")));
            assertEquals(confirmed.getLong("version"), published.getLong(data + "version"));
        }

        given().header("Authorization", editorOf(own)).when().post("/api/v1/offers/" + offer + "/confirmation")
                .then().statusCode(200).body("confirmedBy", is("key:editor-" + own.substring(0, 8)))
                .body("id", is(offer));
        // an old version named in If-Match: refused, as for every write
        given().header("Authorization", editorOf(own)).header("If-Match", "\"" + before + "\"")
                .when().post("/api/v1/partners/" + own + "/confirmation")
                .then().statusCode(412).contentType("application/problem+json");
    }

    @Test
    void anEditorOfAnotherPartnerMayNotConfirm() {
        Fixtures city = new Fixtures().build();
        String own = Fixtures.create(city.partner("Eigener Verein " + city.suffix, "association"));
        String other = Fixtures.create(city.partner("Fremder Verein " + city.suffix, "association"));
        String othersOffer = Fixtures.offer(other, "Fremdes Angebot", "education", List.of("children"), null, null);
        long version = given().when().get("/api/v1/partners/" + other).then().extract().jsonPath().getLong("version");

        given().header("Authorization", editorOf(own)).when().post("/api/v1/partners/" + other + "/confirmation")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", editorOf(own)).when().post("/api/v1/offers/" + othersOffer + "/confirmation")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/partners/" + other).then().body("version", is((int) version));
        given().when().post("/api/v1/partners/" + UUID.randomUUID() + "/confirmation")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().post("/api/v1/offers/" + UUID.randomUUID() + "/confirmation")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aChangeConfirmsAndAPatchThatChangesNothingDoesNot() throws Exception {
        Fixtures city = new Fixtures().build();
        String id = Fixtures.create(city.partner("Nachbarschaftshilfe " + city.suffix, "initiative"));
        given().when().get("/api/v1/partners/" + id).then().body("confirmedAt", notNullValue())
                .body("confirmedBy", is("test-admin"));
        OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusMonths(30).truncatedTo(ChronoUnit.SECONDS);
        setConfirmed("partner", id, old);
        long version = given().when().get("/api/v1/partners/" + id).then().extract().jsonPath().getLong("version");

        JsonPath same = given().contentType(ContentType.JSON).body("{}").when().patch("/api/v1/partners/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(version, same.getLong("version"));
        assertEquals(old, time(same.getString("confirmedAt")), "nothing changed: not a confirmation");

        JsonPath changed = given().contentType(ContentType.JSON).body(Map.of("description", "Neu beschrieben"))
                .when().patch("/api/v1/partners/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(version + 1, changed.getLong("version"));
        assertTrue(time(changed.getString("confirmedAt")).isAfter(old.plusMonths(29)), "an editor's change confirms");
    }

    /** One planted entry of the generated set. */
    record Planted(String type, String id, String partnerId, String area, OffsetDateTime confirmedAt) {
    }

    @Test
    void theStaleReportNamesExactlyThePlantedStaleEntriesOldestFirstAndFreshSearchRanksTheNewestFirst() throws Exception {
        Fixtures city = new Fixtures().build();
        Fixtures elsewhere = new Fixtures().build();
        Random random = new Random(17);
        int[] ageMonths = {0, 3, 11, 13, 24, 60};
        List<String> areas = List.of(city.district, city.quarter, city.otherQuarter, elsewhere.quarter);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        List<Planted> planted = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            String area = areas.get(random.nextInt(areas.size()));
            Map<String, Object> body = Fixtures.partner("Verein " + i + " " + city.suffix, "association", area);
            body.put("email", "kontakt@verein-" + i + "-" + city.suffix + ".example.org");
            String partner = Fixtures.create(body);
            OffsetDateTime at = now.minusMonths(ageMonths[random.nextInt(ageMonths.length)]).minusMinutes(random.nextInt(10_000));
            setConfirmed("partner", partner, at);
            planted.add(new Planted("partner", partner, partner, area, at));
            for (int k = random.nextInt(3); k > 0; k--) {
                String offer = Fixtures.offer(partner, "Angebot " + i + "." + k, "education", List.of("children"), null, null);
                OffsetDateTime offerAt = now.minusMonths(ageMonths[random.nextInt(ageMonths.length)]).minusMinutes(random.nextInt(10_000));
                setConfirmed("offer", offer, offerAt);
                planted.add(new Planted("offer", offer, partner, area, offerAt));
            }
        }
        // plant the partners' times once more, after all offers are written
        for (Planted p : planted) {
            if (p.type().equals("partner")) {
                setConfirmed("partner", p.id(), p.confirmedAt());
            }
        }
        Comparator<Planted> oldestFirst = Comparator.comparing(Planted::confirmedAt).thenComparing(p -> UUID.fromString(p.id()));
        OffsetDateTime cutoff = now.minusMonths(12);

        List<String> inDistrict = planted.stream()
                .filter(p -> p.area().equals(city.district) || p.area().equals(city.quarter))
                .filter(p -> p.confirmedAt().isBefore(cutoff)).sorted(oldestFirst).map(Planted::id).toList();
        assertFalse(inDistrict.isEmpty(), "the seed plants stale entries in the district");
        assertEquals(inDistrict, staleIds(city.district, "12"));
        assertEquals(inDistrict, staleIds(city.district, null), "12 months by default");

        List<String> inCity = planted.stream().filter(p -> !p.area().equals(elsewhere.quarter))
                .filter(p -> p.confirmedAt().isBefore(now.minusMonths(24).plusMinutes(1))).sorted(oldestFirst).map(Planted::id).toList();
        assertEquals(inCity, staleIds(city.city, "24"));

        JsonPath first = given().queryParam("neighbourhood", city.city).queryParam("months", 1).queryParam("limit", 200)
                .when().get("/api/v1/partners/stale").then().statusCode(200).extract().jsonPath();
        Planted oldest = planted.stream().filter(p -> !p.area().equals(elsewhere.quarter)).sorted(oldestFirst).findFirst().orElseThrow();
        assertEquals(oldest.id(), first.getString("items[0].id"));
        assertEquals(oldest.type(), first.getString("items[0].type"));
        assertEquals("someone-earlier", first.getString("items[0].confirmedBy"));
        assertEquals(oldest.confirmedAt(), time(first.getString("items[0].confirmedAt")));
        assertThat(first.getString("items[0].contact.email"), startsWith("kontakt"));

        // fresh first: the city's partners, most recently confirmed first, through the pages
        List<String> fresh = planted.stream().filter(p -> p.type().equals("partner") && !p.area().equals(elsewhere.quarter))
                .sorted(Comparator.comparing(Planted::confirmedAt).reversed().thenComparing(p -> UUID.fromString(p.id())))
                .map(Planted::id).toList();
        List<String> found = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("neighbourhood", city.city).queryParam("sort", "fresh").queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/partners").then().statusCode(200).extract().jsonPath();
            found.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(fresh, found);
    }

    private static void assertThat(String actual, org.hamcrest.Matcher<String> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }

    /** All pages of the report, three at a time. */
    private static List<String> staleIds(String area, String months) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("neighbourhood", area).queryParam("limit", 3);
            if (months != null) {
                request.queryParam("months", months);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/partners/stale").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void hsdsServicesCarryTheDateOfTheLastConfirmation() throws Exception {
        Fixtures city = new Fixtures().build();
        String partner = Fixtures.create(city.partner("Familienzentrum " + city.suffix, "association"));
        String offer = Fixtures.offer(partner, "Elterncafé", "education", List.of("children"), null, null);
        setConfirmed("offer", offer, OffsetDateTime.of(2023, 3, 14, 23, 30, 0, 0, ZoneOffset.ofHours(-2)));
        given().when().get("/hsds/services/" + offer).then().statusCode(200)
                .body("assured_date", is("2023-03-15"))
                .body("$", not(hasKey("assurer_email")));
    }

    @Test
    void badInputIsAProblem() {
        Fixtures city = new Fixtures().build();
        for (String months : List.of("0", "121", "abc", "-3")) {
            given().queryParam("neighbourhood", city.city).queryParam("months", months).when().get("/api/v1/partners/stale")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().when().get("/api/v1/partners/stale").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("neighbourhood", city.city).queryParam("cursor", "bm90IGEgY3Vyc29y").when().get("/api/v1/partners/stale")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("neighbourhood", "nowhere-" + city.suffix).when().get("/api/v1/partners/stale")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("sort", "freshest").when().get("/api/v1/partners")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer, String key) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (key.equals(record.key()) && record.value() != null && record.value().contains("someone-earlier") == false
                        && record.value().contains("confirmedAt")) {
                    return record;
                }
            }
        }
        throw new AssertionError("no message for " + key);
    }
}
