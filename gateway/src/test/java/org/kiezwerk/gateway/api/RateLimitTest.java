package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/** Fast: a tiny bucket, so that the fourth request in a row is one too many. */
@QuarkusTest
@TestProfile(RateLimitTest.TinyBucket.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class RateLimitTest {

    public static class TinyBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.gateway.rate-limit.capacity", "3", "kiezwerk.gateway.rate-limit.refill-per-second", "0.2");
        }
    }

    @Test
    void aClientBeyondItsBucketGets429WithRetryAfterOthersDoNot() {
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", Credentials.adminKey()).when().get("/api/v1/partners/1").then().statusCode(201);
        }
        given().header("X-API-Key", Credentials.adminKey()).when().get("/api/v1/partners/1")
                .then().statusCode(429)
                .contentType("application/problem+json")
                // one token every 5 s: the wait left is 5 s, less what passed while the three were served
                .header("Retry-After", anyOf(is("5"), is("4"), is("3"), is("2"), is("1")))
                .body("type", is("/problems/rate-limited"));
        given().when().get("/api/v1/partners/1").then().statusCode(201);
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
