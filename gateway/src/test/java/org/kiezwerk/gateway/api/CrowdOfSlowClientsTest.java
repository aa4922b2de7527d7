package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;
import org.kiezwerk.infra.SlowClientCrowd;
import org.kiezwerk.infra.SlowClientCrowd.Kind;

/**
 * The reliability issue's point 2 at its full scale, in the test command: 50 slow clients (half send
 * a body one byte a second, half their request line and headers) and 500 connections that send
 * nothing hit the gateway from other addresses, each reopened as soon as the gateway closes it, while
 * a normal caller reads. The normal caller is served every time; every attacker is cut (408 problem or
 * a closed connection, 429 for a client beyond its share) at about the timeout, never held; nothing
 * of theirs reaches a service. Timeouts are shortened to 2 s so that several rounds of cutting and
 * reopening happen within the test. The figures (the normal caller's p99 alone and under attack)
 * come from the benchmark, deploy/local/benchmark.sh slow-clients, not from here.
 */
@QuarkusTest
@TestProfile(CrowdOfSlowClientsTest.ShortPatience.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class CrowdOfSlowClientsTest {

    static final int SLOW_CLIENTS = 50;
    static final int IDLE_CONNECTIONS = 500;
    static final int TIMEOUT_SECONDS = 2;

    public static class ShortPatience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.gateway.head-timeout", TIMEOUT_SECONDS + "s",
                    "kiezwerk.gateway.body-timeout", TIMEOUT_SECONDS + "s",
                    "kiezwerk.gateway.keep-alive-timeout", "3s");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @BeforeEach
    void aCallerCameFirst() {
        // the server is armed by the first request it serves (in production the gateway's own, at start)
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void fiftySlowClientsAndFiveHundredIdleConnectionsCostANormalCallerNothing() throws Exception {
        SlowClientCrowd crowd = new SlowClientCrowd(new InetSocketAddress(gateway.getHost(), gateway.getPort()),
                Credentials.adminKey(), SLOW_CLIENTS, IDLE_CONNECTIONS, "/api/v1/partners/crowd-slow-head", "/api/v1/partners/crowd-slow-body");
        CompletableFuture<Void> attack = CompletableFuture.runAsync(crowd);
        try {
            await(() -> crowd.open.get() >= SLOW_CLIENTS + IDLE_CONNECTIONS, "the whole crowd is connected");
            // a normal caller who gives up after 5 s (a request that hangs counts as a failure)
            RestAssuredConfig patient = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 5_000));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3L * TIMEOUT_SECONDS + 2);
            int served = 0;
            while (System.nanoTime() < until) {
                given().config(patient).when().get("/api/v1/partners/crowd-normal-" + served).then().statusCode(201);
                served++;
                Thread.sleep(20); // 50 reads a second: within the anonymous caller's rate limit
            }
            assertTrue(served > 0);
            assertTrue(crowd.open.get() >= SLOW_CLIENTS, "the crowd is still there at the end: " + crowd.open.get());
        } finally {
            crowd.stop = true;
            attack.get(30, TimeUnit.SECONDS);
        }

        // every kind of attacker was cut, and more than once (each reconnects at once)
        for (Kind kind : Kind.values()) {
            assertTrue(crowd.ended(kind).size() >= (kind == Kind.IDLE ? IDLE_CONNECTIONS : SLOW_CLIENTS / 2),
                    kind + " connections cut: " + crowd.ended(kind).size());
        }
        for (SlowClientCrowd.Ended end : crowd.ended(Kind.SLOW_HEAD)) {
            assertTrue(end.answer().startsWith("HTTP/1.1 408") && end.answer().contains("application/problem+json")
                    || end.answer().isEmpty(), end.answer());
        }
        for (SlowClientCrowd.Ended end : crowd.ended(Kind.SLOW_BODY)) {
            boolean timedOut = end.answer().startsWith("HTTP/1.1 408");
            boolean beyondItsShare = end.answer().startsWith("HTTP/1.1 429"); // all slow bodies use one API key
            assertTrue((timedOut || beyondItsShare) && end.answer().contains("application/problem+json") || end.answer().isEmpty(),
                    end.answer());
        }
        assertTrue(crowd.ended(Kind.SLOW_BODY).stream().anyMatch(end -> end.answer().startsWith("HTTP/1.1 408")),
                "slow bodies within the client's share wait for the body timeout, then 408");
        for (SlowClientCrowd.Ended end : crowd.ended(Kind.IDLE)) {
            assertEquals("", end.answer(), "an idle connection is closed without an answer");
        }
        // cut at about the timeout, never held the way the slow connections once were (~40 s)
        double longest = crowd.ended.values().stream().flatMap(List::stream).mapToDouble(SlowClientCrowd.Ended::heldSeconds)
                .max().orElseThrow();
        assertTrue(longest < TIMEOUT_SECONDS + 5, "an attacker was held " + longest + " s");
        // nothing of theirs reached a service: no slow body forwarded, no half-received head
        assertFalse(StubServices.PARTNER_PATHS.stream().anyMatch(p -> p.contains("crowd-slow")),
                "nothing of the slow clients was forwarded: " + StubServices.PARTNER_PATHS.stream()
                        .filter(p -> p.contains("crowd-slow")).limit(5).toList());
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }
}
