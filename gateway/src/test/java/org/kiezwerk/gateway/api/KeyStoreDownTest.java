package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fast: with its database unreachable, the gateway refuses to guess about keys and serves everybody else. */
@QuarkusTest
@TestProfile(KeyStoreDownTest.DatabaseDown.class)
@WithTestResource(StubServices.class)
class KeyStoreDownTest {

    public static class DatabaseDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // nothing listens on port 1: connections are refused
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/gateway",
                    "quarkus.flyway.migrate-at-start", "false",
                    "%test.kiezwerk.gateway.security.bootstrap-admin-key-file", "",
                    "%test.kiezwerk.gateway.security.api-keys-file", "target/no-such-folder/api-keys.json");
        }
    }

    private static final String SOME_KEY = "kw_" + "a".repeat(43);

    @Test
    void requestsWithAKeyGet503AtOnceTheOthersPassAndTheGatewayStaysReady() {
        long started = System.nanoTime();
        given().header("X-API-Key", SOME_KEY).contentType(ContentType.JSON).body("{}").when().post("/api/v1/partners")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .header("X-Request-Id", notNullValue())
                .body("type", is("/problems/key-store-unavailable"));
        long took = (System.nanoTime() - started) / 1_000_000;
        // not a speed figure (that is the pool's 1 s acquisition timeout): the caller must get an answer, not a hang
        assertTrue(took < 15_000, "took " + took + " ms");
        given().header("X-API-Key", SOME_KEY).when().get("/api/v1/admin/api-keys")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("type", is("/problems/key-store-unavailable"));
        // anonymous reads need no database, nor does a malformed key (refused without asking)
        given().when().get("/api/v1/partners/1").then().statusCode(201);
        given().header("X-API-Key", "not-a-key").when().get("/api/v1/partners/1").then().statusCode(401);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
