package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.TestCallerIdentity;
import org.kiezwerk.network.Topics;

/** "Who could bring such offers to our house?" against the real Neo4j: near partners, with the reasons that rank them. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class SuggestionsIT {

    private static final double EARTH_RADIUS_METRES = 6371008.8;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @jakarta.inject.Inject
    org.neo4j.driver.Driver driver;

    /**
     * A seeded neighbourhood: our community centre in city A lends a room, needs volunteers and serves
     * toddlers and seniors, but no one in its quarter serves adults (30–60). Planted 2–5 km away: an
     * organisation that needs a room, serves adults and shares a public key person with us. Around them,
     * distractors without those reasons (some offer volunteers, serve the young old, share an organisation
     * with us, or a person the public may not see); in city B, ~340 km away, an organisation that looks
     * perfect on paper; and two without any address, one in our quarter and one in city B.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @SuppressWarnings("unchecked")
    void thePlantedLocalPartnerWithASharedContactRanksFirstAndTheFarOneOnlyWhenAskedFor(long seed) throws Exception {
        Random random = new Random(seed);
        String tag = UUID.randomUUID().toString().substring(0, 8); // the seed makes the structure; ids are fresh per run
        String cityA = "a-" + tag;
        String cityB = "b-" + tag;
        double[] here = {50.0 + random.nextDouble() * 0.5, 8.0 + random.nextDouble()};
        double[] there = destination(here, 338_000 + random.nextDouble() * 6_000, random.nextDouble() * 360);

        String us = UUID.randomUUID().toString();
        String planted = UUID.randomUUID().toString();
        String far = UUID.randomUUID().toString();
        String hub = UUID.randomUUID().toString();
        String hiddensPartner = UUID.randomUUID().toString();
        String unknownHere = UUID.randomUUID().toString();
        String unknownThere = UUID.randomUUID().toString();
        double plantedMetres = 2_000 + random.nextDouble() * 3_000;
        double[] plantedAt = destination(here, plantedMetres, random.nextDouble() * 360);
        double[] farAt = there;
        List<String> distractors = new ArrayList<>();
        List<String> viaHub = new ArrayList<>();
        Map<String, String> messages = new HashMap<>();
        messages.put(us, partner(us, "Begegnungszentrum " + tag, cityA, "q1", here, List.of("seniors", "toddlers"), List.of("room"),
                List.of("volunteers")));
        messages.put(planted, partner(planted, "Nachbarschaftsverein " + tag, cityA, "q2", plantedAt, List.of("adults"), List.of(),
                List.of("room")));
        messages.put(far, partner(far, "Perfekt, aber weit " + tag, cityB, "q1", farAt, List.of("adults"), List.of("volunteers"),
                List.of("room")));
        messages.put(hub, partner(hub, "Stadtteilbüro " + tag, cityA, "q1", destination(here, 500, 90), List.of("seniors"), List.of(),
                List.of()));
        messages.put(hiddensPartner, partner(hiddensPartner, "Tafel " + tag, cityA, "q2", destination(here, 1_000 + random.nextDouble() * 5_000,
                random.nextDouble() * 360), List.of("seniors"), List.of("volunteers"), List.of()));
        messages.put(unknownHere, partner(unknownHere, "Ohne Adresse hier " + tag, cityA, "q1", null, List.of("toddlers"), List.of(),
                List.of("room")));
        messages.put(unknownThere, partner(unknownThere, "Ohne Adresse dort " + tag, cityB, "q1", null, List.of("adults"), List.of(),
                List.of("room")));
        int count = 3 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            distractors.add(id);
            // at most two of the lesser reasons each: offers what we need, serves another gap, shares an organisation
            boolean offers = random.nextBoolean();
            boolean youngOld = random.nextBoolean();
            boolean shares = !(offers && youngOld) && random.nextBoolean();
            if (!offers && !youngOld && !shares) {
                offers = true;
            }
            List<String> groups = new ArrayList<>(List.of(random.nextBoolean() ? "seniors" : "toddlers"));
            if (youngOld) {
                groups.add("young_old");
            }
            messages.put(id, partner(id, "Verein " + i + " " + tag, cityA, random.nextBoolean() ? "q1" : "q3",
                    destination(here, 300 + random.nextDouble() * 7_700, random.nextDouble() * 360), groups,
                    offers ? List.of("volunteers") : List.of(), List.of()));
            if (shares) {
                viaHub.add(id);
            }
        }
        register(messages);
        tie(us, hub);
        for (String id : viaHub) {
            tie(hub, id);
        }
        String keyPerson = "Frau K. " + tag;
        String hiddenPerson = "Herr Verborgen " + tag;
        String keyPersonId = person(keyPerson, "public", us, planted);
        String hiddenPersonId = person(hiddenPerson, "analysts", us, hiddensPartner);
        // one of ours knows one of a distractor's: an acquaintance, not a shared contact
        String ours = person("Herr O. " + tag, "public", us);
        String theirs = person("Frau T. " + tag, "public", distractors.get(0));
        given().contentType(ContentType.JSON).body(Map.of("personA", ours, "personB", theirs, "date", LocalDate.now().minusDays(1).toString(),
                "topic", "Stammtisch")).when().post("/api/v1/network/conversations").then().statusCode(204);

        // the public asks, with the default radius
        String[] answer = new String[1];
        TestCallerIdentity.anonymously(() -> answer[0] = given().queryParam("for", us).queryParam("limit", 500)
                .when().get("/api/v1/analytics/partner-suggestions").then().statusCode(200).extract().asString());
        JsonPath local = new JsonPath(answer[0]).using(new io.restassured.path.json.config.JsonPathConfig(
                io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE)); // the decimals exactly as sent
        List<String> ids = local.getList("id");
        assertEquals(planted, ids.get(0), "seed " + seed + ": " + answer[0]);
        String p = "find { it.id == '" + planted + "' }";
        assertEquals(1, local.getInt(p + ".sharedContacts"));
        assertEquals(List.of(keyPerson), local.getList(p + ".sharedPersons.name"));
        assertEquals(List.of(keyPersonId), local.getList(p + ".sharedPersons.id"));
        assertTrue(local.getDouble(p + ".adamicAdar") > 0);
        assertEquals(List.of("room"), local.getList(p + ".theyNeed"));
        assertEquals(List.of("adults"), local.getList(p + ".servesOurGaps"));
        assertTrue(local.getList(p + ".reasons.code").containsAll(List.of("shared_contacts", "needs_what_we_offer", "serves_our_gaps", "proximity")));
        assertEquals(haversine(here, plantedAt), local.getLong(p + ".distanceMetres"), 2.0);
        assertTrue(local.getLong(p + ".distanceMetres") >= 1_990 && local.getLong(p + ".distanceMetres") <= 5_010);
        // the reasons explain the rank: each contribution is weight × value, the score their sum
        for (Map<String, Object> s : local.<Map<String, Object>>getList("$")) {
            double sum = 0;
            for (Map<String, Object> r : (List<Map<String, Object>>) s.get("reasons")) {
                double weight = ((Number) r.get("weight")).doubleValue();
                double value = ((Number) r.get("value")).doubleValue();
                double contribution = ((Number) r.get("contribution")).doubleValue();
                assertEquals(Math.round(weight * value * 1000) / 1000.0, contribution, 1e-9, s.get("id") + " " + r);
                sum += contribution;
            }
            assertEquals(sum, ((Number) s.get("score")).doubleValue(), 1e-6, String.valueOf(s.get("id")));
            Object distance = s.get("distanceMetres");
            assertTrue(distance == null || ((Number) distance).doubleValue() <= 15_000, s.get("id") + " at " + distance);
        }
        // within the city only: not the far one, nor one without address in another city
        assertFalse(ids.contains(far), "340 km away");
        assertFalse(ids.contains(unknownThere), "no address, not in our areas");
        assertTrue(ids.contains(unknownHere), "no address, but in our quarter");
        assertNull(local.get("find { it.id == '" + unknownHere + "' }.distanceMetres"));
        assertTrue(local.getBoolean("find { it.id == '" + unknownHere + "' }.sameNeighbourhood"));
        assertFalse(ids.contains(us), "never itself");
        assertFalse(ids.contains(hub), "already tied");
        for (String id : viaHub) {
            assertEquals(1, local.getInt("find { it.id == '" + id + "' }.sharedContacts"), id);
            assertEquals(List.of(hub), local.getList("find { it.id == '" + id + "' }.sharedOrganisations.id"));
        }
        assertEquals(List.of(ours), local.getList("find { it.id == '" + distractors.get(0) + "' }.acquaintances.ours.id"));
        assertTrue(local.getList("find { it.id == '" + distractors.get(0) + "' }.reasons.code").contains("acquainted_contacts"));
        // the person the public may not see neither counts nor is named
        assertEquals(0, local.getInt("find { it.id == '" + hiddensPartner + "' }.sharedContacts"));
        assertFalse(answer[0].contains(hiddenPerson), "the hidden person's name");
        assertFalse(answer[0].contains(hiddenPersonId), "the hidden person's id");

        // an administrator may see that person: now it counts and is named
        JsonPath admin = given().queryParam("for", us).queryParam("limit", 500)
                .when().get("/api/v1/analytics/partner-suggestions").then().statusCode(200).extract().jsonPath();
        assertEquals(1, admin.getInt("find { it.id == '" + hiddensPartner + "' }.sharedContacts"));
        assertEquals(List.of(hiddenPerson), admin.getList("find { it.id == '" + hiddensPartner + "' }.sharedPersons.name"));
        // a reader with the scope read sees network members, not analysts' persons
        String reader = "Bearer " + org.kiezwerk.infra.ServiceIdentity.forTests("reader", java.util.Set.of("read"), List.of());
        String readers = given().header("Authorization", reader).queryParam("for", us).queryParam("limit", 500)
                .when().get("/api/v1/analytics/partner-suggestions").then().statusCode(200).extract().asString();
        assertFalse(readers.contains(hiddenPerson));
        assertEquals(0, new JsonPath(readers).getInt("find { it.id == '" + hiddensPartner + "' }.sharedContacts"));

        // asked otherwise: with a radius of 400 km the far one is there, with its distance, and the planted one still first
        JsonPath wide = given().queryParam("for", us).queryParam("radius", 400_000).queryParam("limit", 500)
                .when().get("/api/v1/analytics/partner-suggestions").then().statusCode(200).extract().jsonPath();
        List<String> wideIds = wide.getList("id");
        assertTrue(wideIds.contains(far), wideIds.toString());
        assertEquals(haversine(here, farAt), wide.getLong("find { it.id == '" + far + "' }.distanceMetres"), 2.0);
        assertTrue(wide.getLong("find { it.id == '" + far + "' }.distanceMetres") > 330_000);
        assertFalse(wideIds.contains(unknownThere), "an unknown location is never far away");
        // 400 km also reaches whatever else the shared test graph holds (other tests' cities): among this
        // city's and the far city's organisations, the planted one is still first
        assertEquals(planted, wideIds.stream().filter(messages::containsKey).findFirst().orElseThrow());
        // and narrower: 1.5 km leaves the planted one (2–5 km) out
        List<String> narrow = given().queryParam("for", us).queryParam("radius", 1_500).queryParam("limit", 500)
                .when().get("/api/v1/analytics/partner-suggestions").then().statusCode(200).extract().jsonPath().getList("id");
        assertFalse(narrow.contains(planted));
    }

    @Test
    void suggestsUntiedPartnersByContactsResourcesAndGaps() throws Exception {
        String here = "here-" + UUID.randomUUID().toString().substring(0, 8);
        String there = "there-" + UUID.randomUUID().toString().substring(0, 8);
        double[] at = {48.5, 9.0};
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        String agency = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        String bakery = UUID.randomUUID().toString();
        String playgroup = UUID.randomUUID().toString();
        Map<String, String> messages = Map.of(
                playgroup, partner(playgroup, "Krabbelgruppe", there, "q", destination(at, 2_500, 45), List.of("toddlers"), List.of(), List.of()),
                centre, partner(centre, "Begegnungszentrum", here, "q", at, List.of("toddlers", "seniors"), List.of("room"), List.of("volunteers")),
                parish, partner(parish, "St. Markus", here, "q", destination(at, 800, 10), List.of("seniors"), List.of(), List.of()),
                agency, partner(agency, "Freiwilligenagentur", here, "q", destination(at, 1_200, 200), List.of("everyone"), List.of("volunteers"), List.of()),
                club, partner(club, "TSV", there, "q", destination(at, 3_000, 120), List.of("adults"), List.of(), List.of("room")),
                bakery, partner(bakery, "Bäckerei", there, "q", destination(at, 2_000, 300), List.of(), List.of(), List.of()));
        try (KafkaProducer<String, String> producer = Topics.producer(bootstrapServers)) {
            for (Map.Entry<String, String> message : messages.entrySet()) {
                Topics.send(producer, "kiezwerk.partners.v1", message.getKey(), "org.kiezwerk.partner.registered.v1", message.getValue());
            }
        }
        for (String org : messages.keySet()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().get("/api/v1/network/actors/" + org).statusCode() == 200);
        }
        tie(centre, parish);
        tie(parish, agency);

        // all of them (the highest limit): the shared graph may hold many other organisations from earlier runs
        JsonPath suggestions = given().queryParam("for", centre).queryParam("limit", 500)
                .when().get("/api/v1/analytics/partner-suggestions").then().statusCode(200).extract().jsonPath();
        List<String> ids = suggestions.getList("id");
        assertTrue(ids.containsAll(List.of(agency, club)), ids.toString());
        assertFalse(ids.contains(parish), "already tied");
        assertFalse(ids.contains(bakery), "nothing in common");
        // toddlers are served in our quarter — by us: no gap of ours, so nothing in common either
        assertFalse(ids.contains(playgroup), "serves only what we serve ourselves");
        assertFalse(ids.contains(centre), "never itself");
        assertEquals(1, suggestions.getInt("find { it.id == '" + agency + "' }.sharedContacts"));
        assertEquals(List.of("St. Markus"), suggestions.getList("find { it.id == '" + agency + "' }.sharedOrganisations.name"));
        assertEquals(List.of("volunteers"), suggestions.getList("find { it.id == '" + agency + "' }.theyOffer"));
        assertEquals(List.of("room"), suggestions.getList("find { it.id == '" + club + "' }.theyNeed"));
        assertEquals(List.of("adults"), suggestions.getList("find { it.id == '" + club + "' }.servesOurGaps"));
        assertTrue(ids.indexOf(agency) < ids.indexOf(club), "a shared contact and a need met rank first");
        given().when().get("/api/v1/analytics/partner-suggestions").then().statusCode(400);
        for (String radius : List.of("50", "1000001", "abc", "1.5")) {
            given().queryParam("for", centre).queryParam("radius", radius).when().get("/api/v1/analytics/partner-suggestions")
                    .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("radius"));
        }

        // the organisations are located in their neighbourhoods (nested), serve their target groups, and have their place
        try (var session = driver.session()) {
            var located = session.run("MATCH (o:Organisation {id: $id})-[:LOCATED_IN]->(n:Neighbourhood)-[:PART_OF]->(p:Neighbourhood)"
                    + " RETURN n.code AS code, n.name AS name, p.code AS parent, o.lat AS lat, o.lon AS lon", Map.of("id", centre)).single();
            assertEquals(here + "-q", located.get("code").asString());
            assertEquals("Quartier q", located.get("name").asString());
            assertEquals(here, located.get("parent").asString());
            assertEquals(48.5, located.get("lat").asDouble(), 1e-9);
            assertEquals(9.0, located.get("lon").asDouble(), 1e-9);
            List<String> served = session.run("MATCH (:Organisation {id: $id})-[:SERVES]->(t:TargetGroup) RETURN t.code AS code"
                    + " ORDER BY code", Map.of("id", centre)).list(r -> r.get("code").asString());
            assertEquals(List.of("seniors", "toddlers"), served);
        }
        given().queryParam("for", UUID.randomUUID()).when().get("/api/v1/analytics/partner-suggestions").then().statusCode(404);
    }

    /**
     * Where a location is missing, shared areas decide: one of our neighbourhoods, or the area directly above one of them,
     * in common. Seeded: we have no address, in quarter q1 of district d1 of a city. Around us, organisations with and
     * without an address (the located ones within a few kilometres: distance cannot count, since ours is unknown) in q1,
     * in q2 of the same district, linked to d1 itself, in q3 of district d2, and linked to the city only. Each needs the
     * room we lend, so each is a candidate exactly if the area rule lets it in: those of q1, q2 and d1.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5, 6})
    void withoutALocationTheAreasWeShareDecide(long seed) throws Exception {
        Random random = new Random(seed);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String city = "c-" + tag;
        String d1 = city + "-d1";
        String d2 = city + "-d2";
        Map<String, List<Map<String, Object>>> places = new java.util.LinkedHashMap<>();
        places.put("q1", quarter(d1 + "-q1", d1, city));
        places.put("q2", quarter(d1 + "-q2", d1, city));
        places.put("d1", List.of(Map.of("code", d1, "name", "Bezirk 1", "level", "district",
                "ancestors", List.of(Map.of("code", city, "name", "Stadt", "level", "city")))));
        places.put("q3", quarter(d2 + "-q3", d2, city));
        places.put("city", List.of(Map.of("code", city, "name", "Stadt", "level", "city")));
        double[] near = {50.0 + random.nextDouble() * 0.5, 8.0 + random.nextDouble()};

        String us = UUID.randomUUID().toString();
        Map<String, String> messages = new HashMap<>();
        messages.put(us, located(us, "Wir " + tag, places.get("q1"), null, List.of("room"), List.of()));
        java.util.Set<String> expected = new java.util.TreeSet<>();
        java.util.Set<String> others = new java.util.TreeSet<>();
        for (Map.Entry<String, List<Map<String, Object>>> area : places.entrySet()) {
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                String id = UUID.randomUUID().toString();
                double[] at = random.nextBoolean() ? null : destination(near, 200 + random.nextDouble() * 3_000, random.nextDouble() * 360);
                messages.put(id, located(id, area.getKey() + " " + i + " " + tag, area.getValue(), at, List.of(), List.of("room")));
                others.add(id);
                if (List.of("q1", "q2", "d1").contains(area.getKey())) {
                    expected.add(id);
                }
            }
        }
        register(messages);
        for (int radius : new int[] {15_000, 500_000}) {
            List<String> ids = given().queryParam("for", us).queryParam("radius", radius).queryParam("limit", 500)
                    .when().get("/api/v1/analytics/partner-suggestions").then().statusCode(200).extract().jsonPath().getList("id");
            java.util.Set<String> ours = new java.util.TreeSet<>(ids);
            ours.retainAll(others);
            assertEquals(expected, ours, "seed " + seed + ", radius " + radius);
        }
    }

    /** Sends the partner messages as partner-service does, and waits until every one is in the graph. */
    private void register(Map<String, String> messages) throws Exception {
        try (KafkaProducer<String, String> producer = Topics.producer(bootstrapServers)) {
            for (Map.Entry<String, String> message : messages.entrySet()) {
                Topics.send(producer, "kiezwerk.partners.v1", message.getKey(), "org.kiezwerk.partner.registered.v1", message.getValue());
            }
        }
        for (String id : messages.keySet()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().get("/api/v1/network/actors/" + id).statusCode() == 200);
        }
    }

    /** A quarter with its district and city above it, as a partner message names them. */
    private static List<Map<String, Object>> quarter(String code, String district, String city) {
        return List.of(Map.of("code", code, "name", "Quartier " + code, "level", "quarter", "ancestors",
                List.of(Map.of("code", district, "name", "Bezirk", "level", "district"), Map.of("code", city, "name", "Stadt", "level", "city"))));
    }

    /** A partner message in these neighbourhoods; {@code at} null: no address with coordinates. */
    private static String located(String id, String name, List<Map<String, Object>> neighbourhoods, double[] at, List<String> offered,
            List<String> needed) throws Exception {
        List<Map<String, Object>> resources = new ArrayList<>();
        offered.forEach(kind -> resources.add(Map.of("direction", "offered", "kind", kind)));
        needed.forEach(kind -> resources.add(Map.of("direction", "needed", "kind", kind)));
        Map<String, Object> address = new HashMap<>();
        address.put("street", at == null ? "Postfach 1" : "Hauptstraße 1");
        address.put("lat", at == null ? null : at[0]);
        address.put("lon", at == null ? null : at[1]);
        Map<String, Object> message = new HashMap<>();
        message.put("id", id);
        message.put("name", name);
        message.put("kind", "association");
        message.put("neighbourhoods", neighbourhoods);
        message.put("addresses", List.of(address));
        message.put("offers", List.of(Map.of("targetGroups", List.of("adults"))));
        message.put("resources", resources);
        message.put("version", 0);
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(message);
    }

    private void tie(String from, String to) {
        given().contentType(ContentType.JSON)
                .body(Map.of("from", from, "to", to, "kind", "partnership", "strength", 4, "assertedBy", from))
                .when().post("/api/v1/network/ties").then().statusCode(201);
    }

    /** A key person with the consent scope, affiliated with the organisations; returns the id. */
    private static String person(String name, String scope, String... organisations) {
        List<Map<String, Object>> affiliations = new ArrayList<>();
        for (String organisation : organisations) {
            affiliations.add(Map.of("organisationId", organisation, "role", "works_at"));
        }
        return given().contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "consent", Map.of("scope", scope, "recordedBy", "Test"), "affiliations", affiliations))
                .when().post("/api/v1/network/persons").then().statusCode(201).extract().path("id");
    }

    /** A partner message as partner-service sends it; {@code at} null: no address with coordinates. */
    private static String partner(String id, String name, String area, String quarter, double[] at, List<String> groups,
            List<String> offered, List<String> needed) {
        StringBuilder resources = new StringBuilder();
        for (String kind : offered) {
            resources.append(resources.isEmpty() ? "" : ",").append("{\"direction\":\"offered\",\"kind\":\"").append(kind).append("\"}");
        }
        for (String kind : needed) {
            resources.append(resources.isEmpty() ? "" : ",").append("{\"direction\":\"needed\",\"kind\":\"").append(kind).append("\"}");
        }
        String addresses = at == null ? "[{\"street\":\"Postfach 1\",\"lat\":null,\"lon\":null}]"
                : "[{\"street\":\"Hauptstraße 1\",\"lat\":" + at[0] + ",\"lon\":" + at[1] + "}]";
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"association\",\"neighbourhoods\":[{\"code\":\"" + area + "-"
                + quarter + "\",\"name\":\"Quartier " + quarter + "\",\"level\":\"quarter\",\"parentCode\":\"" + area + "\"}],\"addresses\":"
                + addresses + ",\"offers\":[{\"targetGroups\":[" + String.join(",", groups.stream().map(g -> "\"" + g + "\"").toList())
                + "]}],\"resources\":[" + resources + "],\"version\":0}";
    }

    /** The point {@code metres} away from {@code from} in the direction {@code bearing} (degrees), on a sphere. */
    static double[] destination(double[] from, double metres, double bearing) {
        double d = metres / EARTH_RADIUS_METRES;
        double theta = Math.toRadians(bearing);
        double phi1 = Math.toRadians(from[0]);
        double lambda1 = Math.toRadians(from[1]);
        double phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(theta));
        double lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(phi1), Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
        return new double[] {Math.toDegrees(phi2), Math.toDegrees(lambda2)};
    }

    static double haversine(double[] a, double[] b) {
        double h = Math.pow(Math.sin(Math.toRadians(b[0] - a[0]) / 2), 2)
                + Math.cos(Math.toRadians(a[0])) * Math.cos(Math.toRadians(b[0])) * Math.pow(Math.sin(Math.toRadians(b[1] - a[1]) / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
    }
}
