package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.DemoNeighbourhood;
import org.kiezwerk.infra.LocalInfraTestResource;

/** The demo data set loads without a single refusal and answers the brief's questions. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class DemoNeighbourhoodIT {

    static final String CENTRE = "9f32d001-59a8-4643-b98c-83c6b6228d6b";
    static final String TSV = "1235b26a-8567-4fd3-886b-a9b909301123";
    static final String ST_MARKUS = "ab984239-86af-4e37-b491-09646aab097b";
    static int loaded;

    @TestHTTPResource("/")
    URL service;

    @BeforeEach
    void load() throws Exception {
        if (loaded == 0) {
            loaded = DemoNeighbourhood.load(Path.of(System.getProperty("kiezwerk.root", "..")).resolve(DemoNeighbourhood.FILE),
                    service.toURI(), path -> !path.startsWith("/api/v1/events"), org.kiezwerk.infra.ServiceIdentity.testAdminHeaders());
        }
    }

    @Test
    void theWholeDataSetIsAccepted() {
        assertTrue(loaded > 150, "records loaded: " + loaded);
        given().queryParam("neighbourhood", "auenstadt").queryParam("count", true).queryParam("status", "any")
                .when().get("/api/v1/partners").then().statusCode(200).body("total", greaterThanOrEqualTo(40));
        given().when().get("/api/v1/partners/" + CENTRE).then().statusCode(200)
                .body("name", is("Begegnungszentrum Lindenhof"))
                .body("neighbourhoods[0].code", is("lindenhof"));
    }

    @Test
    void lindenhofHasAlmostNothingForAdultsAndNothingForTeenagers() {
        List<String> forAdults = given().queryParam("neighbourhood", "lindenhof").queryParam("age", 45)
                .when().get("/api/v1/partners").then().statusCode(200).extract().path("items.id");
        assertTrue(forAdults.contains(TSV), forAdults.toString());
        assertTrue(forAdults.size() <= 3, "adults 30–60 are a gap in Lindenhof: " + forAdults);
        given().queryParam("neighbourhood", "lindenhof").queryParam("targetGroup", "young_people")
                .when().get("/api/v1/partners").then().statusCode(200).body("items", empty());
        given().queryParam("neighbourhood", "hafenviertel").queryParam("targetGroup", "young_people")
                .when().get("/api/v1/partners").then().statusCode(200).body("items", not(empty()));
    }

    @Test
    void theCentreFindsWhoWantsItsRoomsAndWhoCanHelpIt() {
        io.restassured.path.json.JsonPath matches = given().queryParam("limit", 200)
                .when().get("/api/v1/partners/" + CENTRE + "/matches").then().statusCode(200).extract().jsonPath();
        List<String> ids = matches.getList("items.partnerId");
        int tsv = ids.indexOf(TSV);
        assertTrue(tsv >= 0, "the sports club wants a room for talks: " + ids);
        assertFalse(matches.getList("items[" + tsv + "].theyNeed").isEmpty());
        assertFalse(ids.contains(CENTRE), "never itself");
        assertTrue(matches.getList("items.theyOffer").stream().anyMatch(o -> !((List<?>) o).isEmpty()),
                "someone offers what the centre needs");
        List<Integer> distances = matches.getList("items.distanceMetres");
        List<Integer> known = distances.stream().filter(java.util.Objects::nonNull).toList();
        assertEquals(known.stream().sorted().toList(), known, "nearest first");
        given().when().get("/api/v1/partners/" + java.util.UUID.randomUUID() + "/matches").then().statusCode(404);
    }

    @Test
    void theGapViewShowsWhatLindenhofLacks() {
        io.restassured.path.json.JsonPath gaps = given().queryParam("neighbourhood", "auenstadt-sued")
                .when().get("/api/v1/partners/gaps").then().statusCode(200).extract().jsonPath();
        assertEquals(java.util.Set.of("lindenhof", "almenhof"), java.util.Set.copyOf(gaps.getList("areas.code")));
        List<String> lindenhof = gaps.getList("areas.find { it.code == 'lindenhof' }.gaps");
        assertTrue(lindenhof.contains("young_people"), lindenhof.toString());
        assertFalse(lindenhof.contains("toddlers"), lindenhof.toString());
        assertTrue(gaps.getInt("areas.find { it.code == 'lindenhof' }.partners.toddlers") >= 1);
        // age bands: the crawling group covers the smallest; the answer has every band
        assertTrue(gaps.getInt("areas.find { it.code == 'lindenhof' }.ageBands.'0-2'") >= 1);
        assertEquals(List.of("0-2", "3-5", "6-11", "12-17", "18-26", "27-64", "65+"),
                List.copyOf(gaps.getMap("areas.find { it.code == 'lindenhof' }.ageBands").keySet()));
        assertNull(gaps.get("areas.find { it.code == 'lindenhof' }.nearest"), "nearest providers only when asked");
        // the nearest partners elsewhere that serve what Lindenhof lacks, nearest first
        io.restassured.path.json.JsonPath withNearest = given().queryParam("neighbourhood", "lindenhof").queryParam("nearest", 2)
                .when().get("/api/v1/partners/gaps").then().statusCode(200).extract().jsonPath();
        List<Integer> distances = withNearest.getList("areas[0].nearest.young_people.distanceMetres");
        assertFalse(distances.isEmpty(), withNearest.prettify());
        assertTrue(distances.size() <= 2);
        assertEquals(distances.stream().sorted().toList(), distances);
        List<String> lindenhofPartners = given().queryParam("neighbourhood", "lindenhof").queryParam("limit", 200)
                .when().get("/api/v1/partners").then().extract().path("items.id");
        List<String> nearestIds = withNearest.getList("areas[0].nearest.young_people.id");
        assertTrue(nearestIds.stream().noneMatch(lindenhofPartners::contains), "from elsewhere: " + nearestIds);
        given().queryParam("neighbourhood", "lindenhof").queryParam("nearest", 50).when().get("/api/v1/partners/gaps").then().statusCode(400);
        given().queryParam("neighbourhood", "atlantis").when().get("/api/v1/partners/gaps").then().statusCode(422);
        given().when().get("/api/v1/partners/gaps").then().statusCode(400);
    }

    @Test
    void roomsNextDoorAndTheCentreByAnyReasonableSpelling() {
        given().queryParam("q", "begegnungzentrum lindenhof").when().get("/api/v1/partners")
                .then().statusCode(200).body("items[0].id", is(CENTRE));
        List<String> rooms = given().queryParam("near", "50.09876,8.20327").queryParam("radius", 300)
                .queryParam("resourceOffered", "room")
                .when().get("/api/v1/partners").then().statusCode(200).extract().path("items.id");
        assertTrue(rooms.contains(CENTRE) && rooms.contains(ST_MARKUS), rooms.toString());
        given().queryParam("neighbourhood", "auenstadt").queryParam("facets", true)
                .when().get("/api/v1/partners").then().statusCode(200)
                .body("facets.neighbourhood.lindenhof", greaterThan(5))
                .body("facets.kind.parish", greaterThanOrEqualTo(2));
    }
}
