package org.kiezwerk.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kiezwerk.e2e.neighbourhoods.SyntheticNeighbourhood;
import org.kiezwerk.e2e.neighbourhoods.SyntheticNeighbourhood.Event;
import org.kiezwerk.e2e.neighbourhoods.SyntheticNeighbourhood.Organisation;

/**
 * The brief's six questions on neighbourhoods nobody has seen before: for each seed a generated pair of cities
 * ({@link SyntheticNeighbourhood}) is loaded only through the gateway — the directory as an HSDS 3.0 import,
 * the areas, resources, persons, ties, conversations and events through their public endpoints — and every
 * answer is checked against what the generator planted, including who must never appear: persons without
 * consent or with withdrawn consent, and persons the caller's scope hides.
 */
@ExtendWith(TheSystem.class)
class SeededNeighbourhoodsIT {

    static final Duration PROJECTION = Duration.ofSeconds(90);
    static final String FROM = "2026-01-01T00:00:00+01:00";
    static final String TO = "2026-12-31T00:00:00+01:00";

    /** This class's own keys: its requests do not share the admin key's rate limit with the other classes. */
    static String writer;
    static String reader;

    @BeforeAll
    static void keys() {
        writer = key("seeded neighbourhoods: loader", List.of("admin"));
        reader = key("seeded neighbourhoods: reader", List.of("read"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void theBriefsSixQuestionsAreAnsweredOnAGeneratedNeighbourhood(long seed) {
        SyntheticNeighbourhood world = new SyntheticNeighbourhood(seed, UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> personIds = load(world);

        ages(world);
        partnersForTheCentre(world, personIds);
        keyPersonsAndBridges(world, personIds);
        introductionPaths(world, personIds);
        coProduction(world);
        growth(world);
    }

    // ---- loading, through the gateway only

    Map<String, String> load(SyntheticNeighbourhood world) {
        for (SyntheticNeighbourhood.Area area : world.areas) {
            Map<String, Object> body = new HashMap<>(Map.of("code", area.code(), "name", area.name(), "level", area.level(),
                    "centre", Map.of("lat", area.centre()[0], "lon", area.centre()[1])));
            body.put("parent", area.parent());
            as(writer).contentType(ContentType.JSON).body(body).when().put("/api/v1/neighbourhoods/" + area.id())
                    .then().statusCode(201);
        }
        // the directory: one HSDS 3.0 import for both cities, the quarters named by each address's region
        List<Map<String, Object>> hsds = world.hsdsPackage();
        validHsds(hsds);
        String job = as(writer).contentType(ContentType.JSON).body(hsds)
                .queryParam("kindBy", "legal_status").queryParam("duplicateCheck", "false")
                .when().post("/api/v1/partners/imports").then().statusCode(202).extract().header("Location");
        JsonPath done = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> as(writer).when().get(job).then().statusCode(200).extract().jsonPath(),
                        j -> Set.of("done", "failed").contains(j.getString("status")));
        assertEquals("done", done.getString("status"), done.prettify());
        assertEquals(world.organisations.size(), done.getInt("created"), done.prettify());
        assertEquals(0, done.getInt("failed"), done.prettify());
        List<String> warned = done.getList("warnings.field") == null ? List.of() : done.getList("warnings.field");
        assertTrue(warned.stream().noneMatch(f -> f.matches(".*(region|_age|latitude|longitude|services.*status|attributes).*")),
                "nothing the test relies on may be dropped (legal_status names the kind and is not kept): " + done.prettify());
        for (Organisation o : world.organisations.values()) {
            JsonPath partner = as(writer).when().get("/api/v1/partners/" + o.id()).then().statusCode(200).extract().jsonPath();
            assertEquals(o.kind(), partner.getString("kind"), o.name());
            assertEquals(List.of(o.quarter()), partner.getList("neighbourhoods.code"), o.name());
            for (SyntheticNeighbourhood.Resource r : o.resources()) {
                as(writer).contentType(ContentType.JSON)
                        .body(Map.of("partnerId", o.id(), "direction", r.direction(), "kind", r.kind(), "name", r.name()))
                        .when().post("/api/v1/resources").then().statusCode(201);
            }
        }
        // the network knows each organisation as it is now (its resources included)
        for (Organisation o : world.organisations.values()) {
            String version = digits(as(writer).when().get("/api/v1/partners/" + o.id()).then().statusCode(200).extract().header("ETag"));
            await().atMost(PROJECTION).pollInterval(Duration.ofMillis(200))
                    .until(() -> digits(as(writer).when().get("/api/v1/network/actors/" + o.id()).header("ETag")), version::equals);
        }
        for (SyntheticNeighbourhood.Tie t : world.ties) {
            String tie = as(writer).contentType(ContentType.JSON)
                    .body(Map.of("from", t.from(), "to", t.to(), "kind", t.kind(), "strength", t.strength(), "assertedBy", t.from()))
                    .when().post("/api/v1/network/ties").then().statusCode(201).extract().path("id");
            if (t.confirmed()) {
                as(writer).contentType(ContentType.JSON).body(Map.of("by", t.to()))
                        .when().post("/api/v1/network/ties/" + tie + "/confirm").then().statusCode(200);
            }
        }
        Map<String, String> personIds = new LinkedHashMap<>();
        for (SyntheticNeighbourhood.Person p : world.persons.values()) {
            Map<String, Object> body = new HashMap<>();
            body.put("displayName", p.name());
            body.put("affiliations", p.organisations().stream().map(o -> Map.of("organisationId", o, "role", "works_at")).toList());
            if (p.scope() == null) {
                // no consent, no person
                as(writer).contentType(ContentType.JSON).body(body).when().post("/api/v1/network/persons").then().statusCode(400);
                continue;
            }
            body.put("consent", Map.of("scope", p.scope(), "recordedBy", "Quartiersbüro " + world.tag));
            String id = as(writer).contentType(ContentType.JSON).body(body).when().post("/api/v1/network/persons")
                    .then().statusCode(201).extract().path("id");
            personIds.put(p.name(), id);
            if (p.withdrawn()) {
                as(writer).when().delete("/api/v1/network/persons/" + id + "/consent").then().statusCode(204);
            }
        }
        for (SyntheticNeighbourhood.Acquaintance a : world.acquaintances) {
            as(writer).contentType(ContentType.JSON).body(Map.of("personA", personIds.get(a.personA()), "personB",
                    personIds.get(a.personB()), "date", LocalDate.now().minusDays(3).toString(), "topic", "Stammtisch"))
                    .when().post("/api/v1/network/conversations").then().statusCode(204);
        }
        for (Event e : world.events) {
            Map<String, Object> coProduction = new LinkedHashMap<>();
            phase(coProduction, "coCommissioning", e.coCommissioning());
            phase(coProduction, "coDesign", e.coDesign());
            phase(coProduction, "coDelivery", e.coDelivery());
            phase(coProduction, "coAssessment", e.coAssessment());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", e.title());
            body.put("category", "festival");
            body.put("status", "confirmed");
            body.put("start", e.start());
            body.put("end", LocalDateTime.parse(e.start()).plusHours(2).toString());
            body.put("neighbourhood", e.neighbourhood());
            body.put("partners", e.partners().stream().map(p -> Map.of("partnerId", p[0], "role", p[1])).toList());
            body.put("coProduction", coProduction);
            // event-service learns the partners and areas from the partner topic: until then they are unknown (422, 404)
            Response written = await().atMost(PROJECTION).pollInterval(Duration.ofMillis(300)).until(() -> as(writer)
                    .contentType(ContentType.JSON).body(body).when().put("/api/v1/events/" + e.id()),
                    r -> r.statusCode() != 422 && r.statusCode() != 404);
            assertTrue(written.statusCode() == 201 || written.statusCode() == 200, written.asString());
        }
        // the graph holds the events (health counts them per area)
        for (String city : List.of(world.cityA, world.cityB)) {
            int expected = world.eventsIn(city).size();
            await().atMost(PROJECTION).pollInterval(Duration.ofMillis(300)).until(() -> as(writer).queryParam("neighbourhood", city)
                    .when().get("/api/v1/analytics/health").then().extract().jsonPath().getInt("events"), n -> n == expected);
        }
        return personIds;
    }

    /** Each organization against the standard's compiled schema, closed as partner-service's conformance test closes it. */
    static void validHsds(List<Map<String, Object>> organizations) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode schema;
        try {
            schema = json.readTree(TheSystem.infra.settings().root()
                    .resolve("partner-service/src/test/resources/hsds-3.0/compiled/organization.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        closed(schema);
        com.networknt.schema.JsonSchema validator = com.networknt.schema.JsonSchemaFactory
                .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(schema, com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        for (Map<String, Object> organization : organizations) {
            Set<com.networknt.schema.ValidationMessage> errors = validator.validate(json.valueToTree(organization));
            assertTrue(errors.isEmpty(), errors + " in " + organization.get("name"));
        }
    }

    static void closed(com.fasterxml.jackson.databind.JsonNode schema) {
        if (schema instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if ("object".equals(object.path("type").asText()) && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.path("properties").forEach(SeededNeighbourhoodsIT::closed);
            closed(object.path("items"));
            for (String list : List.of("allOf", "anyOf", "oneOf")) {
                object.path(list).forEach(SeededNeighbourhoodsIT::closed);
            }
            object.path("definitions").forEach(SeededNeighbourhoodsIT::closed);
        }
    }

    static String digits(String etag) {
        return etag == null ? "" : etag.replaceAll("\\D", "");
    }

    static void phase(Map<String, Object> coProduction, String name, int citizens) {
        if (citizens > 0) {
            coProduction.put(name, Map.of("citizens", citizens));
        }
    }

    // ---- 1. which organisations serve adults aged 30–60, which ages have nothing nearby

    void ages(SyntheticNeighbourhood world) {
        String gap = world.gapQuarter;
        assertTrue(world.uncoveredAges(gap).stream().anyMatch(r -> r[0] == 30 && r[1] == 59), "the generator plants 30–59");
        for (String city : List.of(world.cityA, world.cityB)) {
            JsonPath gaps = anonymous().queryParam("neighbourhood", city).when().get("/api/v1/partners/gaps")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(ranges(world.uncoveredAges(city)), gaps.getList("uncoveredAges.collect { [it.from, it.to] }"), city);
            List<String> quarters = world.quarters(city).stream().map(SyntheticNeighbourhood.Area::code).toList();
            assertEquals(new TreeSet<>(quarters), new TreeSet<>(gaps.<String>getList("areas.code")), "one entry per quarter, no other");
            for (String quarter : quarters) {
                String entry = "areas.find { it.code == '" + quarter + "' }";
                assertEquals(ranges(world.uncoveredAges(quarter)), gaps.getList(entry + ".uncoveredAges.collect { [it.from, it.to] }"),
                        quarter);
                // the age search agrees with the gaps
                for (int age : List.of(45, world.random.nextInt(121))) {
                    List<String> found = anonymous().queryParam("neighbourhood", quarter).queryParam("age", age).queryParam("limit", 200)
                            .when().get("/api/v1/partners").then().statusCode(200).extract().jsonPath().getList("items.id");
                    assertEquals(world.servingAge(quarter, age), new TreeSet<>(found), quarter + ", age " + age);
                }
            }
        }
        JsonPath gapQuarter = anonymous().queryParam("neighbourhood", gap).queryParam("nearest", 3)
                .when().get("/api/v1/partners/gaps").then().statusCode(200).extract().jsonPath();
        assertTrue(gapQuarter.getList("areas[0].gaps").contains("adults"), gapQuarter.prettify());
        assertEquals(0, gapQuarter.getInt("areas[0].partners.adults"));
        assertEquals(15000, gapQuarter.getInt("nearestWithin.radiusMetres"));
        assertTrue(gapQuarter.getBoolean("nearestWithin.sameCity"));
        // who could come: the nearest in the same city that serve adults, with their distances; nobody from city B
        List<Organisation> expected = world.nearestServing(gap, "adults").stream().limit(3).toList();
        assertTrue(expected.stream().anyMatch(o -> o.id().equals(world.filler)), "the filler is within reach");
        assertEquals(expected.stream().map(Organisation::id).toList(), gapQuarter.getList("areas[0].nearest.adults.id"),
                gapQuarter.prettify());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(SyntheticNeighbourhood.haversine(world.area(gap).centre(), expected.get(i).at()),
                    gapQuarter.getLong("areas[0].nearest.adults[" + i + "].distanceMetres"), 2.0);
        }
        // the whole city: who serves adults aged 45 — exactly the planted ones, none of city B
        assertEquals(world.servingAge(world.cityA, 45), allPartners(Map.of("neighbourhood", world.cityA, "age", "45")));
        assertTrue(world.servingAge(world.cityA, 45).contains(world.filler));
        assertTrue(world.servingAge(world.cityB, 45).contains(world.farLookAlike));
        assertEquals(422, anonymous().queryParam("neighbourhood", "nowhere-" + world.tag).when().get("/api/v1/partners/gaps")
                .statusCode());
    }

    static List<List<Integer>> ranges(List<int[]> ranges) {
        return ranges.stream().map(r -> List.of(r[0], r[1])).toList();
    }

    Set<String> allPartners(Map<String, String> filters) {
        Set<String> ids = new TreeSet<>();
        String cursor = null;
        do {
            RequestSpecification request = anonymous().queryParams(filters).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/partners").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    // ---- 2. who could bring such offers to our house

    void partnersForTheCentre(SyntheticNeighbourhood world, Map<String, String> personIds) {
        Set<String> cityA = world.in(world.cityA).stream().map(Organisation::id).collect(Collectors.toSet());
        Set<String> cityB = world.in(world.cityB).stream().map(Organisation::id).collect(Collectors.toSet());
        String answer = anonymous().queryParam("for", world.centre).queryParam("limit", 500)
                .when().get("/api/v1/analytics/partner-suggestions").then().statusCode(200).extract().asString();
        JsonPath suggestions = new JsonPath(answer);
        List<String> ids = suggestions.getList("id");
        List<String> ours = ids.stream().filter(cityA::contains).toList();
        assertEquals(world.filler, ours.isEmpty() ? null : ours.get(0), "the planted partner first in its city: " + answer);
        assertTrue(ids.stream().noneMatch(cityB::contains), "nothing from the other city, 30–40 km away: " + answer);
        String filler = "find { it.id == '" + world.filler + "' }";
        assertEquals(SyntheticNeighbourhood.haversine(world.organisations.get(world.centre).at(), world.organisations.get(world.filler).at()),
                suggestions.getLong(filler + ".distanceMetres"), 2.0);
        assertEquals(List.of(world.keyPerson), suggestions.getList(filler + ".sharedPersons.name"));
        assertEquals(List.of(personIds.get(world.keyPerson)), suggestions.getList(filler + ".sharedPersons.id"));
        assertEquals(List.of("room"), suggestions.getList(filler + ".theyNeed"));
        assertEquals(List.of("adults"), suggestions.getList(filler + ".servesOurGaps"));
        assertTrue(suggestions.getDouble(filler + ".score") >= world.plantedScoreFloor() - 0.01, answer);
        for (Map<String, Object> s : suggestions.<Map<String, Object>>getList("findAll { it.id in " + groovyList(cityA) + " }")) {
            // the centre's quarter serves every group the generator uses but adults
            assertTrue(List.of("adults").containsAll((List<?>) s.get("servesOurGaps")), s.get("name") + ": " + s.get("servesOurGaps"));
            assertNotNull(s.get("distanceMetres"), String.valueOf(s.get("name")));
            assertTrue(((Number) s.get("distanceMetres")).doubleValue() <= 15_000, String.valueOf(s.get("name")));
            assertNotEquals(world.centre, s.get("id"));
            assertNotEquals(world.firstTie, s.get("id"), "already tied");
        }
        for (String hidden : List.of(world.hiddenBridge, world.member, world.withdrawn, world.withoutConsent)) {
            assertFalse(answer.contains(hidden), hidden + " in the public's suggestions");
        }
        // resources to lend: the filler needs the centre's room; the far look-alike is out of the radius
        String matches = anonymous().queryParam("radius", 15_000).queryParam("limit", 200)
                .when().get("/api/v1/partners/" + world.centre + "/matches").then().statusCode(200).extract().asString();
        JsonPath match = new JsonPath(matches);
        List<String> rooms = world.organisations.get(world.filler).resources().stream().filter(r -> r.kind().equals("room"))
                .map(SyntheticNeighbourhood.Resource::name).toList();
        assertEquals(rooms, match.getList("items.find { it.partnerId == '" + world.filler + "' }.theyNeed"), matches);
        assertFalse(matches.contains(world.farLookAlike), matches);
    }

    static String groovyList(Set<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "[", "]"));
    }

    // ---- 3. multipliers, key persons, and who bridges otherwise separate groups

    void keyPersonsAndBridges(SyntheticNeighbourhood world, Map<String, String> personIds) {
        Set<String> cityA = world.in(world.cityA).stream().map(Organisation::id).collect(Collectors.toSet());
        Map<String, Set<String>> visibleTo = Map.of(
                "anonymous", Set.of("public"), "reader", Set.of("public", "network_members"),
                "admin", Set.of("public", "network_members", "analysts"));
        for (String caller : List.of("anonymous", "reader", "admin")) {
            RequestSpecification request = switch (caller) {
                case "anonymous" -> anonymous();
                case "reader" -> as(reader);
                default -> as(writer);
            };
            String answer = request.queryParam("neighbourhood", world.cityA).queryParam("limit", 500)
                    .when().get("/api/v1/analytics/key-actors").then().statusCode(200).extract().asString();
            JsonPath actors = new JsonPath(answer);
            List<Map<String, Object>> all = actors.getList("actors");
            Set<String> organisations = all.stream().filter(a -> !"person".equals(a.get("kind"))).map(a -> (String) a.get("id"))
                    .collect(Collectors.toSet());
            assertEquals(cityA, organisations, caller + ": the whole city A, and only city A");
            Set<String> persons = all.stream().filter(a -> "person".equals(a.get("kind"))).map(a -> (String) a.get("name"))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>(world.visiblePersons(visibleTo.get(caller)));
            expected.removeIf(p -> world.persons.get(p).organisations().stream().noneMatch(cityA::contains));
            assertEquals(expected, persons, caller);
            for (String never : List.of(world.withdrawn, world.withoutConsent)) {
                assertFalse(answer.contains(never), caller + " sees " + never);
            }
            String bridge = "actors.find { it.name == '" + world.bridge + "' }";
            assertEquals(personIds.get(world.bridge), actors.getString(bridge + ".id"));
            if (caller.equals("admin")) {
                // the admin sees the second, hidden bridge: the first no longer holds the network together alone
                assertFalse(actors.getBoolean(bridge + ".articulationPoint"), answer);
            } else {
                assertFalse(answer.contains(world.hiddenBridge), caller + " sees the hidden bridge");
                assertTrue(actors.getBoolean(bridge + ".articulationPoint"), caller + ": " + answer);
                assertTrue(actors.getBoolean(bridge + ".broker"), caller + ": " + answer);
                assertTrue(actors.getInt(bridge + ".communitiesReached") >= 1, caller + ": " + answer);
            }
        }
        assertEquals(404, anonymous().queryParam("neighbourhood", "nowhere-" + world.tag).when().get("/api/v1/analytics/key-actors")
                .statusCode());
    }

    // ---- 4. how do I reach the parish council

    void introductionPaths(SyntheticNeighbourhood world, Map<String, String> personIds) {
        for (String caller : List.of("anonymous", "reader")) {
            RequestSpecification request = caller.equals("anonymous") ? anonymous() : as(reader);
            String answer = request.queryParam("from", world.centre).queryParam("to", world.parish).queryParam("k", 3)
                    .when().get("/api/v1/network/paths").then().statusCode(200).extract().asString();
            JsonPath paths = new JsonPath(answer);
            List<List<String>> chains = paths.getList("steps.id");
            assertFalse(chains.isEmpty(), caller + ": the parish is reachable");
            double cost = 0;
            for (int i = 0; i < chains.size(); i++) {
                List<String> chain = chains.get(i);
                assertEquals(world.centre, chain.get(0));
                assertEquals(world.parish, chain.get(chain.size() - 1));
                // the clusters meet only in the bridge (for whoever cannot see the hidden one)
                assertTrue(chain.contains(personIds.get(world.bridge)), caller + ", path " + i + ": " + answer);
                assertTrue(paths.getDouble("[" + i + "].cost") >= cost, "cheapest first: " + answer);
                cost = paths.getDouble("[" + i + "].cost");
            }
            List<String> hidden = new ArrayList<>(List.of(world.hiddenBridge, world.withdrawn, world.withoutConsent));
            hidden.add(personIds.get(world.hiddenBridge));
            if (caller.equals("anonymous")) {
                hidden.add(world.member);
                hidden.add(personIds.get(world.member));
            }
            for (String never : hidden) {
                assertFalse(answer.contains(never), caller + " sees " + never + ": " + answer);
            }
        }
        // persons hidden from the caller are not found either
        assertEquals(404, anonymous().when().get("/api/v1/network/persons/" + personIds.get(world.member)).statusCode());
        assertEquals(200, as(reader).when().get("/api/v1/network/persons/" + personIds.get(world.member)).statusCode());
        assertEquals(404, as(reader).when().get("/api/v1/network/persons/" + personIds.get(world.hiddenBridge)).statusCode());
        assertEquals(404, as(writer).when().get("/api/v1/network/persons/" + personIds.get(world.withdrawn)).statusCode());
        String export = as(reader).queryParam("format", "cytoscape").queryParam("neighbourhood", world.cityA).queryParam("persons", true)
                .when().get("/api/v1/network/export").then().statusCode(200).extract().asString();
        assertTrue(export.contains(world.bridge), export);
        for (String never : List.of(world.hiddenBridge, world.withdrawn, world.withoutConsent)) {
            assertFalse(export.contains(never), never + " in the export");
        }
    }

    // ---- 5. shared events and how deep citizens took part

    void coProduction(SyntheticNeighbourhood world) {
        for (String city : List.of(world.cityA, world.cityB)) {
            List<Event> events = world.eventsIn(city);
            JsonPath figures = anonymous().queryParam("neighbourhood", city).queryParam("from", FROM).queryParam("to", TO)
                    .when().get("/api/v1/events/coproduction").then().statusCode(200).extract().jsonPath();
            assertEquals(events.size(), figures.getInt("events"), city + ": " + figures.prettify());
            assertEquals(events.stream().filter(Event::shared).count(), figures.getLong("sharedEvents"), figures.prettify());
            assertEquals(SyntheticNeighbourhood.depthScore(events), figures.getDouble("depthScore"), 1e-3, figures.prettify());
            String ics = anonymous().queryParam("neighbourhood", city).queryParam("from", "2026-01-01T00:00:00Z")
                    .when().get("/api/v1/events/calendar.ics").then().statusCode(200).extract().asString();
            for (Event e : world.events) {
                assertEquals(world.isWithin(e.neighbourhood(), city), ics.contains("UID:" + e.id() + "@kiezwerk"), city + ": " + e.title());
            }
        }
        Event first = world.events.get(0);
        String host = first.partners().get(0)[0];
        String coHost = first.partners().get(1)[0];
        JsonPath together = anonymous().when().get("/api/v1/network/actors/" + host + "/co-production-ties")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, together.getInt("find { it.partnerId == '" + coHost + "' }.events"), together.prettify());
        assertEquals(404, anonymous().queryParam("neighbourhood", "nowhere-" + world.tag).when().get("/api/v1/events/coproduction")
                .statusCode());
    }

    // ---- 6. is the network growing, more connected

    void growth(SyntheticNeighbourhood world) {
        JsonPath before = as(writer).queryParam("neighbourhood", world.cityA).when().post("/api/v1/analytics/health/snapshots")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(world.in(world.cityA).size(), before.getInt("actors"));
        assertEquals(world.eventsIn(world.cityA).size(), before.getInt("events"));
        // two organisations without any tie find each other
        List<String> loose = world.in(world.cityA).stream().map(Organisation::id)
                .filter(id -> world.ties.stream().noneMatch(t -> t.from().equals(id) || t.to().equals(id)))
                .filter(id -> world.events.stream().noneMatch(e -> e.partners().stream().anyMatch(p -> p[0].equals(id)))).toList();
        assertTrue(loose.size() >= 2, "the generator plants organisations without ties");
        as(writer).contentType(ContentType.JSON)
                .body(Map.of("from", loose.get(0), "to", loose.get(1), "kind", "partnership", "strength", 3, "assertedBy", loose.get(0)))
                .when().post("/api/v1/network/ties").then().statusCode(201);
        // snapshots are taken to the second: the next one once the tie counts, in a later second
        await().atMost(PROJECTION).pollInterval(Duration.ofMillis(250)).until(() -> as(writer).queryParam("neighbourhood", world.cityA)
                .when().get("/api/v1/analytics/health").then().statusCode(200).extract().jsonPath(),
                now -> now.getLong("ties") == before.getLong("ties") + 1 && !now.getString("takenAt").equals(before.getString("takenAt")));
        JsonPath after = as(writer).queryParam("neighbourhood", world.cityA).when().post("/api/v1/analytics/health/snapshots")
                .then().statusCode(201).extract().jsonPath();
        JsonPath change = as(writer).queryParam("neighbourhood", world.cityA).queryParam("from", before.getString("takenAt"))
                .queryParam("to", after.getString("takenAt")).when().get("/api/v1/analytics/health/change")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1.0, change.getDouble("difference.ties"), change.prettify());
        assertEquals(-1.0, change.getDouble("difference.components"), change.prettify());
        assertEquals(0.0, change.getDouble("difference.actors"), change.prettify());
    }

    // ---- callers

    static RequestSpecification anonymous() {
        return given().noFilters().baseUri(TheSystem.gateway());
    }

    static RequestSpecification as(String key) {
        return given().baseUri(TheSystem.gateway()).header("X-API-Key", key);
    }

    static String key(String name, List<String> scopes) {
        // as a well-behaved client: a 503 (the gateway's key store just restarted by an earlier test) is retried
        Response[] answer = new Response[1];
        org.awaitility.Awaitility.await("the gateway's key store answers").atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> (answer[0] = given().baseUri(TheSystem.gateway()).contentType(ContentType.JSON)
                        .body(Map.of("name", name, "scopes", scopes)).when().post("/api/v1/admin/api-keys")).statusCode() != 503);
        Response created = answer[0];
        assertEquals(201, created.statusCode(), created.asString());
        return created.path("key");
    }
}
