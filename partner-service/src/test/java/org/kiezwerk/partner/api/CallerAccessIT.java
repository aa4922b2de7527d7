package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.ServiceIdentity;
import org.kiezwerk.infra.TestCallerIdentity;

/**
 * Defence in depth: partner-service itself refuses callers the gateway would refuse — a request
 * that goes around the gateway without, or with a forged, identity, and an editor who touches
 * another organisation's records.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class CallerAccessIT {

    static Fixtures city;
    static String own;
    static String other;

    @BeforeEach
    void twoPartners() {
        if (city != null) {
            return;
        }
        city = new Fixtures().build();
        own = Fixtures.create(city.partner("Eigener Verein " + city.suffix, "association"));
        other = Fixtures.create(city.partner("Fremder Verein " + city.suffix, "association"));
    }

    private static String bearer(Set<String> scopes, List<String> organisations) {
        return "Bearer " + ServiceIdentity.forTests("caller-" + scopes, scopes, organisations);
    }

    private static String editorOfOwn() {
        return bearer(Set.of("read", "partners:write", "events:write", "network:write"), List.of(own));
    }

    @Test
    void withoutAnIdentityOnlyReadingIsAllowed() {
        TestCallerIdentity.anonymously(() -> {
            given().when().get("/api/v1/partners/" + own).then().statusCode(200);
            given().contentType(ContentType.JSON).body(city.partner("Anonym " + city.suffix, "initiative"))
                    .when().post("/api/v1/partners").then().statusCode(401).contentType("application/problem+json")
                    .body("type", is("/problems/unauthenticated"));
            given().contentType(ContentType.JSON).body("{\"name\":\"x\"}").when().patch("/api/v1/partners/" + own)
                    .then().statusCode(401);
            given().when().delete("/api/v1/partners/" + other).then().statusCode(401);
            given().when().get("/api/v1/partners/imports/" + java.util.UUID.randomUUID()).then().statusCode(401);
        });
        given().when().get("/api/v1/partners/" + other).then().statusCode(200).body("name", startsWith("Fremder"));
    }

    @Test
    void aForgedIdentityIsRefusedEvenForReading() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer("kiezwerk-gateway").subject("mallory").audience("kiezwerk-services")
                .groups(ServiceIdentity.ALL_SCOPES).sign(generator.generateKeyPair().getPrivate());
        given().header("Authorization", "Bearer " + forged).when().get("/api/v1/partners/" + own)
                .then().statusCode(401).contentType("application/problem+json").body("type", is("/problems/unauthenticated"));
        given().header("Authorization", "Bearer " + forged).when().delete("/api/v1/partners/" + other).then().statusCode(401);
        given().when().get("/api/v1/partners/" + other).then().statusCode(200);
    }

    @Test
    void aScopeOpensOnlyItsOwnWrites() {
        given().header("Authorization", bearer(Set.of("read", "events:write"), List.of())).contentType(ContentType.JSON)
                .body(city.partner("Falscher Scope " + city.suffix, "initiative"))
                .when().post("/api/v1/partners").then().statusCode(403).contentType("application/problem+json")
                .body("type", is("/problems/forbidden")).body("detail", containsString("partners:write"));
    }

    @Test
    void anEditorChangesOnlyTheirOwnOrganisation() {
        given().header("Authorization", editorOfOwn()).contentType("application/merge-patch+json")
                .body(Map.of("description", "Neu beschrieben")).when().patch("/api/v1/partners/" + own)
                .then().statusCode(200).body("description", is("Neu beschrieben"));
        given().header("Authorization", editorOfOwn()).contentType("application/merge-patch+json")
                .body(Map.of("description", "Übernommen")).when().patch("/api/v1/partners/" + other)
                .then().statusCode(403).contentType("application/problem+json").body("type", is("/problems/forbidden"));
        given().header("Authorization", editorOfOwn()).when().delete("/api/v1/partners/" + other).then().statusCode(403);
        given().when().get("/api/v1/partners/" + other).then().statusCode(200).body("description", not("Übernommen"));
        // offers: for their own organisation yes, for another no, and not moved from theirs to another
        String offer = given().header("Authorization", editorOfOwn()).contentType(ContentType.JSON)
                .body(Map.of("partnerId", own, "name", "Hausaufgabenhilfe", "category", "education", "targetGroups", List.of("children")))
                .when().post("/api/v1/offers").then().statusCode(201).extract().path("id");
        given().header("Authorization", editorOfOwn()).contentType(ContentType.JSON)
                .body(Map.of("partnerId", other, "name", "Fremdes Angebot", "category", "education", "targetGroups", List.of("children")))
                .when().post("/api/v1/offers").then().statusCode(403);
        given().header("Authorization", editorOfOwn()).contentType("application/merge-patch+json")
                .body(Map.of("partnerId", other)).when().patch("/api/v1/offers/" + offer).then().statusCode(403);
        String othersOffer = Fixtures.offer(other, "Fremdes Angebot", "education", List.of("children"), null, null);
        given().header("Authorization", editorOfOwn()).when().delete("/api/v1/offers/" + othersOffer).then().statusCode(403);
        given().header("Authorization", editorOfOwn()).when().delete("/api/v1/offers/" + offer).then().statusCode(204);
        // resources likewise
        given().header("Authorization", editorOfOwn()).contentType(ContentType.JSON)
                .body(Map.of("partnerId", other, "direction", "offered", "kind", "room", "name", "Saal"))
                .when().post("/api/v1/resources").then().statusCode(403);
        given().header("Authorization", editorOfOwn()).contentType(ContentType.JSON)
                .body(Map.of("partnerId", own, "direction", "offered", "kind", "room", "name", "Saal"))
                .when().post("/api/v1/resources").then().statusCode(201);
        // the shared directory (new partners, areas, terms, imports, merges) is for coordinators
        given().header("Authorization", editorOfOwn()).contentType(ContentType.JSON)
                .body(city.partner("Neu " + city.suffix, "initiative")).when().post("/api/v1/partners").then().statusCode(403);
        given().header("Authorization", editorOfOwn()).contentType(ContentType.JSON).body(Map.of("duplicateId", other))
                .when().post("/api/v1/partners/" + own + "/merge").then().statusCode(403);
        given().header("Authorization", editorOfOwn()).contentType(ContentType.JSON)
                .body(Map.of("code", "x-" + city.suffix, "name", "X", "level", "quarter", "parent", city.city))
                .when().post("/api/v1/neighbourhoods").then().statusCode(403);
    }

    @Test
    void editorsConfirmOnlyTheirOwnRecordAndReadNoImportReports() {
        given().header("Authorization", editorOfOwn()).when().post("/api/v1/partners/" + other + "/confirmation").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", editorOfOwn()).when().get("/api/v1/partners/imports/" + java.util.UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void anIdempotencyKeyIsNoWayRoundTheEditorRule() {
        String key = "offer-" + city.suffix;
        Map<String, Object> offer = Map.of("partnerId", own, "name", "Lesepaten", "category", "education", "targetGroups", List.of("children"));
        given().header("Authorization", editorOfOwn()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(offer)
                .when().post("/api/v1/offers").then().statusCode(201);
        // an editor of the other organisation sending the same key and body is refused, not given the stored answer
        String editorOfOther = bearer(Set.of("read", "partners:write"), List.of(other));
        given().header("Authorization", editorOfOther).header("Idempotency-Key", key).contentType(ContentType.JSON).body(offer)
                .when().post("/api/v1/offers").then().statusCode(403).contentType("application/problem+json")
                .header("Idempotent-Replayed", nullValue());
        given().header("Authorization", editorOfOwn()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(offer)
                .when().post("/api/v1/offers").then().statusCode(201).header("Idempotent-Replayed", "true");
    }
}
