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
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kiezwerk.event.domain.AreaReplica;
import org.kiezwerk.event.repository.AreaReplicaRepository;
import org.kiezwerk.event.repository.PartnerReplicaRepository;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * Areas form one hierarchy (issue 13): the partner topic tells event-service the areas and the chain
 * above them, and a neighbourhood filter at any level — search, calendar.ics, co-production — answers
 * for the area and everything below it. Checked on seeded generated trees (city → 2 districts → 2
 * quarters each) with events in random areas, against the subtree computed here.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class AreaHierarchyIT {

    static final String FROM = "2028-03-01T00:00:00+01:00";
    static final String TO = "2028-04-01T00:00:00+02:00";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    PartnerReplicaRepository partners;

    @Inject
    AreaReplicaRepository areas;

    /** A generated tree: each area's parent (the city's is null). */
    record Tree(String city, List<String> districts, List<String> quarters, Map<String, String> parent) {

        static Tree generate(String prefix) {
            String city = prefix + "-stadt";
            List<String> districts = List.of(prefix + "-nord", prefix + "-sued");
            List<String> quarters = new ArrayList<>();
            Map<String, String> parent = new LinkedHashMap<>();
            parent.put(city, null);
            for (String district : districts) {
                parent.put(district, city);
                for (int i = 1; i <= 2; i++) {
                    String quarter = district + "-q" + i;
                    quarters.add(quarter);
                    parent.put(quarter, district);
                }
            }
            return new Tree(city, districts, quarters, parent);
        }

        boolean within(String area, String top) {
            for (String at = area; at != null; at = parent.get(at)) {
                if (at.equals(top)) {
                    return true;
                }
            }
            return false;
        }

        String level(String area) {
            return area.equals(city) ? "city" : districts.contains(area) ? "district" : "quarter";
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void aFilterAtAnyLevelAnswersForItsWholeSubtree(long seed) throws Exception {
        Random random = new Random(seed);
        String prefix = "s" + seed + "-" + UUID.randomUUID().toString().substring(0, 8);
        Tree tree = Tree.generate(prefix);

        // partner-service's messages: one partner names the first quarter of each district with its
        // ancestors; another, an older message, names the second quarters with their parentCode only
        UUID host = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        publish(host, "Stadtteilzentrum " + prefix, 0, List.of(area(tree, tree.quarters().get(0), true),
                area(tree, tree.quarters().get(2), true)));
        publish(older, "Nachbarschaftsverein " + prefix, 0, List.of(area(tree, tree.quarters().get(1), false),
                area(tree, tree.quarters().get(3), false)));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> partners.count("id in ?1", List.of(host, older)) == 2 && areas.count("code in ?1", tree.parent().keySet()) == 7));
        // the whole tree as the directory has it: every parent, the city's levels from the chains
        QuarkusTransaction.requiringNew().run(() -> {
            for (Map.Entry<String, String> link : tree.parent().entrySet()) {
                AreaReplica replica = areas.findById(link.getKey());
                assertEquals(link.getValue(), replica.parentCode, link.getKey());
                assertEquals(tree.level(link.getKey()), replica.level, link.getKey());
            }
        });

        // events mostly in quarters, some named by a district or the city itself
        List<String> places = new ArrayList<>(tree.quarters());
        places.addAll(tree.quarters());
        places.addAll(tree.districts());
        places.add(tree.city());
        Map<String, String> eventArea = new HashMap<>();
        int count = 8 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            String where = places.get(random.nextInt(places.size()));
            String start = String.format("2028-03-%02dT%02d:00", 1 + random.nextInt(28), 9 + random.nextInt(10));
            eventArea.put(create(host, where, start, "Treffen " + i + " " + prefix), where);
        }

        for (String top : tree.parent().keySet()) {
            Set<String> expected = eventArea.entrySet().stream().filter(e -> tree.within(e.getValue(), top))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertEquals(expected, searched(top), "search ?neighbourhood=" + top);
            assertEquals(expected, inCalendar(top), "calendar.ics ?neighbourhood=" + top);
            assertEquals(expected.size(), coProductionEvents(top), "coproduction ?neighbourhood=" + top);
        }
        // several codes: any of them, each with its subtree
        String district = tree.districts().get(random.nextInt(2));
        String quarter = tree.quarters().get(random.nextInt(4));
        Set<String> either = eventArea.entrySet().stream()
                .filter(e -> tree.within(e.getValue(), district) || tree.within(e.getValue(), quarter))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(either, searched(district + "," + quarter));

        // the directory moves the second district to a new city: the next message says so
        String newCity = prefix + "-neustadt";
        String moved = tree.districts().get(1);
        String movedQuarter = tree.quarters().get(2);
        publish(host, "Stadtteilzentrum " + prefix, 1, List.of(area(tree, tree.quarters().get(0), true),
                Map.of("id", UUID.randomUUID(), "code", movedQuarter, "name", movedQuarter, "level", "quarter", "parentCode", moved,
                        "ancestors", List.of(Map.of("code", moved, "name", moved, "level", "district"),
                                Map.of("code", newCity, "name", newCity, "level", "city")))));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> newCity.equals(areas.findById(moved).parentCode)));
        Set<String> underMoved = eventArea.entrySet().stream().filter(e -> tree.within(e.getValue(), moved))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> leftInOldCity = new HashSet<>(eventArea.keySet());
        leftInOldCity.removeAll(underMoved);
        assertEquals(underMoved, searched(newCity), "the new city answers for the moved district's events");
        assertEquals(leftInOldCity, searched(tree.city()), "the old city no longer does");
        assertEquals(leftInOldCity.size(), coProductionEvents(tree.city()));
    }

    @Test
    void anUnknownAreaIsAProblemNotAnEmptyAnswer() throws Exception {
        // a code only an event names (no partner names it yet) is known: it stands for itself
        UUID host = UUID.randomUUID();
        publish(host, "Einzelgänger", 0, List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> partners.findById(host) != null));
        String alone = "solo-" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(host, alone, "2028-03-10T18:00", "Allein");
        assertEquals(Set.of(id), searched(alone));
        assertEquals(Set.of(id), inCalendar(alone));
        assertEquals(1, coProductionEvents(alone));

        String unknown = "nirgendwo-" + UUID.randomUUID().toString().substring(0, 8);
        for (String path : List.of("/api/v1/events", "/api/v1/events/calendar.ics", "/api/v1/events/coproduction")) {
            given().queryParam("neighbourhood", unknown).when().get(path)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("type", is("/problems/not-found"))
                    .body("errors[0].field", is("neighbourhood"))
                    .body("detail", containsString(unknown));
            // one unknown code among known ones is still a problem
            given().queryParam("neighbourhood", alone + "," + unknown).when().get(path)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("errors[0].field", is("neighbourhood")).body("detail", containsString(unknown));
            // what cannot be a code at all stays a 400
            given().queryParam("neighbourhood", "Nicht ein Code!").when().get(path)
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("neighbourhood"));
        }
        // unknown partner ids answer as before: an empty success
        given().queryParam("partner", UUID.randomUUID().toString()).queryParam("from", FROM).queryParam("to", TO)
                .when().get("/api/v1/events").then().statusCode(200).body("items", empty());
    }

    // ---- helpers

    /** A neighbourhoods item as partner-service publishes it; without the chain as older messages did. */
    private static Map<String, Object> area(Tree tree, String code, boolean withAncestors) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", UUID.randomUUID());
        item.put("code", code);
        item.put("name", "Gebiet " + code);
        item.put("level", tree.level(code));
        item.put("parentCode", tree.parent().get(code));
        if (withAncestors) {
            List<Map<String, Object>> ancestors = new ArrayList<>();
            for (String up = tree.parent().get(code); up != null; up = tree.parent().get(up)) {
                ancestors.add(Map.of("code", up, "name", "Gebiet " + up, "level", tree.level(up)));
            }
            item.put("ancestors", ancestors);
        }
        return item;
    }

    private static String create(UUID host, String neighbourhood, String start, String title) {
        Map<String, Object> event = new HashMap<>();
        event.put("title", title);
        event.put("category", "meeting");
        event.put("start", start);
        event.put("end", java.time.LocalDateTime.parse(start).plusHours(2).toString());
        event.put("neighbourhood", neighbourhood);
        event.put("partners", List.of(Map.of("partnerId", host, "role", "host")));
        return given().contentType(ContentType.JSON).body(event).when().post("/api/v1/events")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private static Set<String> searched(String neighbourhood) {
        List<String> ids = given().queryParam("neighbourhood", neighbourhood).queryParam("from", FROM).queryParam("to", TO)
                .queryParam("limit", 200).when().get("/api/v1/events")
                .then().log().ifValidationFails().statusCode(200).body("next", nullValue()).extract().path("items.eventId");
        return new HashSet<>(ids);
    }

    private static Set<String> inCalendar(String neighbourhood) throws Exception {
        String ics = given().queryParam("neighbourhood", neighbourhood).queryParam("from", FROM).queryParam("to", TO)
                .when().get("/api/v1/events/calendar.ics").then().statusCode(200).extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        Set<String> ids = new HashSet<>();
        for (Object component : calendar.getComponents(Component.VEVENT)) {
            ids.add(((VEvent) component).getUid().map(Property::getValue).orElseThrow().replace("@kiezwerk", ""));
        }
        return ids;
    }

    private static int coProductionEvents(String neighbourhood) {
        return given().queryParam("neighbourhood", neighbourhood).queryParam("from", FROM).queryParam("to", TO)
                .when().get("/api/v1/events/coproduction").then().statusCode(200).extract().path("events");
    }

    private void publish(UUID id, String name, long version, List<Map<String, Object>> neighbourhoods) throws Exception {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("name", name);
        message.put("kind", "association");
        message.put("neighbourhoods", neighbourhoods);
        message.put("version", version);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>("kiezwerk.partners.v1", id.toString(),
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(message));
            record.headers().add("ce_type", (version == 0 ? "org.kiezwerk.partner.registered.v1" : "org.kiezwerk.partner.updated.v1")
                    .getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "/partner-service".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
