package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/**
 * Fast: callers who hang up before the answer (a browser cancelling type-ahead searches) are not
 * failures of the service.
 */
@QuarkusTest
@TestProfile(AbandonedRequestsTest.NoRateLimit.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class AbandonedRequestsTest {

    /** One test client sends over a thousand requests: neither the rate limit nor the per-client cap is tested here. */
    public static class NoRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.gateway.rate-limit.capacity", "100000", "kiezwerk.gateway.rate-limit.refill-per-second", "10000",
                    "kiezwerk.gateway.client-concurrency", "10000");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aThousandAbandonedRequestsLeaveTheServiceReachable() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> abandon = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String path = "/api/v1/partners/slow-" + i;
                abandon.add(() -> {
                    abandon(path);
                    return null;
                });
            }
            for (Future<Void> done : callers.invokeAll(abandon)) {
                done.get();
            }
            // The circuit stays closed: had the abandoned requests counted against the service, it would
            // answer 503 for the whole reset time (10 s). A loaded machine may still be finishing the
            // abandoned requests' tails for a moment (the stub answers them, or the gateway sheds excess),
            // so the first normal request may wait for that (up to 8 s, still short of the reset time), never
            // for the circuit.
            Awaitility.await("a normal request is served again").atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100))
                    .until(() -> given().when().get("/api/v1/partners/after").statusCode() == 201);
            // and no slot of the per-client cap was left taken
            List<Callable<Integer>> normal = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                normal.add(() -> given().when().get("/api/v1/partners/after").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : callers.invokeAll(normal)) {
                statuses.add(status.get());
            }
            assertEquals(40, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        } finally {
            callers.shutdownNow();
        }
        assertTrue(StubServices.PARTNER_PATHS.stream().anyMatch(p -> p.startsWith("/api/v1/partners/slow-")),
                "some abandoned requests had reached the service (the case that used to open the circuit)");
    }

    /** A caller with a 5 ms timeout: sends the request, waits briefly for an answer, then resets the connection. */
    private void abandon(String path) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoLinger(true, 0); // close with a reset, as a client that gives up does
            socket.setSoTimeout(5);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                in.read();
            } catch (SocketTimeoutException gaveUp) {
                // the point: the caller stops waiting
            }
        }
    }
}
