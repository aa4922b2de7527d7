package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.kiezwerk.network.Topics.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.Topics;

/** Cooperation ties against the real Neo4j: asserted, retried, confirmed by the other side, ended, deleted. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class TiesIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aTieIsAssertedConfirmedByTheOtherSideEndedAndDeleted() throws Exception {
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        publishPartner(centre, "Begegnungszentrum");
        publishPartner(parish, "St. Markus");
        await(() -> given().get("/api/v1/network/actors/" + parish).statusCode() == 200
                && given().get("/api/v1/network/actors/" + centre).statusCode() == 200);

        Map<String, Object> draft = new HashMap<>(Map.of("from", centre, "to", parish, "kind", "shared_premises",
                "strength", 4, "since", "2025-09-01", "assertedBy", centre));
        String key = "tie-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(draft)
                .when().post("/api/v1/network/ties")
                .then().statusCode(201).header("ETag", "\"0\"")
                .body("kind", is("shared_premises")).body("confirmed", is(false)).body("toName", is("St. Markus"))
                .extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(draft)
                .when().post("/api/v1/network/ties")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", is(id));
        draft.put("strength", 5);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(draft)
                .when().post("/api/v1/network/ties").then().statusCode(422).body("type", is("/problems/idempotency-key-reused"));

        given().contentType(ContentType.JSON).body(Map.of("by", centre))
                .when().post("/api/v1/network/ties/" + id + "/confirm")
                .then().statusCode(422).body("errors[0].field", is("by"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("by", parish))
                .when().post("/api/v1/network/ties/" + id + "/confirm")
                .then().statusCode(200).body("confirmed", is(true)).body("version", is(1));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("until", "2026-12-31"))
                .when().post("/api/v1/network/ties/" + id + "/end").then().statusCode(412);
        given().contentType(ContentType.JSON).body(Map.of("until", "2026-12-31"))
                .when().post("/api/v1/network/ties/" + id + "/end")
                .then().statusCode(200).body("until", is("2026-12-31"));
        given().when().get("/api/v1/network/actors/" + parish + "/ties")
                .then().statusCode(200).body("id", contains(id)).body("[0].confirmed", is(true));

        given().when().delete("/api/v1/network/ties/" + id).then().statusCode(204);
        given().when().get("/api/v1/network/ties/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anEditorSpeaksOnlyForTheirOwnOrganisation() throws Exception {
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        publishPartner(centre, "Begegnungszentrum");
        publishPartner(parish, "St. Markus");
        publishPartner(club, "TSV");
        await(() -> given().get("/api/v1/network/actors/" + club).statusCode() == 200
                && given().get("/api/v1/network/actors/" + parish).statusCode() == 200
                && given().get("/api/v1/network/actors/" + centre).statusCode() == 200);
        String centreEditor = "Bearer " + org.kiezwerk.infra.ServiceIdentity.forTests("editor-centre",
                java.util.Set.of("read", "network:write"), java.util.List.of(centre));
        String parishEditor = "Bearer " + org.kiezwerk.infra.ServiceIdentity.forTests("editor-parish",
                java.util.Set.of("read", "network:write"), java.util.List.of(parish));
        // asserting in someone else's name is refused; in one's own it works
        given().header("Authorization", centreEditor).contentType(ContentType.JSON)
                .body(Map.of("from", parish, "to", club, "kind", "referral", "strength", 3, "assertedBy", parish))
                .when().post("/api/v1/network/ties").then().statusCode(403).contentType("application/problem+json");
        String tie = given().header("Authorization", centreEditor).contentType(ContentType.JSON)
                .body(Map.of("from", centre, "to", parish, "kind", "partnership", "strength", 4, "assertedBy", centre))
                .when().post("/api/v1/network/ties").then().statusCode(201).extract().path("id");
        // only the other side's editor confirms; a third party can neither confirm nor end it
        given().header("Authorization", centreEditor).contentType(ContentType.JSON).body(Map.of("by", parish))
                .when().post("/api/v1/network/ties/" + tie + "/confirm").then().statusCode(403);
        given().header("Authorization", parishEditor).contentType(ContentType.JSON).body(Map.of("by", parish))
                .when().post("/api/v1/network/ties/" + tie + "/confirm").then().statusCode(200).body("confirmed", is(true));
        String clubEditor = "Bearer " + org.kiezwerk.infra.ServiceIdentity.forTests("editor-club",
                java.util.Set.of("read", "network:write"), java.util.List.of(club));
        given().header("Authorization", clubEditor).contentType(ContentType.JSON).body(Map.of("until", "2027-01-31"))
                .when().post("/api/v1/network/ties/" + tie + "/end").then().statusCode(403);
        given().header("Authorization", clubEditor).when().delete("/api/v1/network/ties/" + tie).then().statusCode(403);
        // persons and conversations are for coordinators
        given().header("Authorization", centreEditor).contentType(ContentType.JSON)
                .body(Map.of("displayName", "X", "consent", Map.of("scope", "public", "recordedBy", "Y")))
                .when().post("/api/v1/network/persons").then().statusCode(403);
        given().header("Authorization", parishEditor).when().delete("/api/v1/network/ties/" + tie).then().statusCode(204);
    }

    @Test
    void anEgoNetworkByTieKindAndPeriod() throws Exception {
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        publishPartner(centre, "Begegnungszentrum");
        publishPartner(parish, "St. Markus");
        publishPartner(club, "TSV");
        await(() -> given().get("/api/v1/network/actors/" + club).statusCode() == 200
                && given().get("/api/v1/network/actors/" + parish).statusCode() == 200
                && given().get("/api/v1/network/actors/" + centre).statusCode() == 200);
        // a partnership of 2020, long over; a referral tie since 2026
        given().contentType(ContentType.JSON).body(Map.of("from", centre, "to", parish, "kind", "partnership", "strength", 4,
                "assertedBy", centre, "since", "2020-01-01", "until", "2021-06-30"))
                .when().post("/api/v1/network/ties").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("from", centre, "to", club, "kind", "referral", "strength", 3,
                "assertedBy", centre, "since", "2026-01-01"))
                .when().post("/api/v1/network/ties").then().statusCode(201);
        java.util.function.Function<Map<String, String>, List<String>> ego = params -> given().queryParams(params)
                .when().get("/api/v1/network/actors/" + centre + "/network").then().statusCode(200)
                .extract().path("elements.nodes.data.id");
        assertEquals(Set.of(centre, club), Set.copyOf(ego.apply(Map.of())), "today: the referral only");
        assertEquals(Set.of(centre, parish), Set.copyOf(ego.apply(Map.of("from", "2020-06-01", "to", "2020-12-31"))), "in 2020");
        assertEquals(Set.of(centre, parish, club), Set.copyOf(ego.apply(Map.of("from", "2020-01-01", "to", "2026-12-31"))));
        assertEquals(Set.of(centre, club), Set.copyOf(ego.apply(Map.of("kind", "referral,co_production", "from", "2020-01-01",
                "to", "2026-12-31"))), "only referral and co-production ties");
        given().queryParam("kind", "friendship").when().get("/api/v1/network/actors/" + centre + "/network").then().statusCode(400);
        given().queryParam("from", "2021-01-01").queryParam("to", "2020-01-01")
                .when().get("/api/v1/network/actors/" + centre + "/network").then().statusCode(400);
    }

    @Test
    void badTiesAreRefusedWithReasons() {
        String one = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body(Map.of("from", one, "to", one, "kind", "friendship", "strength", 7, "assertedBy", UUID.randomUUID()))
                .when().post("/api/v1/network/ties")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("from", one, "to", one, "kind", "referral", "strength", 7, "assertedBy", UUID.randomUUID()))
                .when().post("/api/v1/network/ties")
                .then().statusCode(400).body("errors.field", hasItems("strength", "twoSides", "assertedByASide"));
        given().contentType(ContentType.JSON)
                .body(Map.of("from", one, "to", UUID.randomUUID(), "kind", "referral", "strength", 2, "assertedBy", one))
                .when().post("/api/v1/network/ties")
                .then().statusCode(422).body("type", is("/problems/invalid-reference"));
        given().contentType(ContentType.JSON).body("{\"from\": ").when().post("/api/v1/network/ties").then().statusCode(400);
    }

    private void publishPartner(String id, String name) throws Exception {
        Topics.publishPartner(bootstrapServers, id, "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"association\",\"version\":0}");
    }
}
