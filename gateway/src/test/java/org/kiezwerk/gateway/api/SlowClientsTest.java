package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/**
 * Fast: callers who send their bodies slowly hold no connection to a service and cost nobody else
 * anything; they get 408 when the body timeout passes, and a client may only have so many requests
 * in flight (429 beyond).
 */
@QuarkusTest
@TestProfile(SlowClientsTest.ShortPatience.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class SlowClientsTest {

    public static class ShortPatience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.gateway.body-timeout", "1s", "kiezwerk.gateway.client-concurrency", "4");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void slowBodiesHoldNoServiceConnectionAndEndIn408() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                slow.add(startSlowPost("/api/v1/partners/imports-slow-" + i, Credentials.adminKey()));
            }
            // a fifth request of the same client at the same time is refused at once (once the gateway has
            // taken in the four slow ones: they arrive on other connections, so it may see the fifth first)
            Response fifth = Awaitility.await("a fifth request refused").atMost(Duration.ofMillis(800)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> given().header("X-API-Key", Credentials.adminKey()).contentType("application/json").body("{}")
                            .when().post("/api/v1/partners/imports-fifth"), answer -> answer.statusCode() == 429);
            fifth.then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("type", is("/problems/too-many-at-once"));
            // everybody else is served meanwhile
            for (int i = 0; i < 20; i++) {
                given().when().get("/api/v1/partners/other-" + i).then().statusCode(201);
            }
            for (Socket socket : slow) {
                String answer = readAll(socket);
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.contains("application/problem+json"), answer);
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertFalse(StubServices.PARTNER_PATHS.stream().anyMatch(p -> p.contains("imports-slow")),
                "no slow body was forwarded (nor a connection held for it): " + StubServices.PARTNER_PATHS);
        // the client's slots are free again
        given().header("X-API-Key", Credentials.adminKey()).contentType("application/json").body("{\"a\":1}")
                .when().post("/api/v1/partners/imports-after").then().statusCode(201).body("body", is("{'a':1}"));
    }

    /** Headers and the first byte of a 100-byte body, then nothing more. */
    private Socket startSlowPost(String path, String apiKey) throws IOException {
        Socket socket = new Socket(gateway.getHost(), gateway.getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + apiKey
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int n; (n = in.read(chunk)) > 0; ) {
            answer.write(chunk, 0, n);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
