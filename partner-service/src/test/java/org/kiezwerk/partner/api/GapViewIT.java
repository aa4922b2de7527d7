package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * The gap view against the real PostgreSQL, on planted data: seeded random offers around a planted
 * age gap, checked against a brute-force count of every age; and nearest partners near and far.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class GapViewIT {

    /** Nobody in the planted quarter serves these ages. */
    static final int GAP_FROM = 30;
    static final int GAP_TO = 59;
    static final int OLDEST = 120;
    /** Target groups with ages outside the planted gap, and some without ages. */
    static final List<String> AGED_GROUPS = List.of("toddlers", "children", "young_people", "young_adults", "young_old", "seniors");
    static final List<String> AGELESS_GROUPS = List.of("everyone", "families", "women");

    /** What the generator planted, and so what the answers must say. */
    static final class Planted {
        final Map<String, Set<Integer>> agesByPartner = new HashMap<>();
        final Map<String, Set<String>> partnersByArea = new HashMap<>();
        final Map<String, Set<String>> groupsByPartner = new HashMap<>();

        void add(String partner, List<String> areas, Set<Integer> ages, Set<String> groups) {
            agesByPartner.computeIfAbsent(partner, p -> new TreeSet<>()).addAll(ages);
            groupsByPartner.computeIfAbsent(partner, p -> new TreeSet<>()).addAll(groups);
            for (String area : areas) {
                partnersByArea.computeIfAbsent(area, a -> new TreeSet<>()).add(partner);
            }
        }

        /** How many of the partners linked to the area have an offer for the target group. */
        long serving(String area, String group) {
            return partnersByArea.getOrDefault(area, Set.of()).stream().filter(p -> groupsByPartner.get(p).contains(group)).count();
        }

        Set<String> serving(Set<String> areas, int age) {
            return areas.stream().flatMap(a -> partnersByArea.getOrDefault(a, Set.of()).stream())
                    .filter(p -> agesByPartner.get(p).contains(age)).collect(Collectors.toCollection(TreeSet::new));
        }

        /** Brute force: every age nobody in the areas serves, as maximal runs. */
        List<Map<String, Integer>> uncovered(Set<String> areas) {
            List<Map<String, Integer>> runs = new ArrayList<>();
            Integer start = null;
            for (int age = 0; age <= OLDEST + 1; age++) {
                boolean open = age <= OLDEST && serving(areas, age).isEmpty();
                if (open && start == null) {
                    start = age;
                } else if (!open && start != null) {
                    runs.add(Map.of("from", start, "to", age - 1));
                    start = null;
                }
            }
            return runs;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void uncoveredAgesAreExactAndTheSearchAgrees(long seed) {
        Random random = new Random(seed);
        String suffix = seed + "-" + UUID.randomUUID().toString().substring(0, 8);
        String city = "gapcity-" + suffix;
        String district = "gapdistrict-" + suffix;
        String planted = "gapquarter-" + suffix;
        String sibling = "gapsibling-" + suffix;
        String elsewhere = "gapelsewhere-" + suffix;
        Fixtures.area(city, "city", null, 50.1, 8.2);
        Fixtures.area(district, "district", city, 50.1, 8.2);
        Fixtures.area(planted, "quarter", district, 50.1, 8.2);
        Fixtures.area(sibling, "quarter", district, 50.11, 8.21);
        Fixtures.area(elsewhere, "quarter", city, 50.12, 8.22);
        Map<String, int[]> groupAges = new HashMap<>();
        for (String group : AGED_GROUPS) {
            JsonPath term = given().when().get("/api/v1/taxonomies/target_groups/terms/" + group).then().statusCode(200).extract().jsonPath();
            Integer min = term.get("ageMin");
            Integer max = term.get("ageMax");
            int[] range = {min == null ? 0 : min, max == null ? OLDEST : max};
            assertTrue(range[1] < GAP_FROM || range[0] > GAP_TO, group + " must lie outside the planted gap");
            groupAges.put(group, range);
        }

        Planted truth = new Planted();
        int partners = 0;
        // the planted quarter: random offers that all leave 30–59 alone; one partner is also in the sibling
        for (int i = 0, n = 4 + random.nextInt(4); i < n; i++) {
            List<String> areas = i == 0 ? List.of(planted, sibling) : List.of(planted);
            plantPartner(random, "Seed " + seed + " partner " + partners++, areas, true, groupAges, truth);
        }
        // the sibling quarter and the district itself: anything goes
        for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
            plantPartner(random, "Seed " + seed + " partner " + partners++, List.of(sibling), false, groupAges, truth);
        }
        plantPartner(random, "Seed " + seed + " partner " + partners++, List.of(district), false, groupAges, truth);
        // decoys that serve the gap but must not count: inactive, or outside the district
        Map<String, Object> inactive = Fixtures.partner("Seed " + seed + " closed", "association", planted);
        inactive.put("status", "inactive");
        Fixtures.offer(Fixtures.create(inactive), "Abendtreff", "meeting_place", List.of("adults"), 30, 59);
        Fixtures.offer(Fixtures.create(Fixtures.partner("Seed " + seed + " elsewhere", "association", elsewhere)),
                "Abendtreff", "meeting_place", List.of("adults"), null, null);

        Set<String> plantedOnly = Set.of(planted);
        Set<String> wholeDistrict = Set.of(planted, sibling, district);
        List<Map<String, Integer>> plantedGaps = truth.uncovered(plantedOnly);
        assertTrue(plantedGaps.stream().anyMatch(r -> r.get("from") <= GAP_FROM && r.get("to") >= GAP_TO),
                "the generator keeps its gap: " + plantedGaps);

        JsonPath gaps = given().queryParam("neighbourhood", district).when().get("/api/v1/partners/gaps")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of(planted, sibling), Set.copyOf(gaps.getList("areas.code")), gaps.prettify());
        assertEquals(plantedGaps, uncoveredOf(gaps, planted), "seed " + seed);
        assertEquals(truth.uncovered(Set.of(sibling)), uncoveredOf(gaps, sibling), "seed " + seed);
        assertEquals(truth.uncovered(wholeDistrict), gaps.getList("uncoveredAges"), "the district with all below it");
        // each quarter's active partners per target group (every group of the taxonomy, 0 where nobody serves it)
        List<String> allGroups = given().queryParam("limit", 200).when().get("/api/v1/taxonomies/target_groups/terms").then()
                .statusCode(200).extract().path("items.code");
        assertFalse(allGroups.isEmpty());
        for (String quarter : List.of(planted, sibling)) {
            Map<String, Integer> perGroup = gaps.getMap("areas.find { it.code == '" + quarter + "' }.partners");
            assertEquals(new TreeSet<>(allGroups), new TreeSet<>(perGroup.keySet()), quarter);
            for (String group : allGroups) {
                assertEquals(truth.serving(quarter, group), perGroup.get(group).longValue(), group + " in " + quarter + ", seed " + seed);
            }
            List<String> gapGroups = gaps.getList("areas.find { it.code == '" + quarter + "' }.gaps");
            assertEquals(allGroups.stream().filter(g -> truth.serving(quarter, g) == 0).sorted().toList(),
                    gapGroups.stream().sorted().toList(), quarter + ", seed " + seed);
        }
        // the bands beside them: a band is a gap as soon as one of its ages is uncovered
        Map<String, Integer> bands = gaps.getMap("areas.find { it.code == '" + planted + "' }.ageBands");
        List<String> bandGaps = gaps.getList("areas.find { it.code == '" + planted + "' }.ageGaps");
        Map<String, int[]> bandRanges = new LinkedHashMap<>();
        bandRanges.put("0-2", new int[] {0, 2});
        bandRanges.put("3-5", new int[] {3, 5});
        bandRanges.put("6-11", new int[] {6, 11});
        bandRanges.put("12-17", new int[] {12, 17});
        bandRanges.put("18-26", new int[] {18, 26});
        bandRanges.put("27-64", new int[] {27, 64});
        bandRanges.put("65+", new int[] {65, OLDEST});
        assertEquals(List.copyOf(bandRanges.keySet()), List.copyOf(bands.keySet()));
        assertTrue(bandGaps.contains("27-64"), "30–59 lies in 27–64: " + bandGaps);
        bandRanges.forEach((label, range) -> {
            Set<String> inBand = new TreeSet<>();
            boolean open = false;
            for (int age = range[0]; age <= range[1]; age++) {
                Set<String> serving = truth.serving(plantedOnly, age);
                inBand.addAll(serving);
                open |= serving.isEmpty();
            }
            assertEquals(inBand.size(), bands.get(label).intValue(), "partners in band " + label);
            assertEquals(open, bandGaps.contains(label), "band " + label + " in " + bandGaps);
        });

        JsonPath quarterOnly = given().queryParam("neighbourhood", planted).when().get("/api/v1/partners/gaps")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(plantedGaps, quarterOnly.getList("uncoveredAges"));
        assertEquals(plantedGaps, quarterOnly.getList("areas[0].uncoveredAges"));

        // the search finds partners for an age exactly when the gap view says it is covered
        Set<Integer> ages = new TreeSet<>(List.of(0, GAP_FROM - 1, GAP_FROM, 45, GAP_TO, GAP_TO + 1, OLDEST));
        for (Map<String, Integer> gap : plantedGaps) {
            for (int edge : new int[] {gap.get("from") - 1, gap.get("from"), gap.get("to"), gap.get("to") + 1}) {
                if (edge >= 0 && edge <= OLDEST) {
                    ages.add(edge);
                }
            }
        }
        for (int i = 0; i < 5; i++) {
            ages.add(random.nextInt(OLDEST + 1));
        }
        for (int age : ages) {
            assertEquals(truth.serving(plantedOnly, age), search(planted, age), "age " + age + " in the planted quarter, seed " + seed);
            assertEquals(truth.serving(wholeDistrict, age), search(district, age), "age " + age + " in the district, seed " + seed);
            boolean covered = plantedGaps.stream().noneMatch(r -> r.get("from") <= age && age <= r.get("to"));
            assertEquals(covered, !search(planted, age).isEmpty(), "age " + age + " against " + plantedGaps);
        }
    }

    /**
     * One partner with 1–3 random offers: own age ranges (closed or open-ended), or none and aged
     * target groups, or none at all (which counts for no age). With {@code keepGap}, no offer
     * reaches into 30–59.
     */
    private static void plantPartner(Random random, String name, List<String> areas, boolean keepGap,
            Map<String, int[]> groupAges, Planted truth) {
        Map<String, Object> body = Fixtures.partner(name, "association", areas.get(0));
        body.put("neighbourhoods", areas);
        String id = Fixtures.create(body);
        Set<Integer> covered = new TreeSet<>();
        Set<String> served = new TreeSet<>();
        for (int o = 0, n = 1 + random.nextInt(3); o < n; o++) {
            // the target group of an offer with its own ages is irrelevant to them, even "adults"
            List<String> anyGroup = List.of(random.nextBoolean() ? "adults" : AGELESS_GROUPS.get(random.nextInt(AGELESS_GROUPS.size())));
            Integer min;
            Integer max;
            List<String> groups = anyGroup;
            switch (random.nextInt(6)) {
                case 0 -> { // closed, below the gap (or anywhere)
                    int limit = keepGap ? GAP_FROM : OLDEST + 1;
                    min = random.nextInt(limit);
                    max = min + random.nextInt(limit - min);
                }
                case 1 -> { // closed, above the gap (or anywhere)
                    int low = keepGap ? GAP_TO + 1 : 0;
                    min = low + random.nextInt(OLDEST + 1 - low);
                    max = min + random.nextInt(OLDEST + 1 - min);
                }
                case 2 -> { // open towards the youngest
                    min = null;
                    max = random.nextInt(keepGap ? GAP_FROM : OLDEST + 1);
                }
                case 3 -> { // open towards the oldest
                    min = (keepGap ? GAP_TO + 1 : 0) + random.nextInt(keepGap ? OLDEST - GAP_TO : OLDEST + 1);
                    max = null;
                }
                case 4 -> { // no own ages: those of the aged target groups, beside an ageless one
                    min = null;
                    max = null;
                    groups = new ArrayList<>(List.of(AGED_GROUPS.get(random.nextInt(AGED_GROUPS.size()))));
                    if (random.nextBoolean()) {
                        String other = AGED_GROUPS.get(random.nextInt(AGED_GROUPS.size()));
                        if (!groups.contains(other)) {
                            groups.add(other);
                        }
                    }
                    if (random.nextBoolean()) {
                        groups.add("everyone");
                    }
                }
                default -> { // no ages anywhere: for nobody in particular
                    min = null;
                    max = null;
                    groups = List.of(AGELESS_GROUPS.get(random.nextInt(AGELESS_GROUPS.size())));
                }
            }
            Fixtures.offer(id, "Angebot " + o, "meeting_place", groups, min, max);
            served.addAll(groups);
            if (min != null || max != null) {
                addAges(covered, min == null ? 0 : min, max == null ? OLDEST : max);
            } else {
                for (String group : groups) {
                    int[] range = groupAges.get(group);
                    if (range != null) {
                        addAges(covered, range[0], range[1]);
                    }
                }
            }
        }
        truth.add(id, areas, covered, served);
    }

    private static void addAges(Set<Integer> ages, int from, int to) {
        for (int age = from; age <= to; age++) {
            ages.add(age);
        }
    }

    private static List<Map<String, Integer>> uncoveredOf(JsonPath gaps, String area) {
        return gaps.getList("areas.find { it.code == '" + area + "' }.uncoveredAges");
    }

    private static Set<String> search(String area, int age) {
        List<String> ids = given().queryParam("neighbourhood", area).queryParam("age", age).queryParam("limit", 200)
                .when().get("/api/v1/partners").then().statusCode(200).extract().path("items.id");
        return new TreeSet<>(ids);
    }

    @Test
    void nearestPartnersStayInTheCityUnlessAFartherRadiusIsAsked() {
        Fixtures here = new Fixtures();
        String s = here.suffix;
        // a target group of this test's own, so that nobody else in the database serves it
        String group = "gapgroup-" + s;
        given().contentType(ContentType.JSON).body(Map.of("code", group, "nameDe", "Lückengruppe " + s, "nameEn", "Gap group " + s))
                .when().post("/api/v1/taxonomies/target_groups/terms").then().statusCode(201);
        double lat = here.lat;
        double lon = here.lon;
        String city = "nearcity-" + s;
        String district = "neardistrict-" + s;
        String quarter = "nearquarter-" + s;
        Fixtures.area(city, "city", null, lat, lon);
        Fixtures.area(district, "district", city, lat, lon);
        Fixtures.area(quarter, "quarter", district, lat, lon);
        Fixtures.area("nearlocal-" + s, "quarter", city, north(lat, 2_000), lon);
        Fixtures.area("nearedge-" + s, "quarter", city, north(lat, 20_000), lon);
        Fixtures.area("neighbourcity-" + s, "city", null, lat, east(lat, lon, 3_000));
        Fixtures.area("neighbourquarter-" + s, "quarter", "neighbourcity-" + s, lat, east(lat, lon, 3_000));
        Fixtures.area("farcity-" + s, "city", null, north(lat, 340_000), lon);
        Fixtures.area("farquarter-" + s, "quarter", "farcity-" + s, north(lat, 340_000), lon);

        String centre = Fixtures.create(Fixtures.at(Fixtures.partner("Zentrum " + s, "community_centre", quarter), lat, lon));
        Fixtures.offer(centre, "Krabbelgruppe", "family_education", List.of("toddlers"), 1, 3);
        String local = servesTheGroup("Nachbarn 2 km " + s, "nearlocal-" + s, north(lat, 2_000), lon, group);
        String edge = servesTheGroup("Stadtrand 20 km " + s, "nearedge-" + s, north(lat, 20_000), lon, group);
        String neighbour = servesTheGroup("Nachbarstadt 3 km " + s, "neighbourquarter-" + s, lat, east(lat, lon, 3_000), group);
        String far = servesTheGroup("Fernstadt 340 km " + s, "farquarter-" + s, north(lat, 340_000), lon, group);

        // by default: the own city, within 15 km
        JsonPath nearby = nearest(quarter, null);
        assertEquals(Map.of("radiusMetres", 15000, "sameCity", true), nearby.getMap("nearestWithin"));
        String path = "areas.find { it.code == '" + quarter + "' }.nearest.'" + group + "'";
        assertEquals(List.of(local), nearby.getList(path + ".id"), nearby.prettify());
        assertDistance(2_000, nearby.getInt(path + "[0].distanceMetres"));

        // asking for a radius looks in any city within it, nearest first, each with its distance
        JsonPath wide = nearest(quarter, 400_000);
        assertEquals(Map.of("radiusMetres", 400000, "sameCity", false), wide.getMap("nearestWithin"));
        assertEquals(List.of(local, neighbour, edge, far), wide.getList(path + ".id"), wide.prettify());
        List<Integer> distances = wide.getList(path + ".distanceMetres");
        assertDistance(2_000, distances.get(0));
        assertDistance(3_000, distances.get(1));
        assertDistance(20_000, distances.get(2));
        assertDistance(340_000, distances.get(3));
        assertEquals(List.of(local, neighbour), nearest(quarter, 10_000).getList(path + ".id"));
        assertEquals(List.of(), nearest(quarter, 1_000).getList(path), "a gap with nobody within reach is still named");

        given().queryParam("neighbourhood", quarter).queryParam("nearest", 3).queryParam("radius", 50)
                .when().get("/api/v1/partners/gaps").then().statusCode(400);
        given().queryParam("neighbourhood", quarter).queryParam("nearest", 3).queryParam("radius", "far")
                .when().get("/api/v1/partners/gaps").then().statusCode(400);
        given().queryParam("neighbourhood", quarter).queryParam("radius", 5000)
                .when().get("/api/v1/partners/gaps").then().statusCode(400);
        given().queryParam("neighbourhood", "nowhere-" + s).queryParam("nearest", 3)
                .when().get("/api/v1/partners/gaps").then().statusCode(422);
    }

    private static String servesTheGroup(String name, String area, double lat, double lon, String group) {
        String id = Fixtures.create(Fixtures.at(Fixtures.partner(name, "association", area), lat, lon));
        Fixtures.offer(id, "Abendtreff", "meeting_place", List.of(group), null, null);
        return id;
    }

    private static JsonPath nearest(String quarter, Integer radius) {
        var request = given().queryParam("neighbourhood", quarter).queryParam("nearest", 5);
        if (radius != null) {
            request.queryParam("radius", radius);
        }
        return request.when().get("/api/v1/partners/gaps").then().statusCode(200).extract().jsonPath();
    }

    /** The service's haversine and this flat step agree to well within a percent at these distances. */
    private static void assertDistance(int expectedMetres, int actualMetres) {
        assertTrue(Math.abs(actualMetres - expectedMetres) <= expectedMetres / 100 + 5,
                "about " + expectedMetres + " m: " + actualMetres);
    }

    static final double METRES_PER_DEGREE = 6371008.8 * Math.PI / 180;

    private static double north(double lat, double metres) {
        return lat + metres / METRES_PER_DEGREE;
    }

    private static double east(double lat, double lon, double metres) {
        return lon + metres / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
    }
}
