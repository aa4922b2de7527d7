package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * Webhooks end to end in the gateway, against the tests' real PostgreSQL and Kafka: messages shaped as
 * docs/events.md describes are produced onto the topics, and a real HTTP server started here receives the
 * deliveries. Signatures are checked with javax.crypto directly, not with the gateway's own class.
 */
@QuarkusTest
@TestProfile(WebhooksIT.Fast.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"))
class WebhooksIT {

    /** The consumer on, receivers on this machine allowed, and retries, timeouts and pausing in seconds, not days. */
    public static class Fast implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.webhooks.consumer.enabled", "true",
                    "kiezwerk.webhooks.allow-private-targets", "true",
                    "kiezwerk.webhooks.retry.initial", "PT0.2S",
                    "kiezwerk.webhooks.retry.max", "PT1S",
                    "kiezwerk.webhooks.response-timeout", "PT1S",
                    "kiezwerk.webhooks.pause-after", "PT5S",
                    "kiezwerk.webhooks.poll-interval", "PT0.2S");
        }
    }

    static final String PARTNERS = "kiezwerk.partners.v1";
    static final String EVENTS = "kiezwerk.events.v1";
    static final String REGISTERED = "org.kiezwerk.partner.registered.v1";
    static final String UPDATED = "org.kiezwerk.partner.updated.v1";
    static final String SCHEDULED = "org.kiezwerk.event.scheduled.v1";
    static final String TIES = "kiezwerk.ties.v1";
    static final String TIE_ASSERTED = "org.kiezwerk.network.tie-asserted.v1";
    static final String TIE_CONFIRMED = "org.kiezwerk.network.tie-confirmed.v1";
    static final String TIE_REMOVED = "org.kiezwerk.network.tie-removed.v1";
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static WebhookReceiver receiver;
    static KafkaProducer<String, String> producer;
    static String key;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    @BeforeEach
    void aKeyOfItsOwn() {
        if (key == null) {
            key = (String) Credentials.newKey("Vereins-CRM " + UUID.randomUUID(), "read").get("key");
        }
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    // --- the tests

    @Test
    void aSubscriberGetsSignedCloudEventsOfWhatItAskedForOnly() throws Exception {
        UUID partner = UUID.randomUUID();
        String path = "/crm/" + partner;
        JsonPath created = subscribe(Map.of("url", receiver.url(path), "eventTypes", List.of(REGISTERED, UPDATED),
                "filters", Map.of("neighbourhoods", List.of("auenstadt-sued"), "partners", List.of(partner.toString()))));
        String secret = created.getString("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        String id = created.getString("id");
        given().header("X-API-Key", key).when().get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("secret", nullValue()).body("status", is("active")).body("url", is(receiver.url(path)));

        // same partner, same partition, in this order: another area (not asked for), an event type not asked for, then
        // a change in a sub-area of the one asked for
        publishPartner(partner, UPDATED, 1, "weststadt", null);
        publish(EVENTS, partner.toString(), SCHEDULED, "{\"id\": \"" + partner + "\", \"neighbourhood\": \"lindenhof\", \"partners\": []}");
        String ceId = publishPartner(partner, UPDATED, 2, "lindenhof", "auenstadt-sued");

        await().atMost(DEADLINE).until(() -> !receiver.at(path).isEmpty());
        WebhookReceiver.Received delivery = receiver.at(path).get(0);
        assertEquals("application/cloudevents+json", delivery.headers().get("Content-Type"));
        String webhookId = delivery.headers().get("webhook-id");
        String timestamp = delivery.headers().get("webhook-timestamp");
        assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 120, timestamp);
        assertEquals("v1," + hmac(secret, webhookId + "." + timestamp + "." + delivery.body()), delivery.headers().get("webhook-signature"));
        assertNotEquals("v1," + hmac(WebhookSignatureOf.other(), webhookId + "." + timestamp + "." + delivery.body()),
                delivery.headers().get("webhook-signature"));

        JsonNode event = JSON.readTree(delivery.body());
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals(ceId, event.path("id").asText());
        assertEquals("/partner-service", event.path("source").asText());
        assertEquals(UPDATED, event.path("type").asText());
        assertEquals(partner.toString(), event.path("subject").asText());
        assertEquals("application/json", event.path("datacontenttype").asText());
        assertEquals(2, event.path("data").path("version").asInt());
        assertEquals("lindenhof", event.path("data").path("neighbourhoods").path(0).path("code").asText());

        // the log: only the one that matched, delivered at the first attempt
        await().atMost(DEADLINE).untilAsserted(() -> given().header("X-API-Key", key).when().get("/api/v1/webhooks/" + id + "/deliveries")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].status", is("delivered"))
                .body("items[0].attempts", is(1)).body("items[0].lastStatus", is(204)).body("items[0].latencyMs", notNullValue())
                .body("items[0].eventId", is(ceId)).body("items[0].origin", is("live")).body("items[0].id", is(webhookId)));
        assertEquals(1, receiver.at(path).size());
    }

    @Test
    void aTieGoesToSubscriptionsForEitherOfItsOrganisationsOrTheirAreas() throws Exception {
        UUID centre = UUID.randomUUID();
        UUID parish = UUID.randomUUID();
        UUID tie = UUID.randomUUID();
        String byPartner = "/ties/partner/" + tie;
        String byArea = "/ties/area/" + tie;
        String elsewhere = "/ties/elsewhere/" + tie;
        String secret = subscribe(Map.of("url", receiver.url(byPartner), "eventTypes", List.of(TIE_ASSERTED, TIE_REMOVED),
                "filters", Map.of("partners", List.of(parish.toString())))).getString("secret"); // the "to" side
        subscribe(Map.of("url", receiver.url(byArea), "eventTypes", List.of(TIE_ASSERTED),
                "filters", Map.of("neighbourhoods", List.of("auenstadt-sued")))); // above the "from" side's quarter
        String other = subscribe(Map.of("url", receiver.url(elsewhere), "eventTypes", List.of(TIE_ASSERTED, TIE_CONFIRMED, TIE_REMOVED),
                "filters", Map.of("partners", List.of(UUID.randomUUID().toString()), "neighbourhoods", List.of("lindenhof")))).getString("id");

        // as network-service publishes them (docs/events.md): asserted, confirmed (asked for by none), removed, tombstone
        String asserted = publish(TIES, tie.toString(), TIE_ASSERTED, tie(tie, centre, parish, 0, false));
        publish(TIES, tie.toString(), TIE_CONFIRMED, tie(tie, centre, parish, 1, true));
        String removed = publish(TIES, tie.toString(), TIE_REMOVED, tie(tie, centre, parish, 1, true));
        producer.send(new ProducerRecord<>(TIES, tie.toString(), null)).get();

        await().atMost(DEADLINE).until(() -> receiver.at(byPartner).size() == 2 && receiver.at(byArea).size() == 1);
        List<WebhookReceiver.Received> received = receiver.at(byPartner);
        WebhookReceiver.Received first = received.get(0);
        assertEquals("v1," + hmac(secret, first.headers().get("webhook-id") + "." + first.headers().get("webhook-timestamp") + "."
                + first.body()), first.headers().get("webhook-signature"));
        JsonNode event = JSON.readTree(first.body());
        assertEquals(asserted, event.path("id").asText());
        assertEquals(TIE_ASSERTED, event.path("type").asText());
        assertEquals("/network-service", event.path("source").asText());
        assertEquals(tie.toString(), event.path("subject").asText());
        assertEquals(parish.toString(), event.path("data").path("to").asText());
        assertEquals("shared_premises", event.path("data").path("kind").asText());
        JsonNode last = JSON.readTree(received.get(1).body());
        assertEquals(removed, last.path("id").asText());
        assertEquals(TIE_REMOVED, last.path("type").asText());
        assertEquals(asserted, JSON.readTree(receiver.at(byArea).get(0).body()).path("id").asText());
        // neither its partner nor its area: nothing was recorded for it
        given().header("X-API-Key", key).when().get("/api/v1/webhooks/" + other + "/deliveries").then().statusCode(200)
                .body("items", hasSize(0));
        assertTrue(receiver.at(elsewhere).isEmpty());
    }

    /** A tie message as network-service publishes it (docs/schemas/tie-message.v1.schema.json). */
    private static String tie(UUID id, UUID from, UUID to, int version, boolean confirmed) {
        return "{\"id\": \"" + id + "\", \"from\": \"" + from + "\", \"fromName\": \"Begegnungszentrum\","
                + " \"fromNeighbourhoods\": [\"auenstadt\", \"auenstadt-sued\", \"lindenhof\"], \"to\": \"" + to + "\","
                + " \"toName\": \"St. Markus\", \"toNeighbourhoods\": [\"weststadt\"], \"kind\": \"shared_premises\", \"strength\": 4,"
                + " \"since\": \"2025-09-01\", \"until\": null, \"assertedBy\": \"" + from + "\", \"confirmed\": " + confirmed + ","
                + " \"version\": " + version + "}";
    }

    @Test
    void failuresAndTimeoutsAreRetriedAndAnAggregateKeepsItsOrder() throws Exception {
        UUID partner = UUID.randomUUID();
        String path = "/volunteers/" + partner;
        // first a server error, then no answer within the timeout, then fine
        receiver.answer(path, n -> n == 1 ? 500 : n == 2 ? -2_500 : 200);
        JsonPath created = subscribe(Map.of("url", receiver.url(path), "eventTypes", List.of(REGISTERED, UPDATED),
                "filters", Map.of("partners", List.of(partner.toString()))));
        publishPartner(partner, REGISTERED, 0, "lindenhof", null);
        publishPartner(partner, UPDATED, 1, "lindenhof", null);
        publishPartner(partner, UPDATED, 2, "lindenhof", null);

        await().atMost(DEADLINE).until(() -> receiver.at(path).stream().filter(r -> r.answered() == 200).count() == 3);
        List<WebhookReceiver.Received> all = receiver.at(path);
        List<Integer> versions = all.stream().map(r -> version(r.body())).toList();
        // version 0 three times (500, timeout, 200), then 1 and 2: nothing overtook the failing one
        assertEquals(List.of(0, 0, 0, 1, 2), versions, "versions as they arrived");
        // a retry is the same message: the same webhook-id
        assertEquals(1, all.subList(0, 3).stream().map(r -> r.headers().get("webhook-id")).distinct().count());
        given().header("X-API-Key", key).when().get("/api/v1/webhooks/" + created.getString("id") + "/deliveries")
                .then().statusCode(200).body("items", hasSize(3)).body("items.status", everyItem(is("delivered")))
                .body("items[2].attempts", is(3)).body("items[2].lastStatus", is(200)).body("items[1].attempts", is(1));
        given().header("X-API-Key", key).when().get("/api/v1/webhooks/" + created.getString("id")).then()
                .body("status", is("active")).body("failingSince", nullValue());
    }

    @Test
    void aSubscriptionFailingTooLongIsPausedKeepsItsDeliveriesAndResumes() throws Exception {
        UUID partner = UUID.randomUUID();
        String path = "/portal/" + partner;
        receiver.answer(path, n -> 503);
        String id = subscribe(Map.of("url", receiver.url(path), "eventTypes", List.of(UPDATED),
                "filters", Map.of("partners", List.of(partner.toString())))).getString("id");
        publishPartner(partner, UPDATED, 1, "lindenhof", null);

        await().atMost(DEADLINE).untilAsserted(() -> given().header("X-API-Key", key).when().get("/api/v1/webhooks/" + id)
                .then().statusCode(200).body("status", is("paused")).body("pausedReason", containsString("503"))
                .body("pausedAt", notNullValue()));
        assertTrue(receiver.at(path).size() >= 3, "retried before pausing: " + receiver.at(path).size());

        // paused: new changes are recorded, not sent, and nothing is dropped
        publishPartner(partner, UPDATED, 2, "lindenhof", null);
        await().atMost(DEADLINE).untilAsserted(() -> given().header("X-API-Key", key)
                .when().get("/api/v1/webhooks/" + id + "/deliveries?status=pending")
                .then().statusCode(200).body("items", hasSize(2)).body("items[0].attempts", is(0)));
        int sentWhilePaused = receiver.at(path).size();

        receiver.answer(path, n -> 204);
        given().header("X-API-Key", key).when().post("/api/v1/webhooks/" + id + "/resume").then().statusCode(200)
                .body("status", is("active")).body("pausedReason", nullValue());
        await().atMost(DEADLINE).until(() -> receiver.at(path).stream().filter(r -> r.answered() == 204).count() == 2);
        List<Integer> delivered = receiver.at(path).stream().filter(r -> r.answered() == 204).map(r -> version(r.body())).toList();
        assertEquals(List.of(1, 2), delivered);
        assertEquals(sentWhilePaused + 2, receiver.at(path).size());
    }

    @Test
    void oneDeliveryIsSentAgainAndAPeriodReplayed() throws Exception {
        UUID partner = UUID.randomUUID();
        String path = "/city/" + partner;
        String id = subscribe(Map.of("url", receiver.url(path), "eventTypes", List.of(REGISTERED, UPDATED),
                "filters", Map.of("partners", List.of(partner.toString())))).getString("id");
        Instant before = Instant.now().minusSeconds(1);
        publishPartner(partner, REGISTERED, 0, "lindenhof", null);
        publishPartner(partner, UPDATED, 1, "lindenhof", null);
        await().atMost(DEADLINE).until(() -> receiver.at(path).size() == 2);
        String first = given().header("X-API-Key", key).when().get("/api/v1/webhooks/" + id + "/deliveries")
                .then().statusCode(200).body("items", hasSize(2)).extract().path("items[1].id");

        given().header("X-API-Key", key).when().post("/api/v1/webhooks/" + id + "/deliveries/" + first + "/redeliver")
                .then().statusCode(202).body("origin", is("redelivery")).body("status", is("pending"));
        await().atMost(DEADLINE).until(() -> receiver.at(path).size() == 3);
        WebhookReceiver.Received again = receiver.at(path).get(2);
        assertEquals(0, version(again.body()));
        assertEquals(JSON.readTree(receiver.at(path).get(0).body()).path("id"), JSON.readTree(again.body()).path("id"), "the same CloudEvent");
        assertNotEquals(receiver.at(path).get(0).headers().get("webhook-id"), again.headers().get("webhook-id"));

        given().header("X-API-Key", key).queryParam("from", before.toString())
                .queryParam("to", Instant.now().plusSeconds(1).toString())
                .when().post("/api/v1/webhooks/" + id + "/replay").then().statusCode(202).body("deliveries", is(2));
        await().atMost(DEADLINE).until(() -> receiver.at(path).size() == 5);
        assertEquals(List.of(0, 1, 0, 0, 1), receiver.at(path).stream().map(r -> version(r.body())).toList());
        // a period before the subscription replays nothing
        given().header("X-API-Key", key).queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", "2020-02-01T00:00:00Z")
                .when().post("/api/v1/webhooks/" + id + "/replay").then().statusCode(202).body("deliveries", is(0));
    }

    @Test
    void aSubscriptionBelongsToItsKey() {
        String id = subscribe(Map.of("url", receiver.url("/mine"), "eventTypes", List.of(UPDATED))).getString("id");
        String other = (String) Credentials.newKey("another system", "read").get("key");
        given().header("X-API-Key", other).when().get("/api/v1/webhooks/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("X-API-Key", other).when().delete("/api/v1/webhooks/" + id).then().statusCode(404);
        given().header("X-API-Key", other).when().get("/api/v1/webhooks").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().header("X-API-Key", Credentials.adminKey()).when().get("/api/v1/webhooks").then().statusCode(200).body("items.id", hasItem(id));
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("description", "Mitgliederverwaltung",
                "filters", Map.of("neighbourhoods", List.of("lindenhof")))).when().patch("/api/v1/webhooks/" + id)
                .then().statusCode(200).body("description", is("Mitgliederverwaltung")).body("filters.neighbourhoods", contains("lindenhof"))
                .body("eventTypes", contains(UPDATED));
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("status", "paused"))
                .when().patch("/api/v1/webhooks/" + id).then().statusCode(200).body("status", is("paused"))
                .body("pausedReason", is("paused by its owner"));
        given().header("X-API-Key", key).when().delete("/api/v1/webhooks/" + id).then().statusCode(204);
        given().header("X-API-Key", key).when().get("/api/v1/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void badInputIsAProblem() {
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.org/", "eventTypes", List.of(UPDATED)))
                .when().post("/api/v1/webhooks").then().statusCode(401).contentType("application/problem+json");
        String writer = (String) Credentials.newKey("writes only", "events:write").get("key");
        given().header("X-API-Key", writer).when().get("/api/v1/webhooks").then().statusCode(403).contentType("application/problem+json");
        refused(Map.of("url", "ftp://example.org/hook", "eventTypes", List.of(UPDATED)), "url");
        refused(Map.of("url", "https://example.org/hook", "eventTypes", List.of("org.kiezwerk.tie.created.v1")), "eventTypes[0]");
        refused(Map.of("url", "https://example.org/hook"), "eventTypes");
        refused(Map.of("url", "https://example.org/hook", "eventTypes", List.of(UPDATED),
                "filters", Map.of("neighbourhoods", List.of("Not A Code"))), "filters.neighbourhoods[0]");
        given().header("X-API-Key", key).contentType(ContentType.JSON).body("{\"url\": ").when().post("/api/v1/webhooks")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.org/hook", "eventTypes", List.of(UPDATED), "filters", Map.of("partners", List.of("x"))))
                .when().post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json");
        String id = subscribe(Map.of("url", receiver.url("/bad"), "eventTypes", List.of(UPDATED))).getString("id");
        given().header("X-API-Key", key).queryParam("from", "yesterday").queryParam("to", "2027-01-01T00:00:00Z")
                .when().post("/api/v1/webhooks/" + id + "/replay").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("from"));
        given().header("X-API-Key", key).when().post("/api/v1/webhooks/" + id + "/replay").then().statusCode(400);
        given().header("X-API-Key", key).when().get("/api/v1/webhooks/" + id + "/deliveries?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("X-API-Key", key).when().get("/api/v1/webhooks/not-an-id").then().statusCode(404).contentType("application/problem+json");
        given().header("X-API-Key", key).when().post("/api/v1/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("status", "sleeping"))
                .when().patch("/api/v1/webhooks/" + id).then().statusCode(400).body("errors[0].field", is("status"));
    }

    // --- helpers

    private static JsonPath subscribe(Map<String, Object> request) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(request).when().post("/api/v1/webhooks")
                .then().statusCode(201).contentType(ContentType.JSON).header("Location", containsString("/api/v1/webhooks/"))
                .extract().jsonPath();
    }

    private static void refused(Map<String, Object> request, String field) {
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(request).when().post("/api/v1/webhooks")
                .then().statusCode(400).contentType("application/problem+json").body("type", is("/problems/validation"))
                .body("errors[0].field", is(field));
    }

    /** A partner message as partner-service publishes it (docs/events.md); returns its ce_id. */
    private static String publishPartner(UUID partner, String type, int version, String area, String parent) throws Exception {
        String neighbourhood = "{\"id\": \"" + UUID.randomUUID() + "\", \"code\": \"" + area + "\", \"name\": \"" + area + "\", \"level\": \"quarter\","
                + " \"parentCode\": " + (parent == null ? "null" : "\"" + parent + "\"") + "}";
        String value = "{\"id\": \"" + partner + "\", \"name\": \"Begegnungszentrum\", \"kind\": \"community_centre\", \"status\": \"active\","
                + " \"neighbourhoods\": [" + neighbourhood + "], \"offers\": [], \"resources\": [], \"version\": " + version + "}";
        return publish(PARTNERS, partner.toString(), type, value);
    }

    private static String publish(String topic, String key, String type, String value) throws Exception {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(id))
                .add("ce_source", bytes(topic.equals(PARTNERS) ? "/partner-service" : topic.equals(TIES) ? "/network-service" : "/event-service")).add("ce_type", bytes(type))
                .add("ce_subject", bytes(key)).add("ce_time", bytes(Instant.now().toString()))
                .add("content-type", bytes("application/json")).add("X-Request-Id", bytes(UUID.randomUUID().toString()));
        producer.send(record).get();
        return id;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int version(String body) {
        try {
            return JSON.readTree(body).path("data").path("version").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature as a receiver computes it: HMAC-SHA256 with the base64 key after whsec_. */
    static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** Another secret, to show the signature depends on the right one. */
    static final class WebhookSignatureOf {
        static String other() {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            return "whsec_" + Base64.getEncoder().encodeToString(key);
        }
    }
}
