package org.kiezwerk.event.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.event.repository.AreaReplicaRepository;
import org.kiezwerk.event.repository.PartnerReplicaRepository;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * The ended-events part of the stale-entry report (issue 17, freshness): events created through the
 * API with dates in the past (the API accepts them: a record may be written after the fact), and
 * the report lists exactly the area's (with its sub-area's) ended events that were never closed,
 * each with what it needs and its hosts by name.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class EndedEventsIT {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    PartnerReplicaRepository partners;

    @Inject
    AreaReplicaRepository areas;

    @Test
    void anAreasEndedButUnclosedEventsAreListedWithWhatTheyNeed() throws Exception {
        String prefix = "ended-" + UUID.randomUUID().toString().substring(0, 8);
        String city = prefix + "-stadt";
        String quarter = prefix + "-kiez";
        String elsewhere = prefix + "-anderswo";
        UUID host = UUID.randomUUID();
        UUID guest = UUID.randomUUID();
        publish(host, "Stadtteilzentrum " + prefix, List.of(Map.of("id", UUID.randomUUID(), "code", quarter, "name", quarter,
                "level", "quarter", "parentCode", city, "ancestors", List.of(Map.of("code", city, "name", city, "level", "city")))));
        publish(guest, "Gäste & Co " + prefix, List.of(Map.of("id", UUID.randomUUID(), "code", elsewhere, "name", elsewhere,
                "level", "quarter")));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> partners.count("id in ?1", List.of(host, guest)) == 2 && areas.count("code in ?1", List.of(city, quarter)) == 2));

        // ended and open: the oldest first, whatever order they were written in
        String openInQuarter = create("Kiezfest", quarter, daysAgo(40), "planned", null, List.of(role(host, "host"), role(guest, "co_host")));
        String openInCity = create("Stadtputz", city, daysAgo(60), "planned", null, List.of(role(host, "host")));
        String confirmedNoCount = create("Lesung", quarter, daysAgo(20), "confirmed", null, List.of(role(host, "host")));
        String postponedCounted = create("Flohmarkt", quarter, daysAgo(10), "postponed", 30, List.of(role(host, "host")));
        String longAgo = create("Sommerfest", quarter, daysAgo(500), "planned", null, List.of(role(host, "host")));
        // not stale: elsewhere, upcoming, closed, cancelled, contributor-only guest does not make it a host
        create("Anderswo", elsewhere, daysAgo(30), "planned", null, List.of(role(guest, "host")));
        create("Demnächst", quarter, daysAgo(-10), "planned", null, List.of(role(host, "host")));
        create("Erledigt", quarter, daysAgo(15), "confirmed", 42, List.of(role(host, "host")));
        String cancelled = create("Abgesagt", quarter, daysAgo(25), "planned", null, List.of(role(host, "host")));
        given().post("/api/v1/events/" + cancelled + "/cancel").then().statusCode(200);

        JsonPath report = report(Map.of("neighbourhood", city));
        assertEquals(List.of(openInCity, openInQuarter, confirmedNoCount, postponedCounted), report.getList("items.id"),
                "the city's and its quarter's ended, unclosed events, oldest end first");
        assertEquals(List.of("status", "attendance"), needs(report, openInQuarter));
        assertEquals(List.of("status", "attendance"), needs(report, openInCity));
        assertEquals(List.of("attendance"), needs(report, confirmedNoCount));
        assertEquals(List.of("status"), needs(report, postponedCounted));
        Map<String, Object> kiezfest = item(report, openInQuarter);
        assertEquals(quarter, kiezfest.get("neighbourhood"));
        assertEquals("planned", kiezfest.get("status"));
        assertEquals(List.of(Map.of("partnerId", host.toString(), "partnerName", "Stadtteilzentrum " + prefix, "role", "host"),
                Map.of("partnerId", guest.toString(), "partnerName", "Gäste & Co " + prefix, "role", "co_host")), kiezfest.get("hosts"));
        OffsetDateTime lastEnd = OffsetDateTime.parse((String) kiezfest.get("lastEnd"));
        assertEquals(daysAgo(40).plusHours(2).atZone(BERLIN).toInstant(), lastEnd.toInstant());
        assertNull(report.get("nextCursor"));

        // the quarter alone; a window of days; an older window
        assertEquals(List.of(openInQuarter, confirmedNoCount, postponedCounted), report(Map.of("neighbourhood", quarter)).getList("items.id"));
        assertEquals(List.of(confirmedNoCount, postponedCounted),
                report(Map.of("neighbourhood", city, "days", "30")).getList("items.id"));
        assertEquals(List.of(longAgo, openInCity, openInQuarter, confirmedNoCount, postponedCounted),
                report(Map.of("neighbourhood", city, "days", "730")).getList("items.id"));

        // paging: one at a time, the same items in the same order
        List<Object> paged = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> params = new HashMap<>(Map.of("neighbourhood", city, "limit", "1"));
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonPath page = report(params);
            assertEquals(1, page.getList("items").size());
            paged.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(report.getList("items.id"), paged);

        // closing one takes it off the report
        given().contentType("application/merge-patch+json").body(Map.of("status", "confirmed", "attendance", 25))
                .when().patch("/api/v1/events/" + openInQuarter).then().log().ifValidationFails().statusCode(200);
        assertFalse(report(Map.of("neighbourhood", city)).getList("items.id").contains(openInQuarter));

        // /ended is not taken for an id, and an id still reads
        given().when().get("/api/v1/events/" + confirmedNoCount).then().statusCode(200).body("id", is(confirmedNoCount));
    }

    @Test
    void badInputIsAProblem() {
        given().when().get("/api/v1/events/ended").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("neighbourhood"));
        Map<String, String> bad = Map.of("days", "0", "limit", "201", "cursor", "kein cursor", "neighbourhood", "Kein Code!");
        bad.forEach((name, value) -> {
            Map<String, String> params = new HashMap<>(Map.of("neighbourhood", "irgendwo"));
            params.put(name, value);
            given().queryParams(params).when().get("/api/v1/events/ended").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", is(name));
        });
        for (String days : Set.of("731", "viele", "-1")) {
            given().queryParam("neighbourhood", "irgendwo").queryParam("days", days).when().get("/api/v1/events/ended")
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("days"));
        }
        given().queryParam("neighbourhood", "nirgendwo-" + UUID.randomUUID().toString().substring(0, 8))
                .when().get("/api/v1/events/ended").then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", is("neighbourhood"));
    }

    // ---- fixtures

    private static JsonPath report(Map<String, String> params) {
        return given().queryParams(params).when().get("/api/v1/events/ended").then().log().ifValidationFails().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(JsonPath report, String id) {
        return ((List<Map<String, Object>>) report.get("items")).stream().filter(i -> id.equals(i.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + report.prettify()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> needs(JsonPath report, String id) {
        return (List<String>) item(report, id).get("needs");
    }

    /** A local start this many days ago (negative: ahead), on the minute. */
    private static LocalDateTime daysAgo(int days) {
        return LocalDateTime.now(BERLIN).minusDays(days).truncatedTo(ChronoUnit.MINUTES).withHour(15).withMinute(0);
    }

    private static Map<String, Object> role(UUID partner, String role) {
        return Map.of("partnerId", partner, "role", role);
    }

    private static String create(String title, String neighbourhood, LocalDateTime start, String status, Integer attendance,
            List<Map<String, Object>> roles) {
        Map<String, Object> event = new HashMap<>();
        event.put("title", title);
        event.put("category", "meeting");
        event.put("status", status);
        event.put("start", start.toString());
        event.put("end", start.plusHours(2).toString());
        event.put("timeZone", "Europe/Berlin");
        event.put("neighbourhood", neighbourhood);
        event.put("partners", roles);
        if (attendance != null) {
            event.put("attendance", attendance);
        }
        return given().contentType(ContentType.JSON).body(event).when().post("/api/v1/events")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private void publish(UUID id, String name, List<Map<String, Object>> neighbourhoods) throws Exception {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("name", name);
        message.put("kind", "association");
        message.put("neighbourhoods", neighbourhoods);
        message.put("version", 0);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>("kiezwerk.partners.v1", id.toString(),
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(message));
            record.headers().add("ce_type", "org.kiezwerk.partner.registered.v1".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "/partner-service".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
