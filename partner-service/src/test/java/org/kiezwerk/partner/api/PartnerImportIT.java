package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hibernate.Hibernate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.commons.api.MergePatch;
import org.kiezwerk.partner.domain.PartnerImport;
import org.kiezwerk.partner.service.PartnerImportService;

/** Bulk imports against the real PostgreSQL: good rows kept, bad rows named, a repeat updates; HSDS mapping rules. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class PartnerImportIT {

    static final Fixtures AREAS = new Fixtures();
    static boolean built;

    @BeforeEach
    void areas() {
        if (!built) {
            AREAS.build();
            built = true;
        }
    }

    private String csv(String... rows) {
        return "external_id,name,kind,neighbourhoods,street,postcode,city,lat,lon,email,languages\n"
                + String.join("\n", rows) + "\n";
    }

    @Test
    void goodRowsAreKeptBadRowsNamedAndARepeatUpdates() {
        String s = AREAS.suffix;
        String file = csv(
                "crm-" + s + "-1,Stadtteilbibliothek " + s + ",municipal_office," + AREAS.quarter + ",Hauptstraße 1,65101,Auenstadt," + AREAS.lat + "," + AREAS.lon + ",,de|tr",
                "crm-" + s + "-2,Kulturverein " + s + ",castle," + AREAS.quarter + ",,,,,,,",
                "crm-" + s + "-3,Lesecafé " + s + ",initiative,atlantis,,,,,,,",
                "crm-" + s + "-4,Schachclub " + s + ",association," + AREAS.quarter + ",,,,,,not-an-email,",
                "crm-" + s + "-5,\"Chor \"\"Viva\"\", " + s + "\",association," + AREAS.quarter + ",,,,,,,");

        // a dry run checks every row and writes nothing
        JsonPath dry = finished(submit(file, "?dryRun=true"));
        assertEquals(List.of(5, 5, 2, 0, 3), List.of(dry.getInt("totalRows"), dry.getInt("processed"), dry.getInt("created"),
                dry.getInt("updated"), dry.getInt("failed")));
        assertEquals(0, partnersWith("crm-" + s + "-1"));

        JsonPath done = finished(submit(file, ""));
        assertEquals("done", done.getString("status"));
        assertEquals(2, done.getInt("created"));
        assertEquals(3, done.getInt("failed"));
        assertEquals(List.of(3, 4, 5), done.getList("errors.row"));
        assertEquals(List.of("kind", "neighbourhoods[0]", "email"), done.getList("errors.field"));
        assertEquals(1, partnersWith("crm-" + s + "-1"));
        given().queryParam("q", "Chor Viva " + s).queryParam("neighbourhood", AREAS.quarter).when().get("/api/v1/partners")
                .then().body("items[0].name", is("Chor \"Viva\", " + s));

        // the same file again: the known external ids are updated, nothing doubles
        JsonPath again = finished(submit(file.replace("Stadtteilbibliothek " + s, "Stadtbibliothek " + s), ""));
        assertEquals(0, again.getInt("created"));
        assertEquals(2, again.getInt("updated"));
        assertEquals(1, partnersWith("crm-" + s + "-1"));
        given().queryParam("q", "Stadtbibliothek " + s).queryParam("neighbourhood", AREAS.quarter).when().get("/api/v1/partners")
                .then().body("items[0].externalId", is("crm-" + s + "-1")).body("items[0].languages", contains("de", "tr"));
    }

    @Test
    void ourOwnHsdsExportImportedBackUpdatesThePartnerUnderItsIds() {
        String id = Fixtures.create(Fixtures.at(AREAS.partner("Nachbarschaftsladen " + AREAS.suffix, "initiative"), AREAS.lat, AREAS.lon));
        String offer = Fixtures.offer(id, "Tauschbörse", "neighbourhood_help", List.of("families"), null, null);
        String exported = given().when().get("/hsds/organizations/" + id + "?full_service=true").then().statusCode(200)
                .extract().asString();
        JsonPath done = finished(given().contentType("application/json").body(exported)
                .when().post("/api/v1/partners/imports").then().statusCode(202).extract().header("Location"));
        assertEquals(List.of(0, 1, 0), List.of(done.getInt("created"), done.getInt("updated"), done.getInt("failed")), done.prettify());
        // the address's region is the partner's neighbourhood, the kind stays, the offer is the same one
        given().when().get("/api/v1/partners/" + id).then().statusCode(200)
                .body("neighbourhoods.code", contains(AREAS.quarter)).body("kind", is("initiative"));
        given().when().get("/api/v1/offers/" + offer).then().statusCode(200).body("category.code", is("neighbourhood_help"))
                .body("targetGroups.code", contains("families"));
        String again = given().when().get("/hsds/organizations/" + id + "?full_service=true").then().statusCode(200)
                .extract().asString();
        assertEquals(exported.replaceAll("\"last_modified\":\"[^\"]*\"", ""), again.replaceAll("\"last_modified\":\"[^\"]*\"", ""));
    }

    @Test
    void oneHsdsImportSpansNeighbourhoodsKindsAndTermsByRules() {
        String s = AREAS.suffix;
        UUID first = UUID.randomUUID();
        UUID counselling = UUID.randomUUID();
        UUID dancing = UUID.randomUUID();
        String file = """
                [{"id": "%1$s", "name": "Kirchengemeinde St. Markus %2$s", "description": "Gemeinde", "legal_status": "Kirchengemeinde",
                  "locations": [
                    {"id": "%6$s", "location_type": "physical", "name": "Gemeindehaus",
                     "languages": [{"id": "%7$s", "code": "de"}],
                     "addresses": [{"id": "%8$s", "address_1": "Kirchplatz 1", "city": "Auenstadt", "postal_code": "65103",
                                    "state_province": "Rheinland-Pfalz", "country": "DE", "address_type": "physical"}]},
                    {"id": "%9$s", "location_type": "physical", "name": "Kita",
                     "languages": [{"id": "%10$s", "code": "tr"}],
                     "addresses": [{"id": "%11$s", "address_1": "Am Hang 2", "city": "Auenstadt", "postal_code": "65104",
                                    "state_province": "Hessen", "country": "DE", "address_type": "physical"}]}],
                  "services": [
                    {"id": "%3$s", "name": "Beratung", "status": "active",
                     "attributes": [{"id": "%12$s", "taxonomy_term": {"id": "%13$s", "code": "counseling", "name": "Counseling",
                                     "description": "x", "taxonomy": "Open Eligibility"}}]},
                    {"id": "%4$s", "name": "Seniorentanz", "status": "x", "minimum_age": 60}]},
                 {"id": "%5$s", "name": "Fremder Verein %2$s", "description": "anderswo",
                  "locations": [{"id": "%14$s", "location_type": "physical",
                     "addresses": [{"id": "%15$s", "address_1": "Weit 1", "city": "Fernstadt", "postal_code": "99999",
                                    "state_province": "Bayern", "country": "DE", "address_type": "physical"}]}]}]
                """.formatted(first, s, counselling, dancing, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID());
        String rules = "?areaBy=postal_code&areaMap=65103:" + AREAS.quarter + ",65104:" + AREAS.otherQuarter
                + "&kindBy=legal_status&kindMap=Kirchengemeinde:parish&termMap=counseling:counselling&duplicateCheck=false";

        JsonPath dry = finished(hsds(file, rules + "&dryRun=true"));
        assertEquals(List.of(2, 1, 1), List.of(dry.getInt("processed"), dry.getInt("created"), dry.getInt("failed")), dry.prettify());
        given().when().get("/hsds/organizations/" + first).then().statusCode(404);

        JsonPath done = finished(hsds(file, rules));
        assertEquals(List.of(1, 1), List.of(done.getInt("created"), done.getInt("failed")), done.prettify());
        // the second organization names no known neighbourhood and the job has no default: named, not imported
        assertEquals(List.of(2), done.getList("errors.row"));
        assertEquals(List.of("neighbourhood"), done.getList("errors.field"));
        assertTrue(done.getList("warnings", java.util.Map.class).contains(java.util.Map.of("row", 1,
                "field", "services[1].status", "message", "unknown value 'x' – kept as active")), done.prettify());
        assertTrue(done.getList("warnings.field").contains("services[1].attributes"), done.prettify()); // filed under other

        given().when().get("/api/v1/partners/" + first).then().statusCode(200).body("kind", is("parish"))
                .body("neighbourhoods.code", containsInAnyOrder(AREAS.quarter, AREAS.otherQuarter))
                .body("languages", contains("de", "tr"));
        given().when().get("/api/v1/offers/" + counselling).then().statusCode(200).body("category.code", is("counselling"));
        given().when().get("/api/v1/offers/" + dancing).then().statusCode(200).body("category.code", is("other"))
                .body("ageMin", is(60));
        given().when().get("/hsds/organizations/" + first).then().statusCode(200)
                .body("locations.addresses.flatten().state_province", contains("Rheinland-Pfalz", "Hessen"))
                .body("locations.name", contains("Gemeindehaus", "Kita"));
        // a change through the Kiezwerk API that keeps the addresses keeps what the import brought with them
        given().contentType(MergePatch.MEDIA_TYPE).body("{\"email\": \"buero@st-markus.example.org\"}")
                .when().patch("/api/v1/partners/" + first).then().statusCode(200);
        given().when().get("/hsds/organizations/" + first).then().statusCode(200)
                .body("email", is("buero@st-markus.example.org"))
                .body("locations.addresses.flatten().state_province", contains("Rheinland-Pfalz", "Hessen"))
                .body("locations.name", contains("Gemeindehaus", "Kita"));

        // the same file with a default neighbourhood: the second is imported there, and says why
        String nativeOffer = Fixtures.offer(first.toString(), "Kirchencafé", "meeting_place", List.of(), null, null);
        String fewer = file.replaceAll("(?s),\\s*\\{\"id\": \"" + dancing + "\".*?\"minimum_age\": 60}", "");
        JsonPath again = finished(hsds(fewer, rules + "&neighbourhood=" + AREAS.quarter));
        assertEquals(List.of(1, 1, 0), List.of(again.getInt("created"), again.getInt("updated"), again.getInt("failed")),
                again.prettify());
        assertTrue(again.getList("warnings.field").contains("locations[0].addresses[0].postal_code"), again.prettify());
        // the service the file no longer lists is gone; the offer written in Kiezwerk stays
        given().when().get("/api/v1/offers/" + dancing).then().statusCode(404);
        given().when().get("/api/v1/offers/" + nativeOffer).then().statusCode(200);
        given().when().get("/api/v1/offers/" + counselling).then().statusCode(200);
    }

    @Test
    void badMappingRulesAreRefusedAtOnce() {
        String org = "{\"id\": \"" + UUID.randomUUID() + "\", \"name\": \"Verein\"}";
        for (String query : List.of("areaBy=street", "areaMap=lindenhof", "kindBy=name", "kindMap=e.V.:castle",
                "areaMap=x:Not%20A%20Code", "dryRun=maybe")) {
            given().contentType("application/json").body(org).when().post("/api/v1/partners/imports?" + query)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().contentType("application/json").body(org).when().post("/api/v1/partners/imports?areaMap=x:no-such-" + AREAS.suffix
                        + "&category=no-such-category&termMap=a:no-such-term")
                .then().statusCode(422).body("errors.field", containsInAnyOrder("areaMap", "category", "termMap"));
        given().contentType("text/csv").body("name\nx\n").when().post("/api/v1/partners/imports?areaBy=city")
                .then().statusCode(400).body("errors[0].field", is("areaBy"));
        // a file of services is not a file of organizations
        given().contentType("application/json").body("[{\"id\": \"" + UUID.randomUUID() + "\", \"name\": \"Kurs\","
                        + " \"status\": \"active\"}]").when().post("/api/v1/partners/imports")
                .then().statusCode(400).body("errors[0].message", containsString("service"));
    }

    private static String hsds(String json, String query) {
        return given().contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/partners/imports" + query)
                .then().statusCode(202).extract().header("Location");
    }

    @Test
    void aRowThatLooksLikeAKnownPartnerIsReportedNotImported() {
        Fixtures.create(Fixtures.at(AREAS.partner("Familientreff Sonnenuhr " + AREAS.suffix, "initiative"), AREAS.lat, AREAS.lon));
        String file = "name,kind,neighbourhoods,lat,lon\n\"Familientreff Sonnenuhr " + AREAS.suffix + " e.V.\",initiative,"
                + AREAS.quarter + "," + AREAS.lat + "," + AREAS.lon + "\n";
        JsonPath done = finished(submit(file, ""));
        assertEquals(List.of(0, 1), List.of(done.getInt("created"), done.getInt("failed")), done.prettify());
        assertTrue(done.getString("errors[0].message").contains("likely a duplicate"), done.prettify());
        assertEquals(1, finished(submit(file, "?duplicateCheck=false")).getInt("created"));
    }

    @Test
    void anUnreadableFileIsRefusedAtOnce() {
        given().contentType("text/csv").body("naem,kind\nKita,parish\n").when().post("/api/v1/partners/imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString("naem"));
        given().contentType("application/json").body("{\"not\": ").when().post("/api/v1/partners/imports")
                .then().statusCode(400);
        given().contentType("text/csv").body("").when().post("/api/v1/partners/imports").then().statusCode(400);
        given().contentType("text/csv").body("name\nx\n").when().post("/api/v1/partners/imports?kind=castle")
                .then().statusCode(400).body("errors[0].field", is("kind"));
        given().when().get("/api/v1/partners/imports/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Inject
    PartnerImportService importJobs;

    @Test
    void aJobsStatusIsReadWithoutItsFile() {
        String job = submit(csv("crm-" + AREAS.suffix + "-lazy,Tauschring " + AREAS.suffix + ",initiative," + AREAS.quarter
                + ",,,,,,,"), "?dryRun=true");
        PartnerImport read = importJobs.get(UUID.fromString(job.substring(job.lastIndexOf('/') + 1)));
        // a file of up to 20 MB must not come along with every status read and progress update
        assertFalse(Hibernate.isPropertyInitialized(read, "content"), "the import's file was loaded with its status");
        assertEquals("done", finished(job).getString("status"));
    }

    private static String submit(String csv, String query) {
        return given().contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/partners/imports" + query)
                .then().statusCode(202).body("status", is("queued")).extract().header("Location");
    }

    private static JsonPath finished(String job) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get(job).then().statusCode(200).extract().jsonPath(),
                        state -> List.of("done", "failed").contains(state.getString("status")));
    }

    private static int partnersWith(String externalId) {
        List<String> ids = given().queryParam("status", "any").queryParam("limit", 200)
                .queryParam("neighbourhood", AREAS.quarter).when().get("/api/v1/partners")
                .then().statusCode(200).extract().path("items.externalId");
        return (int) ids.stream().filter(externalId::equals).count();
    }
}
