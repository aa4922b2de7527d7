package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/** Fast: a service that refuses the first connection (restarting) — a GET is tried once more, a POST is not. */
@QuarkusTest
@TestProfile(RetryTest.ServiceRestarting.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class RetryTest {

    static final int NETWORK_PORT = freePort();

    public static class ServiceRestarting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.gateway.network-service-url", "http://127.0.0.1:" + NETWORK_PORT);
        }
    }

    @Test
    void anIdempotentRequestIsRetriedOnceWhenTheConnectionIsRefused() throws Exception {
        AtomicReference<HttpServer> server = new AtomicReference<>();
        // comes up after the first attempt was refused and before the retry (250 ms later)
        Thread comesUp = startsIn(120, server);
        try {
            given().when().get("/api/v1/network/actors/1").then().statusCode(204);
        } finally {
            comesUp.join();
            server.get().stop(0);
        }
        // the first POST of the run pays for loading the write path (key check, signing); a slow first
        // attempt would reach the server after it came up, which says nothing about retrying
        given().header("X-API-Key", Credentials.adminKey()).contentType("application/json").body("{}")
                .when().post("/api/v1/network/ties").then().statusCode(503);
        Thread againUp = startsIn(120, server);
        try {
            given().header("X-API-Key", Credentials.adminKey()).contentType("application/json").body("{}")
                    .when().post("/api/v1/network/ties").then().statusCode(503);
        } finally {
            againUp.join();
            server.get().stop(0);
        }
    }

    private static Thread startsIn(long millis, AtomicReference<HttpServer> server) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(millis); // the behaviour under test: a service that comes up late
                HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", NETWORK_PORT), 0);
                started.createContext("/", exchange -> {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                });
                started.start();
                server.set(started);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        return thread;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
