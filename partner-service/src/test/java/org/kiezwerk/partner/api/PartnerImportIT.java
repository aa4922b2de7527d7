package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;

/** Bulk imports against the real PostgreSQL: good rows kept, bad rows named, a repeat updates. */
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
    void goodRowsAreKeptBadRowsNamedAndARepeatUpdates() throws InterruptedException {
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
    void hsdsOrganizationsRoundTripAndBadOnesAreNamed() throws IOException, InterruptedException {
        // our own HSDS answer imports into another neighbourhood as a new partner keyed by the HSDS id
        String id = Fixtures.create(Fixtures.at(AREAS.partner("Nachbarschaftsladen " + AREAS.suffix, "initiative"), AREAS.lat, AREAS.lon));
        String exported = given().when().get("/hsds/organizations/" + id).then().statusCode(200).extract().asString();
        JsonPath done = finished(given().contentType("application/json").body(exported)
                .when().post("/api/v1/partners/imports?neighbourhood=" + AREAS.otherQuarter + "&kind=association&duplicateCheck=false")
                .then().statusCode(202).extract().header("Location"));
        assertEquals(List.of(1, 0), List.of(done.getInt("created"), done.getInt("failed")), done.prettify());
        JsonPath imported = given().queryParam("neighbourhood", AREAS.otherQuarter).queryParam("kind", "association")
                .when().get("/api/v1/partners").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("hsds:" + id), imported.getList("items.externalId"));
        assertEquals(List.of("Nachbarschaftsladen " + AREAS.suffix), imported.getList("items.name"));
        assertEquals(AREAS.lat, imported.getDouble("items[0].addresses[0].lat"), 1e-4); // rest-assured reads floats

        // the standard's own example has a latitude of 100 and a quoted phone number: named, not imported
        String example;
        try (InputStream in = getClass().getResourceAsStream("/hsds-3.0/organization_full.example.json")) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonPath refused = finished(given().contentType("application/json").body(example)
                .when().post("/api/v1/partners/imports?neighbourhood=" + AREAS.otherQuarter)
                .then().statusCode(202).extract().header("Location"));
        assertEquals(1, refused.getInt("failed"));
        assertEquals(List.of("lat", "phone"), refused.getList("errors.field"));
    }

    @Test
    void aRowThatLooksLikeAKnownPartnerIsReportedNotImported() throws InterruptedException {
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

    private static String submit(String csv, String query) {
        return given().contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/partners/imports" + query)
                .then().statusCode(202).body("status", is("queued")).extract().header("Location");
    }

    private static JsonPath finished(String job) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            JsonPath state = given().when().get(job).then().statusCode(200).extract().jsonPath();
            if (List.of("done", "failed").contains(state.getString("status"))) {
                return state;
            }
            Thread.sleep(200);
        }
        return fail("import " + job + " did not finish");
    }

    private static int partnersWith(String externalId) {
        List<String> ids = given().queryParam("status", "any").queryParam("limit", 200)
                .queryParam("neighbourhood", AREAS.quarter).when().get("/api/v1/partners")
                .then().statusCode(200).extract().path("items.externalId");
        return (int) ids.stream().filter(externalId::equals).count();
    }
}
