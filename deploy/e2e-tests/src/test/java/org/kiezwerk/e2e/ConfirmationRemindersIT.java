package org.kiezwerk.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.ManagedProcess;

/**
 * Confirmation reminders end to end: partners imported into partner-service through the gateway (HSDS,
 * with their offers' assured_date), partner-service's stale-entry report, and the gateway's daily round —
 * here run by a second gateway whose round comes every few seconds — delivering signed
 * {@code confirmation-due} webhooks to a receiver started by the test. The planted answer: a seeded
 * generator makes some partners' offers old and others fresh; exactly the partners with an old offer
 * are reminded, once each, naming exactly their old offers.
 */
@ExtendWith(TheSystem.class)
class ConfirmationRemindersIT {

    private static final String CONFIRMATION_DUE = "org.kiezwerk.partner.confirmation-due.v1";
    /** A gateway of this test's own, beside the one TheSystem started, with the same services behind it. */
    private static final LocalInfra.ServicePorts REMINDING = new LocalInfra.ServicePorts(18089, TheSystem.PORTS.partner(),
            TheSystem.PORTS.event(), TheSystem.PORTS.network());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean remindingGatewayStarted;

    private static synchronized void startRemindingGateway() {
        if (!remindingGatewayStarted) {
            TheSystem.infra.startServiceAs("gateway-reminders", LocalInfra.Service.GATEWAY, REMINDING, TheSystem.started, Map.of(
                    "KIEZWERK_WEBHOOKS_REMINDERS_FIRST_AFTER", "2s",
                    "KIEZWERK_WEBHOOKS_REMINDERS_EVERY", "3s"));
            remindingGatewayStarted = true;
        }
    }

    /** The second gateway goes when this class is done: the other classes count on one gateway. */
    @AfterAll
    static synchronized void stopRemindingGateway() {
        List<ManagedProcess> ours = TheSystem.started.stream().filter(p -> p.name().equals("gateway-reminders")).toList();
        TheSystem.infra.stop(new ArrayList<>(ours));
        TheSystem.started.removeAll(ours);
        remindingGatewayStarted = false;
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 23})
    void exactlyThePartnersWithOldEntriesAreRemindedOnceSigned(long seed) throws Exception {
        startRemindingGateway();
        Random random = new Random(seed);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String area = "rem-" + run;
        given().baseUri(TheSystem.gateway()).contentType(ContentType.JSON)
                .body(Map.of("code", area, "name", "Erinnerungsviertel " + run, "level", "quarter", "centre", Map.of("lat", 50.1, "lon", 8.2)))
                .when().post("/api/v1/neighbourhoods").then().statusCode(201);

        // the planted answer: partner id -> the ids of its offers confirmed more than 12 months ago
        Map<String, Set<String>> stale = new HashMap<>();
        List<Map<String, Object>> organizations = new ArrayList<>();
        LocalDate today = LocalDate.now();
        for (int p = 0; p < 6; p++) {
            String partner = UUID.randomUUID().toString();
            List<Map<String, Object>> services = new ArrayList<>();
            for (int o = 0; o < 1 + random.nextInt(3); o++) {
                String offer = UUID.randomUUID().toString();
                boolean old = random.nextInt(3) == 0;
                LocalDate assured = old ? today.minusMonths(13 + random.nextInt(40)) : today.minusMonths(random.nextInt(11));
                if (old) {
                    stale.computeIfAbsent(partner, id -> new HashSet<>()).add(offer);
                }
                services.add(Map.of("id", offer, "name", "Angebot " + p + "." + o + " " + run, "description", "Ein Angebot.",
                        "status", "active", "assured_date", assured.toString()));
            }
            organizations.add(Map.of("id", partner, "name", "Erinnerungsverein " + p + " " + run, "description", "Ein Verein.",
                    "services", services));
        }
        assertFalse(stale.isEmpty(), "seed " + seed + " plants at least one stale partner");
        assertTrue(stale.size() < organizations.size(), "seed " + seed + " plants at least one fresh partner");

        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(Map.of(
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    "id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                    "timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature"))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String webhook = null;
        try {
            JsonNode subscribed = JSON.readTree(given().baseUri(TheSystem.gateway()).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/reminders",
                            "description", "reminders " + run, "eventTypes", List.of(CONFIRMATION_DUE),
                            "filters", Map.of("neighbourhoods", List.of(area))))
                    .when().post("/api/v1/webhooks").then().statusCode(201).extract().asString());
            webhook = subscribed.path("id").asText();
            String secret = subscribed.path("secret").asText();

            String job = given().baseUri(TheSystem.gateway()).contentType(ContentType.JSON).body(organizations)
                    .queryParam("neighbourhood", area).queryParam("duplicateCheck", "false")
                    .when().post("/api/v1/partners/imports").then().statusCode(202).extract().header("Location");
            Awaitility.await("the import is done").atMost(Duration.ofSeconds(60)).until(() ->
                    "done".equals(given().baseUri(TheSystem.gateway()).when().get(job).then().extract().path("status")));
            assertEquals(organizations.size(), (int) given().baseUri(TheSystem.gateway()).when().get(job).then()
                    .extract().path("created"));

            Awaitility.await("a reminder for each planted stale partner").atMost(Duration.ofSeconds(60))
                    .until(() -> remindedPartners(received).containsAll(stale.keySet()));
            // further rounds (every 3 s) record nothing new: the reminder's id names partner, confirmation and round
            Awaitility.await("no second reminder and none for a fresh partner in later rounds")
                    .during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10))
                    .until(() -> received.size() == stale.size());

            Map<String, Set<String>> reminded = new HashMap<>();
            for (Map<String, String> delivery : received) {
                String expected = sign(secret, delivery.get("id") + "." + delivery.get("timestamp") + "." + delivery.get("body"));
                assertTrue(List.of(delivery.get("signature").split(" ")).contains(expected), "signed: " + delivery);
                JsonNode event = JSON.readTree(delivery.get("body"));
                assertEquals(CONFIRMATION_DUE, event.path("type").asText());
                String partner = event.path("data").path("partnerId").asText();
                assertEquals(partner, event.path("subject").asText());
                assertEquals("/api/v1/partners/" + partner + "/confirmation", event.path("data").path("confirm").asText());
                Set<String> offers = new HashSet<>();
                for (JsonNode item : event.path("data").path("stale")) {
                    assertEquals("offer", item.path("type").asText(), "the partners themselves were confirmed by the import");
                    offers.add(item.path("id").asText());
                }
                assertNull(reminded.put(partner, offers), "one reminder per partner: " + partner);
            }
            assertEquals(stale, reminded, "exactly the planted stale partners, each with exactly its old offers");
        } finally {
            if (webhook != null) {
                given().baseUri(TheSystem.gateway()).when().delete("/api/v1/webhooks/" + webhook);
            }
            receiver.stop(0);
        }
    }

    private static Set<String> remindedPartners(List<Map<String, String>> received) throws Exception {
        Set<String> partners = new HashSet<>();
        for (Map<String, String> delivery : received) {
            partners.add(JSON.readTree(delivery.get("body")).path("subject").asText());
        }
        return partners;
    }

    /** Standard Webhooks, written here from the specification: v1,base64(HMAC-SHA256(base64-decoded secret, id.timestamp.body)). */
    private static String sign(String secret, String content) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
