package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/**
 * Fast: a service that cannot be reached opens its circuit (503 at once, with Retry-After); when it
 * is back, the first request after the pause closes it again. Exports get their longer timeout.
 */
@QuarkusTest
@TestProfile(CircuitBreakerTest.QuickBreaker.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class CircuitBreakerTest {

    static final int NETWORK_PORT = freePort();

    public static class QuickBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.gateway.circuit-breaker.failures", "3", "kiezwerk.gateway.circuit-breaker.reset", "1s",
                    "kiezwerk.gateway.network-service-url", "http://127.0.0.1:" + NETWORK_PORT,
                    "kiezwerk.gateway.route-timeouts.\"/api/v1/events/calendar.ics\"", "8s");
        }
    }

    @Test
    void aServiceThatIsDownIsPausedAndComesBack() throws Exception {
        for (int i = 0; i < 3; i++) {
            given().when().get("/api/v1/network/actors/1").then().statusCode(503)
                    .body("detail", containsString("not reachable"));
        }
        given().when().get("/api/v1/network/actors/1").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("service", is("network-service"))
                .body("detail", containsString("paused"));
        HttpServer network = HttpServer.create(new InetSocketAddress("127.0.0.1", NETWORK_PORT), 0);
        network.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        network.start();
        try {
            // paused for a second; the first request after the pause closes the circuit again
            await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(10))
                    .until(() -> given().when().get("/api/v1/network/actors/1").statusCode() == 204);
            given().when().get("/api/v1/network/actors/2").then().statusCode(204);
        } finally {
            network.stop(0);
        }
    }

    @Test
    void aSlowRouteWithItsOwnTimeoutIsWaitedFor() {
        // the slow stand-in answers after 5 s: beyond the general 1 s, within the feed's own 8 s
        given().when().get("/api/v1/events/calendar.ics").then().statusCode(204);
        given().when().get("/api/v1/events/1").then().statusCode(504);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
