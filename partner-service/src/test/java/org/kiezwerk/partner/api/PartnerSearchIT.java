package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kiezwerk.infra.LocalInfraTestResource;

/** Search against the real PostgreSQL, on a small city of its own. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class PartnerSearchIT {

    static final Fixtures CITY = new Fixtures();
    static String centre;
    static String kita;
    static String sports;
    static String parish;
    static String women;
    static OffsetDateTime beforeParish;
    static String closed;

    @BeforeEach
    void city() {
        if (centre != null) {
            return;
        }
        CITY.build();
        centre = Fixtures.create(Fixtures.at(CITY.partner("Begegnungszentrum Lindenhof", "community_centre"), 50.0990, 8.2100));
        Fixtures.offer(centre, "Krabbelgruppe", "family_education", List.of("toddlers", "parents"), 1, 3);
        Fixtures.offer(centre, "Seniorennachmittag", "senior_work", List.of("seniors"), null, null);
        Fixtures.resource(centre, "offered", "room", "Großer Saal");
        Fixtures.resource(centre, "needed", "volunteers", "Ehrenamtliche");
        kita = Fixtures.create(Fixtures.at(CITY.partner("Kita Sonnenschein", "day_care_centre"), 50.0995, 8.2120));
        Fixtures.offer(kita, "Betreuung", "childcare", List.of("children"), 1, 6);
        sports = Fixtures.create(Fixtures.at(Fixtures.partner("Fußballverein Grün-Weiß", "association", CITY.otherQuarter), 50.1200, 8.2500));
        Fixtures.offer(sports, "Rückenfit am Abend", "sports", List.of("adults"), null, null);
        Fixtures.resource(sports, "needed", "room", "Raum für Vorträge");
        women = Fixtures.create(Fixtures.at(CITY.partner("Mütterzentrum Brücken", "initiative"), 50.1010, 8.2150));
        Fixtures.offer(women, "Sprachcafé", "language_course", List.of("migrants", "women"), null, null);
        beforeParish = OffsetDateTime.now();
        parish = Fixtures.create(Fixtures.at(CITY.partner("Ev. Kirchengemeinde St. Markus", "parish"), 50.0991, 8.2102));
        var inactive = CITY.partner("Begegnungsstätte Geschlossen", "community_centre");
        inactive.put("status", "inactive");
        closed = Fixtures.create(inactive);
    }

    private JsonPath search(Map<String, ?> params) {
        var request = given().queryParams(params);
        if (!params.containsKey("neighbourhood")) {
            request.queryParam("neighbourhood", CITY.city);
        }
        return request
                .when().get("/api/v1/partners")
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private List<String> ids(Map<String, ?> params) {
        return search(params).getList("items.id");
    }

    @Test
    void fullTextToleratesTyposAndUmlautSpellings() {
        assertEquals(centre, ids(Map.of("q", "begegnungzentrum")).get(0));
        assertEquals(List.of(sports), ids(Map.of("q", "Fussball")));
        assertEquals(List.of(women), ids(Map.of("q", "Muetter")));
        assertEquals(List.of(women), ids(Map.of("q", "Mütterzentrum")));
        // stemming, and offers count as the partner's text
        assertTrue(ids(Map.of("q", "Krabbelgruppen")).contains(centre));
        assertEquals(List.of(parish), ids(Map.of("q", "Kirchengemeinden")));
        assertEquals(List.of(), ids(Map.of("q", "Schwimmbad")));
    }

    @Test
    void filtersCombineAndAreaFiltersIncludeSubAreas() {
        assertEquals(List.of(sports), ids(Map.of("neighbourhood", CITY.otherQuarter)));
        assertEquals(4, ids(Map.of("neighbourhood", CITY.district)).size(), "the district includes its quarter");
        assertEquals(List.of(parish, kita), ids(Map.of("kind", "day_care_centre,parish")), "by name");
        assertEquals(List.of(centre), ids(Map.of("targetGroup", "toddlers")));
        assertEquals(List.of(sports), ids(Map.of("age", "45")), "adults 30–60 by the target group's ages");
        assertEquals(List.of(centre, kita), ids(Map.of("age", "2")), "toddlers by the offers' own ranges");
        // offer filters hold for one offer: the centre has a toddler offer and a senior offer, none for toddlers in senior work
        assertEquals(List.of(), ids(Map.of("targetGroup", "toddlers", "category", "senior_work")));
        assertEquals(List.of(centre), ids(Map.of("category", "senior_work")));
        assertEquals(List.of(centre), ids(Map.of("resourceOffered", "room")));
        assertEquals(List.of(centre, sports), ids(Map.of("resourceNeeded", "room,volunteers")));
        // a change feed sees every status: the partner closed after the parish too (by name)
        assertEquals(List.of(closed, parish), ids(Map.of("modifiedSince", beforeParish.toString())));
        assertEquals(List.of(parish), ids(Map.of("modifiedSince", beforeParish.toString(), "status", "active")));
        assertEquals(List.of(closed), ids(Map.of("modifiedSince", beforeParish.toString(), "status", "inactive")));
        assertEquals(6, ids(Map.of("status", "any")).size());
    }

    @Test
    void nearSortsByDistanceWithinTheRadius() {
        JsonPath answer = search(Map.of("near", "50.0990,8.2100", "radius", "500"));
        List<Integer> distances = answer.getList("items.distanceMetres");
        assertEquals(List.of(centre, parish, kita, women), answer.getList("items.id"), "distances " + distances);
        assertEquals(0, distances.get(0));
        assertTrue(distances.get(1) > 5 && distances.get(1) < 30, "St. Markus is next door: " + distances);
        assertTrue(distances.get(3) < 500, distances.toString());
        assertFalse(answer.getList("items.id").contains(sports), "3 km away");
        // with offer filters (through the facet values since V18): each partner's distance once, the same answers
        assertEquals(List.of(kita), search(Map.of("near", "50.0990,8.2100", "radius", "500", "targetGroup", "children")).getList("items.id"));
        assertEquals(List.of(centre, women), search(Map.of("near", "50.0990,8.2100", "radius", "500", "targetGroup", "seniors,women"))
                .getList("items.id"));
        assertEquals(List.of(women), search(Map.of("near", "50.0990,8.2100", "radius", "500", "category", "language_course"))
                .getList("items.id"));
        assertEquals(List.of(), search(Map.of("near", "50.0990,8.2100", "radius", "500", "category", "sports")).getList("items.id"),
                "the sports club has sports, 3 km away");
    }

    /**
     * The first page by relevance computes the exact relevance only of the matches whose upper bound (name similarity
     * taken as 1) could reach it. On seeded towns where the full-text rank and the name similarity disagree, every first
     * page, city-wide and in the town, must be the head of the exact order (one page holding all matches).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 17, 29})
    void theFirstPageByRelevanceIsTheHeadOfTheExactOrder(long seed) {
        Random random = new Random(seed);
        Fixtures town = new Fixtures().build();
        List<String> words = List.of("Zentrum", "Stadtteilzentrum", "Familien-Zentrum", "Zentrale", "Zentrumsverein", "Sportverein",
                "Verein", "Vereinsheim", "Zentrm", "Treff");
        for (int i = 0; i < 16; i++) {
            Map<String, Object> body = town.partner(words.get(random.nextInt(words.size())) + " " + seed + "-" + i, "association");
            List<String> description = new ArrayList<>();
            for (int w = random.nextInt(5); w > 0; w--) {
                description.add(words.get(random.nextInt(words.size())));
            }
            body.put("description", String.join(" und ", description));
            if (random.nextBoolean()) {
                body.put("alternateNames", List.of(words.get(random.nextInt(words.size())) + " am Platz"));
            }
            Fixtures.create(body);
        }
        for (String q : List.of("zentrum", "verein", "zentrale", "zentrm", "familien zentrum", "treff")) {
            for (String area : new String[] {town.city, null}) {
                JsonPath all = relevance(q, area, 200);
                assertTrue(all.getInt("total") <= 200, q + ": one page holds all");
                List<String> exact = all.getList("items.id");
                for (int limit = 1; limit <= 8; limit++) {
                    assertEquals(exact.subList(0, Math.min(limit, exact.size())), relevance(q, area, limit).getList("items.id"),
                            "seed " + seed + ", q=" + q + " in " + area + ", limit " + limit);
                }
            }
        }
    }

    private static JsonPath relevance(String q, String area, int limit) {
        var request = given().queryParam("q", q).queryParam("limit", limit).queryParam("count", true);
        if (area != null) {
            request.queryParam("neighbourhood", area);
        }
        return request.when().get("/api/v1/partners").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void cursorsWalkAllResultsInAStableOrderWithTotalAndFacets() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("neighbourhood", CITY.city).queryParam("limit", 2).queryParam("count", true);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/partners").then().statusCode(200).extract().jsonPath();
            assertEquals(5, page.getInt("total"));
            assertTrue(page.getList("items").size() <= 2);
            all.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(centre, parish, sports, kita, women), all, "by name, each once");

        JsonPath facets = search(Map.of("facets", "true"));
        assertEquals(5, facets.getInt("facets.neighbourhood." + CITY.city));
        assertEquals(4, facets.getInt("facets.neighbourhood." + CITY.quarter));
        assertEquals(1, facets.getInt("facets.kind.parish"));
        assertEquals(1, facets.getInt("facets.targetGroup.toddlers"));
        assertEquals(1, facets.getInt("facets.category.sports"));
    }

    /** A small area's partners are tested for the text one by one; the city's text matches are found through the indexes. */
    @Test
    void aTextSearchInASmallAreaFindsWhatTheCityWideSearchFindsThere() {
        List<String> here = List.of(centre, kita, sports, women, parish);
        for (String q : List.of("begegnungzentrum", "Fussball", "Muetter", "zentrum", "Krabbelgruppen", "Kirchengemeinden", "verein")) {
            List<String> cityWide = new ArrayList<>(); // every match of every test's partners, page by page
            String cursor = null;
            do {
                var request = given().queryParam("q", q).queryParam("limit", 200);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.when().get("/api/v1/partners").then().statusCode(200).extract().jsonPath();
                cityWide.addAll(page.getList("items.id"));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            List<String> inTheArea = ids(Map.of("q", q, "limit", "200"));
            assertEquals(cityWide.stream().filter(here::contains).toList(), inTheArea, q);
        }
    }

    /** Page, total and facets come from one statement: a cursor narrows the page, never the total or the facets. */
    @Test
    void everyPageCountsAllMatchesNotOnlyThoseAfterTheCursor() {
        for (Map<String, String> question : List.of(Map.of("modifiedSince", "2000-01-01T00:00:00Z"), Map.of("q", "zentrum"))) {
            Map<String, String> params = new java.util.HashMap<>(question);
            params.putAll(Map.of("limit", "200", "count", "true", "facets", "true"));
            JsonPath whole = search(params);
            List<String> all = whole.getList("items.id");
            assertFalse(all.isEmpty(), question.toString());
            assertEquals(all.size(), whole.getInt("total"), question.toString());
            params.put("limit", "1");
            List<String> walked = new ArrayList<>();
            String cursor = null;
            do {
                if (cursor != null) {
                    params.put("cursor", cursor);
                }
                JsonPath page = search(params);
                assertEquals(all.size(), page.getInt("total"), question + " after " + walked);
                assertEquals(whole.getMap("facets"), page.getMap("facets"), question + " after " + walked);
                walked.addAll(page.getList("items.id"));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            assertEquals(all, walked, question.toString());
        }
    }

    @Test
    void facetsFollowEveryChangeOfPartnersOffersAndAreas() {
        Fixtures town = new Fixtures().build();
        String club = Fixtures.create(town.partner("Turnverein Facetten", "association"));
        java.util.function.Supplier<JsonPath> facets = () -> search(Map.of("neighbourhood", town.city, "facets", "true"));
        JsonPath before = facets.get();
        assertEquals(1, before.getInt("facets.neighbourhood." + town.district), "the quarter's district counts it");
        assertEquals(1, before.getInt("facets.kind.association"));
        assertNull(before.get("facets.targetGroup.children"));

        String offer = Fixtures.offer(club, "Kinderturnen", "sports", List.of("children", "parents"), 4, 8);
        JsonPath withOffer = facets.get();
        assertEquals(1, withOffer.getInt("facets.targetGroup.children"));
        assertEquals(1, withOffer.getInt("facets.targetGroup.parents"));
        assertEquals(1, withOffer.getInt("facets.category.sports"));

        given().when().delete("/api/v1/offers/" + offer).then().statusCode(204);
        JsonPath withoutOffer = facets.get();
        assertNull(withoutOffer.get("facets.targetGroup.children"), "the offer's groups leave with it");
        assertNull(withoutOffer.get("facets.category.sports"));

        // the quarter moves out of its district, straight under the city: the district no longer counts the club
        Fixtures.area(town.quarter, "quarter", town.city, 50.099, 8.210);
        JsonPath moved = facets.get();
        assertNull(moved.get("facets.neighbourhood." + town.district));
        assertEquals(1, moved.getInt("facets.neighbourhood." + town.quarter));
        assertEquals(1, moved.getInt("facets.neighbourhood." + town.city));
    }

    @Test
    void keptFacetCountsAgreeWithCountingTheMatches() {
        Fixtures town = new Fixtures().build();
        String club = Fixtures.create(town.partner("Sportverein Zählwerk", "association"));
        String school = Fixtures.create(Fixtures.partner("Grundschule Zählwerk", "school", town.otherQuarter));
        Fixtures.offer(club, "Kinderturnen", "sports", List.of("children", "parents"), 4, 8);
        Fixtures.offer(school, "Hausaufgabenhilfe", "childcare", List.of("children"), 6, 10);
        assertKeptCountsAgree(town);

        patchPartner(club, Map.of("status", "inactive", "kind", "initiative"));
        assertKeptCountsAgree(town);
        patchPartner(club, Map.of("status", "active"));
        given().when().delete("/api/v1/partners/" + school).then().statusCode(204);
        assertKeptCountsAgree(town);
        Fixtures.area(town.quarter, "quarter", town.city, 50.099, 8.210);
        assertKeptCountsAgree(town);
    }

    /**
     * One area and a status only: answered from the kept counts (V14); a filter that every partner passes
     * (modifiedSince long ago) makes the same question count the matches instead.
     */
    private void assertKeptCountsAgree(Fixtures town) {
        for (String area : List.of(town.city, town.district, town.quarter, town.otherQuarter)) {
            for (String status : List.of("active", "inactive", "any")) {
                Map<String, String> kept = Map.of("neighbourhood", area, "status", status, "count", "true", "facets", "true");
                Map<String, String> counted = new java.util.HashMap<>(kept);
                counted.put("modifiedSince", "2000-01-01T00:00:00Z");
                JsonPath fromCounts = search(kept);
                JsonPath fromMatches = search(counted);
                assertEquals(fromMatches.getInt("total"), fromCounts.getInt("total"), area + " " + status);
                assertEquals(fromMatches.getMap("facets"), fromCounts.getMap("facets"), area + " " + status);
            }
        }
    }

    private static void patchPartner(String id, Map<String, String> changes) {
        given().contentType("application/merge-patch+json").body(changes).when().patch("/api/v1/partners/" + id)
                .then().statusCode(200);
    }

    @Test
    void badParametersAreNamed() {
        for (Map<String, String> bad : List.of(Map.of("age", "old"), Map.of("near", "north"), Map.of("radius", "5"),
                Map.of("kind", "castle"), Map.of("limit", "1000"), Map.of("cursor", "%%%"), Map.of("sort", "distance"),
                Map.of("modifiedSince", "yesterday"), Map.of("count", "perhaps"))) {
            given().queryParams(bad).when().get("/api/v1/partners")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", is(bad.keySet().iterator().next().equals("radius") ? "radius" : bad.keySet().iterator().next()));
        }
        given().queryParam("neighbourhood", "atlantis").when().get("/api/v1/partners")
                .then().statusCode(422).body("errors[0].field", is("neighbourhood"));
    }
}
