package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/** Fast: a body beyond the limit (20 MB in the real configuration, 1 MB here) is refused before it reaches a service. */
@QuarkusTest
@TestProfile(BodyLimitTest.SmallLimit.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class BodyLimitTest {

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-body-size", "1M");
        }
    }

    @Test
    void bodiesBeyondTheLimitAreRefused() {
        given().header("X-API-Key", Credentials.adminKey()).contentType("text/csv").body(new byte[2 * 1024 * 1024])
                .when().post("/api/v1/partners/imports")
                .then().statusCode(413);
        // within the limit it passes (the echoing stand-in answers 201)
        given().header("X-API-Key", Credentials.adminKey()).contentType("text/csv").body(new byte[512 * 1024])
                .when().post("/api/v1/partners/imports")
                .then().statusCode(201);
    }
}
