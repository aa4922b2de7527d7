package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;

/** Input an attacker or a broken client sends: always a 4xx problem+json naming no class of ours, never a 500. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class HostileInputIT {

    static final Fixtures AREAS = new Fixtures();
    static boolean built;

    @BeforeEach
    void areas() {
        if (!built) {
            AREAS.build();
            built = true;
        }
    }

    /** A 4xx problem whose text names nothing internal. */
    private static void assertProblem(Response answer, int status) {
        answer.then().statusCode(status).contentType("application/problem+json");
        String body = answer.asString();
        assertFalse(body.contains("org.kiezwerk") || body.contains("java.") || body.contains("com.fasterxml")
                || body.contains("Exception"), body);
    }

    @Test
    void nulCharactersInParametersPathsAndBodiesAreRefused() {
        assertProblem(given().urlEncodingEnabled(false).when().get("/api/v1/partners?neighbourhood=%00"), 400);
        assertProblem(given().urlEncodingEnabled(false).when().get("/hsds/organizations?search=%00"), 400);
        assertProblem(given().urlEncodingEnabled(false).contentType("application/merge-patch+json").body("{\"nameDe\":\"x\"}")
                .when().patch("/api/v1/taxonomies/target_groups/terms/%00"), 400);
        Map<String, Object> partner = AREAS.partner("Verein\u0000Nul", "association");
        Response nulInBody = given().contentType(ContentType.JSON).body(partner).when().post("/api/v1/partners");
        assertProblem(nulInBody, 400);
        nulInBody.then().body("errors[0].field", is("name")).body("errors[0].message", containsString("NUL"));
    }

    @Test
    void bodiesOfTheWrongShapeAreNamedWithoutOurClassNames() {
        assertProblem(given().contentType(ContentType.JSON).body("\"just a string\"").when().post("/api/v1/neighbourhoods"), 400);
        assertProblem(given().contentType(ContentType.JSON).body("[1,2,3]").when().post("/api/v1/partners"), 400);
        Response malformed = given().contentType(ContentType.JSON).body("{\"name\": ").when().post("/api/v1/partners");
        assertProblem(malformed, 400);
        malformed.then().body("type", is("/problems/malformed-json"));
    }

    @Test
    void aHugeDescriptionIsAValidationErrorNotACrash() {
        Map<String, Object> partner = AREAS.partner("Verein mit sehr langer Beschreibung", "association");
        partner.put("description", "Lorem ipsum dolor sit amet.\n".repeat(55_000)); // about 1.5 MB
        Response answer = given().contentType(ContentType.JSON).body(partner).when().post("/api/v1/partners?duplicateCheck=false");
        assertProblem(answer, 400);
        answer.then().body("errors.field", hasItem("description"));
    }

    @Test
    void importsRefuseWhatIsNoFileOfOrganisations() {
        for (String body : List.of("[1,2,3]", "{}", "[]", "{\"x\": 1}")) {
            assertProblem(given().contentType(ContentType.JSON).body(body).when().post("/api/v1/partners/imports"), 400);
        }
        byte[] notUtf8 = {'n', 'a', 'm', 'e', '\n', (byte) 0xff, (byte) 0xfe, 'x', '\n'};
        assertProblem(given().contentType("text/csv").body(notUtf8).when().post("/api/v1/partners/imports"), 400);
        assertProblem(given().contentType("text/csv").body("name\n").when().post("/api/v1/partners/imports"), 400);
    }

    @Test
    void datesOutsideTheCalendarAreRefused() {
        for (String value : List.of("NaN", "2026-02-30T00:00:00Z", "true", "1e400", "+999999999-12-31T23:59:59Z")) {
            assertProblem(given().queryParam("modifiedSince", value).when().get("/api/v1/partners"), 400);
        }
    }

    @Test
    void offersPostedAtOnceForOnePartnerAreAllCreated() throws Exception {
        String partner = Fixtures.create(AREAS.partner("Familienzentrum Gleichzeitig", "association"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Map<String, Object> offer = Map.of("partnerId", partner, "name", "Angebot " + i, "category", "education",
                        "targetGroups", List.of("children"));
                posts.add(() -> given().contentType(ContentType.JSON).body(offer).when().post("/api/v1/offers").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(posts)) {
                statuses.add(status.get());
            }
            assertEquals(24, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        // every one of them is in the partner's current state (and so in its message and search text)
        given().queryParam("partnerId", partner).queryParam("limit", 100).when().get("/api/v1/offers")
                .then().statusCode(200).body("items.size()", is(24));
        given().when().get("/api/v1/partners/" + partner).then().statusCode(200).header("ETag", "\"24\"");
    }
}
