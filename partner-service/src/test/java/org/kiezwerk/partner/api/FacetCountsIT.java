package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * The kept facet counts (V14, refreshed at commit since V16) against a model of what the test wrote:
 * seeded random creations, offers added and removed, kinds, statuses and areas changed, partners
 * removed, all through the API; after every few changes the counts of every area and status, from the
 * kept counts and from counting the matches, must be the model's.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class FacetCountsIT {

    private static final List<String> KINDS = List.of("association", "initiative", "parish", "school");
    private static final List<String> CATEGORIES = List.of("sports", "childcare", "senior_work");
    private static final List<String> GROUPS = List.of("children", "parents", "seniors", "women");
    private static final List<String> DIMENSIONS = List.of("neighbourhood", "kind", "category", "targetGroup");

    /** A partner as the test wrote it. */
    private static final class Written {
        String kind;
        String status;
        List<String> areas;
        final Map<String, Offer> offers = new LinkedHashMap<>();
    }

    private record Offer(String category, List<String> groups) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 23, 37})
    void keptCountsFollowRandomChanges(long seed) {
        Random random = new Random(seed);
        Fixtures town = new Fixtures().build();
        // each quarter with the areas above it
        Map<String, List<String>> above = Map.of(town.quarter, List.of(town.quarter, town.district, town.city),
                town.otherQuarter, List.of(town.otherQuarter, town.city));
        List<String> quarters = List.of(town.quarter, town.otherQuarter);
        Map<String, Written> partners = new LinkedHashMap<>();
        for (int step = 1; step <= 30; step++) {
            int change = partners.isEmpty() ? 0 : random.nextInt(7);
            List<String> ids = new ArrayList<>(partners.keySet());
            String id = ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
            switch (change) {
                case 0, 1 -> {
                    Written p = new Written();
                    p.kind = pick(random, KINDS);
                    p.status = random.nextInt(4) == 0 ? "inactive" : "active";
                    p.areas = random.nextBoolean() ? quarters : List.of(pick(random, quarters));
                    Map<String, Object> body = Fixtures.partner("Verein " + seed + "-" + step, p.kind, p.areas.get(0));
                    body.put("neighbourhoods", p.areas);
                    body.put("status", p.status);
                    partners.put(Fixtures.create(body), p);
                }
                case 2 -> {
                    Offer offer = new Offer(pick(random, CATEGORIES),
                            random.nextBoolean() ? List.of(pick(random, GROUPS)) : List.of(GROUPS.get(0), pick(random, GROUPS.subList(1, 4))));
                    partners.get(id).offers.put(Fixtures.offer(id, "Angebot " + step, offer.category(), offer.groups(), null, null), offer);
                }
                case 3 -> {
                    Written p = partners.get(id);
                    if (!p.offers.isEmpty()) {
                        String offer = p.offers.keySet().iterator().next();
                        given().when().delete("/api/v1/offers/" + offer).then().statusCode(204);
                        p.offers.remove(offer);
                    }
                }
                case 4 -> {
                    Written p = partners.get(id);
                    p.kind = pick(random, KINDS);
                    p.status = random.nextBoolean() ? "inactive" : "active";
                    patch(id, Map.of("kind", p.kind, "status", p.status));
                }
                case 5 -> {
                    Written p = partners.get(id);
                    p.areas = random.nextBoolean() ? quarters : List.of(pick(random, quarters));
                    patch(id, Map.of("neighbourhoods", p.areas));
                }
                default -> {
                    given().when().delete("/api/v1/partners/" + id).then().statusCode(204);
                    partners.remove(id);
                }
            }
            if (step % 5 == 0) {
                assertCounts(town, above, partners, "seed " + seed + ", after change " + step);
            }
        }
    }

    private void assertCounts(Fixtures town, Map<String, List<String>> above, Map<String, Written> partners, String when) {
        for (String area : List.of(town.city, town.district, town.quarter, town.otherQuarter)) {
            for (String status : List.of("active", "inactive")) {
                Map<String, Map<String, Integer>> expected = new TreeMap<>();
                DIMENSIONS.forEach(d -> expected.put(d, new TreeMap<>()));
                int total = 0;
                for (Written p : partners.values()) {
                    Set<String> areas = new TreeSet<>();
                    p.areas.forEach(q -> areas.addAll(above.get(q)));
                    if (!p.status.equals(status) || !areas.contains(area)) {
                        continue;
                    }
                    total++;
                    areas.forEach(a -> expected.get("neighbourhood").merge(a, 1, Integer::sum));
                    expected.get("kind").merge(p.kind, 1, Integer::sum);
                    p.offers.values().stream().map(Offer::category).distinct()
                            .forEach(c -> expected.get("category").merge(c, 1, Integer::sum));
                    p.offers.values().stream().flatMap(o -> o.groups().stream()).distinct()
                            .forEach(g -> expected.get("targetGroup").merge(g, 1, Integer::sum));
                }
                assertOfferFilters(area, status, above, partners, when);
                Map<String, String> kept = Map.of("neighbourhood", area, "status", status, "count", "true", "facets", "true");
                Map<String, String> counted = new HashMap<>(kept);
                counted.put("modifiedSince", "2000-01-01T00:00:00Z"); // a filter every partner passes: the matches are counted
                for (Map<String, String> question : List.of(kept, counted)) {
                    JsonPath answer = given().queryParams(question).when().get("/api/v1/partners")
                            .then().statusCode(200).extract().jsonPath();
                    String what = when + ", " + area + " " + status + (question == kept ? " (kept counts)" : " (counted)");
                    assertEquals(total, answer.getInt("total"), what);
                    assertEquals(expected, facets(answer), what);
                }
            }
        }
    }

    /**
     * Target groups and categories are found through the partners' facet values (V18): every one filter, one with two
     * values, and both on one offer, counted in one area and status, must be the model's.
     */
    private void assertOfferFilters(String area, String status, Map<String, List<String>> above, Map<String, Written> partners,
            String when) {
        Map<Map<String, String>, Integer> expected = new LinkedHashMap<>();
        GROUPS.forEach(g -> expected.put(Map.of("targetGroup", g), 0));
        CATEGORIES.forEach(c -> expected.put(Map.of("category", c), 0));
        expected.put(Map.of("targetGroup", GROUPS.get(1) + "," + GROUPS.get(3)), 0);
        CATEGORIES.forEach(c -> GROUPS.forEach(g -> expected.put(Map.of("category", c, "targetGroup", g), 0)));
        for (Written p : partners.values()) {
            if (p.status.equals(status) && p.areas.stream().anyMatch(q -> above.get(q).contains(area))) {
                expected.replaceAll((filter, n) -> p.offers.values().stream().anyMatch(o -> holds(filter, o)) ? n + 1 : n);
            }
        }
        expected.forEach((filter, total) -> {
            Map<String, String> question = new HashMap<>(filter);
            question.putAll(Map.of("neighbourhood", area, "status", status, "count", "true", "limit", "1"));
            assertEquals(total, given().queryParams(question).when().get("/api/v1/partners").then().statusCode(200)
                    .extract().jsonPath().getInt("total"), when + ", " + area + " " + status + " " + filter);
        });
    }

    /** Whether one offer passes the filter (each value list ORed, both filters on this one offer). */
    private static boolean holds(Map<String, String> filter, Offer offer) {
        return List.of(filter.getOrDefault("category", offer.category()).split(",")).contains(offer.category())
                && (!filter.containsKey("targetGroup")
                        || List.of(filter.get("targetGroup").split(",")).stream().anyMatch(offer.groups()::contains));
    }

    /** The answer's four facets, without zero counts. */
    private static Map<String, Map<String, Integer>> facets(JsonPath answer) {
        Map<String, Map<String, Integer>> facets = new TreeMap<>();
        for (String dimension : DIMENSIONS) {
            Map<String, Integer> counts = new TreeMap<>();
            Map<String, Object> given = answer.getMap("facets." + dimension);
            if (given != null) {
                given.forEach((value, count) -> {
                    if (((Number) count).intValue() != 0) {
                        counts.put(value, ((Number) count).intValue());
                    }
                });
            }
            facets.put(dimension, counts);
        }
        return facets;
    }

    private static void patch(String id, Map<String, Object> changes) {
        given().contentType("application/merge-patch+json").body(changes).when().patch("/api/v1/partners/" + id)
                .then().statusCode(200);
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
