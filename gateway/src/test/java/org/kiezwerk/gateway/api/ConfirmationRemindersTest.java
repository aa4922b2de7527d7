package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;
import org.kiezwerk.gateway.domain.WebhookEventTypes;
import org.kiezwerk.gateway.messaging.ConfirmationReminders;
import org.kiezwerk.gateway.repository.WebhookStore;

/**
 * Reminders that an entry needs a look reach the subscriptions that asked for them, per area and
 * partner filter, signed like every delivery, once per round (a second run, or a second replica, adds
 * nothing), again after the repeat interval while nobody confirms, and never after a confirmation.
 * partner-service's stale-entry report is played by a real HTTP server answering in its format (pages
 * and all); the deliveries go to a real receiving server.
 */
@QuarkusTest
@TestProfile(ConfirmationRemindersTest.Reminders.class)
@WithTestResource(ConfirmationRemindersTest.StaleReport.class)
@WithTestResource(TestDatabase.class)
class ConfirmationRemindersTest {

    public static class Reminders implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the daily round stays off: the test runs each round itself, at the time it chooses
            return Map.of("kiezwerk.webhooks.reminders.enabled", "false", "kiezwerk.webhooks.consumer.enabled", "false",
                    "kiezwerk.webhooks.allow-private-targets", "true", "kiezwerk.webhooks.poll-interval", "PT0.2S",
                    "kiezwerk.webhooks.reminders.months", "12", "kiezwerk.webhooks.reminders.repeat-after", "P30D");
        }
    }

    static final String DUE = WebhookEventTypes.CONFIRMATION_DUE;
    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID A = UUID.randomUUID();
    static final UUID A_OFFER = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static final UUID C = UUID.randomUUID();

    /** partner-service's stale-entry report, as the stand-in answers it: per area code, its entries. */
    static final Map<String, List<String>> REPORT = new ConcurrentHashMap<>();

    static WebhookReceiver receiver;

    @Inject
    ConfirmationReminders reminders;

    @Inject
    WebhookStore store;

    @BeforeEach
    void noRemindersOfEarlierRuns() {
        // the tests' database outlives a run: subscriptions to reminders are this class's own, so its
        // earlier runs' are removed and the counts below are this run's
        store.subscriptions(null).stream().filter(s -> s.eventTypes().contains(DUE)).forEach(s -> store.remove(s.id()));
    }

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver();
        // A (and one of its offers) in the north of Auenstadt, B in its south, C in Weststadt
        String a = entry("partner", A, A, "Nachbarschaftshaus Nord", "2024-03-01T10:00:00Z");
        String aOffer = entry("offer", A_OFFER, A, "Erzählcafé", "2024-05-01T10:00:00Z");
        String b = entry("partner", B, B, "Kita Sonnenschein", "2025-01-15T08:00:00Z");
        String c = entry("partner", C, C, "Turnverein West", "2023-11-30T12:00:00Z");
        REPORT.put("auenstadt", List.of(a, aOffer, b));
        REPORT.put("auenstadt-nord", List.of(a, aOffer));
        REPORT.put("auenstadt-sued", List.of(b));
        REPORT.put("weststadt", List.of(c));
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void eachSubscriberIsRemindedOfWhatItAskedForOncePerRoundAndNotAfterAConfirmation() throws Exception {
        String key = (String) Credentials.newKey("Freiwilligen-Agentur " + UUID.randomUUID(), "read").get("key");
        subscribe(key, "/everything", Map.of("url", receiver.url("/everything"), "eventTypes", List.of(DUE)));
        subscribe(key, "/south", Map.of("url", receiver.url("/south"), "eventTypes", List.of(DUE),
                "filters", Map.of("neighbourhoods", List.of("auenstadt-sued"))));
        subscribe(key, "/partner-a", Map.of("url", receiver.url("/partner-a"), "eventTypes", List.of(DUE),
                "filters", Map.of("partners", List.of(A.toString()))));
        subscribe(key, "/changes", Map.of("url", receiver.url("/changes"), "eventTypes", List.of("org.kiezwerk.partner.updated.v1")));

        Instant now = Instant.parse("2026-12-05T06:00:00Z");
        assertEquals(3 + 1 + 1, reminders.remind(now));
        awaitReceived(5);
        assertEquals(Set.of(A.toString(), B.toString(), C.toString()), subjects("/everything"));
        assertEquals(Set.of(B.toString()), subjects("/south"));
        assertEquals(Set.of(A.toString()), subjects("/partner-a"));
        assertTrue(receiver.at("/changes").isEmpty(), "a subscription for changes gets no reminders");

        WebhookReceiver.Received toA = receiver.at("/partner-a").get(0);
        assertEquals("application/cloudevents+json", toA.headers().get("Content-Type"));
        assertTrue(toA.headers().get("webhook-signature").startsWith("v1,"), toA.headers().toString());
        JsonNode event = JSON.readTree(toA.body());
        assertEquals(DUE, event.path("type").asText());
        assertEquals("1.0", event.path("specversion").asText());
        JsonNode data = event.path("data");
        assertEquals("Nachbarschaftshaus Nord", data.path("partnerName").asText());
        assertEquals("2024-03-01T10:00:00Z", data.path("confirmedAt").asText(), "the oldest confirmation of partner and offers");
        assertEquals("/api/v1/partners/" + A + "/confirmation", data.path("confirm").asText());
        assertEquals("kontakt@example.org", data.path("contact").path("email").asText());
        Set<String> stale = new TreeSet<>();
        data.path("stale").forEach(item -> stale.add(item.path("type").asText() + ":" + item.path("name").asText()));
        assertEquals(Set.of("partner:Nachbarschaftshaus Nord", "offer:Erzählcafé"), stale);

        // the same round again (the next day, or another replica): nothing new
        assertEquals(0, reminders.remind(now.plus(Duration.ofDays(1))));

        // B confirms; a month later everybody else is reminded again, B is not
        REPORT.put("auenstadt", REPORT.get("auenstadt").stream().filter(e -> !e.contains(B.toString())).toList());
        REPORT.put("auenstadt-sued", List.of());
        assertEquals(2 + 0 + 1, reminders.remind(now.plus(Duration.ofDays(31))));
        awaitReceived(8);
        assertEquals(1, receiver.at("/south").size());
        assertEquals(2, receiver.at("/partner-a").size());
        assertEquals(Set.of(A.toString(), C.toString()),
                new TreeSet<>(receiver.at("/everything").stream().skip(3).map(ConfirmationRemindersTest::subject).toList()));
    }

    @Test
    void confirmationRemindersAreATypeOneCanSubscribeTo() {
        String key = (String) Credentials.newKey("Stadtteilbüro " + UUID.randomUUID(), "read").get("key");
        given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/typo"), "eventTypes", List.of("org.kiezwerk.partner.confirmation-overdue.v1")))
                .when().post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json");
    }

    static final Map<String, String> SUBSCRIPTIONS = new ConcurrentHashMap<>();
    static String key;

    private static void subscribe(String key, String path, Map<String, Object> request) {
        ConfirmationRemindersTest.key = key;
        SUBSCRIPTIONS.put(path, given().header("X-API-Key", key).contentType(ContentType.JSON).body(request).when()
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id"));
    }

    /** Waits for the receiver to have n deliveries; if it does not, says what the delivery logs show. */
    private static void awaitReceived(int n) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.size() >= n);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder();
            SUBSCRIPTIONS.forEach((path, id) -> logs.append(path).append(": ").append(given().header("X-API-Key", key)
                    .when().get("/api/v1/webhooks/" + id + "/deliveries").then().extract().asString()).append('\n'));
            fail("received " + receiver.received.size() + " of " + n + " deliveries; the logs:\n" + logs);
        }
        assertEquals(n, receiver.received.size());
    }

    private static Set<String> subjects(String path) {
        Set<String> subjects = new TreeSet<>();
        receiver.at(path).forEach(r -> subjects.add(subject(r)));
        return subjects;
    }

    private static String subject(WebhookReceiver.Received received) {
        try {
            return JSON.readTree(received.body()).path("subject").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String entry(String type, UUID id, UUID partner, String name, String confirmedAt) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"partnerId\":\"" + partner + "\",\"name\":\"" + name
                + "\",\"partnerName\":\"" + (type.equals("partner") ? name : "Nachbarschaftshaus Nord") + "\",\"confirmedAt\":\""
                + confirmedAt + "\",\"contact\":{\"email\":\"kontakt@example.org\"}}";
    }

    /** partner-service's stand-in: the neighbourhoods and the stale-entry report, one entry per page (so paging is used). */
    public static class StaleReport implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Map<String, String> query = new ConcurrentHashMap<>();
                String raw = exchange.getRequestURI().getQuery();
                if (raw != null) {
                    for (String pair : raw.split("&")) {
                        String[] kv = pair.split("=", 2);
                        query.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                    }
                }
                int status = 200;
                String body;
                if (path.equals("/api/v1/neighbourhoods")) {
                    body = "{\"items\":[{\"code\":\"auenstadt\",\"parent\":null},{\"code\":\"auenstadt-nord\",\"parent\":\"auenstadt\"},"
                            + "{\"code\":\"auenstadt-sued\",\"parent\":\"auenstadt\"},{\"code\":\"weststadt\"}],\"nextCursor\":null}";
                } else if (path.equals("/api/v1/partners/stale") && REPORT.containsKey(query.getOrDefault("neighbourhood", ""))
                        && "12".equals(query.get("months"))) {
                    List<String> entries = REPORT.get(query.get("neighbourhood"));
                    int at = Integer.parseInt(query.getOrDefault("cursor", "0"));
                    List<String> page = new ArrayList<>(entries.subList(Math.min(at, entries.size()), Math.min(at + 1, entries.size())));
                    body = "{\"items\":[" + String.join(",", page) + "],\"nextCursor\":"
                            + (at + 1 < entries.size() ? "\"" + (at + 1) + "\"" : "null") + "}";
                } else {
                    status = 404;
                    body = "{\"type\":\"/problems/not-found\",\"status\":404}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            return Map.of("kiezwerk.gateway.partner-service-url", "http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
