package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/**
 * Fast: more requests at once than a service's connections and queue hold. The excess is shed at
 * once with 503, Retry-After and a problem; the requests within the limit are answered, and the
 * shed ones do not count against the service (its circuit stays closed).
 */
@QuarkusTest
@TestProfile(OverloadTest.SmallPool.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class OverloadTest {

    /** Two connections and two waiting places for partner-service; no per-client limit in the way. */
    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.gateway.pool.size", "2", "kiezwerk.gateway.pool.wait-queue", "2",
                    "kiezwerk.gateway.circuit-breaker.failures", "3",
                    "kiezwerk.gateway.rate-limit.capacity", "100000", "kiezwerk.gateway.rate-limit.refill-per-second", "10000",
                    "kiezwerk.gateway.client-concurrency", "10000");
        }
    }

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void onlyTheExcessIsShedAndTheServiceStaysReachable() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // each answered after 100 ms by the stand-in: far more than 2 + 2 are in flight at once
            sent.add(http.sendAsync(HttpRequest.newBuilder(gateway.resolve("/api/v1/partners/slow-" + i))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int answered = 0;
        int shed = 0;
        for (CompletableFuture<HttpResponse<String>> request : sent) {
            HttpResponse<String> response = request.join();
            if (response.statusCode() == 201) {
                answered++;
            } else {
                assertEquals(503, response.statusCode(), response.body());
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                shed++;
            }
        }
        // Vert.x counts a request waiting for a connection being opened as queued: at least the two
        // connections' requests are answered
        assertTrue(answered >= 2, "the requests the connections hold are answered: " + answered);
        assertTrue(shed >= 3, "the excess is shed: " + shed);
        // three shed requests would have opened the circuit if they counted against the service
        for (int i = 0; i < 3; i++) {
            given().when().get("/api/v1/partners/after-" + i).then().statusCode(201);
        }
    }
}
