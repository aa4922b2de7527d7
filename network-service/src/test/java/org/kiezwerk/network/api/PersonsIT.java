package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.kiezwerk.network.Fixtures.tie;
import static org.kiezwerk.network.Topics.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.ServiceIdentity;
import org.kiezwerk.infra.TestCallerIdentity;
import org.kiezwerk.network.Topics;
import org.kiezwerk.network.graph.CityGraph;
import org.neo4j.driver.Driver;

/** Persons against the real Neo4j: only with consent, hidden beyond their scope, erased without a trace. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class PersonsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Driver driver;

    @Inject
    CityGraph city;

    @Test
    void onlyWithConsentVisibleWithinItsScopeAndErasedOnWithdrawal() throws Exception {
        String centre = UUID.randomUUID().toString();
        publishPartner(centre, "Begegnungszentrum");
        await(() -> given().get("/api/v1/network/actors/" + centre).statusCode() == 200);

        given().contentType(ContentType.JSON).body(Map.of("displayName", "Frau K."))
                .when().post("/api/v1/network/persons")
                .then().statusCode(400).body("errors.field", hasItem("consent"));

        String visible = given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Frau K. (Seniorenkreis)",
                        "consent", Map.of("scope", "public", "recordedBy", "Begegnungszentrum, Leitung"),
                        "affiliations", List.of(Map.of("organisationId", centre, "role", "volunteers_at"))))
                .when().post("/api/v1/network/persons")
                .then().statusCode(201).body("affiliations[0].organisation", is("Begegnungszentrum"))
                .extract().path("id");
        String hidden = given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Herr M.", "consent", Map.of("scope", "analysts", "recordedBy", "Quartiersbüro")))
                .when().post("/api/v1/network/persons")
                .then().statusCode(201).extract().path("id");
        String member = given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Frau S. (Elternbeirat)", "consent", Map.of("scope", "network_members", "recordedBy", "Kita")))
                .when().post("/api/v1/network/persons")
                .then().statusCode(201).extract().path("id");
        // who sees whom: the public everyone, network members those with read, admins all
        String networkMember = "Bearer " + ServiceIdentity.forTests("member", java.util.Set.of("read"), List.of());
        TestCallerIdentity.anonymously(() -> {
            given().when().get("/api/v1/network/persons/" + visible).then().statusCode(200).body("scope", is("public"));
            given().when().get("/api/v1/network/persons/" + member).then().statusCode(404);
            given().when().get("/api/v1/network/persons/" + hidden).then().statusCode(404);
        });
        given().header("Authorization", networkMember).when().get("/api/v1/network/persons/" + member)
                .then().statusCode(200).body("displayName", is("Frau S. (Elternbeirat)"));
        given().header("Authorization", networkMember).when().get("/api/v1/network/persons/" + hidden).then().statusCode(404);
        given().when().get("/api/v1/network/persons/" + hidden).then().statusCode(200).body("displayName", is("Herr M."));
        // only the public person's name is stored readable in the graph
        assertEquals(1L, count("MATCH (p:Person {id: $id}) WHERE p.displayName = 'Frau K. (Seniorenkreis)' RETURN count(p) AS n", visible));
        assertEquals(1L, count("MATCH (p:Person {id: $id}) WHERE p.displayName STARTS WITH 'sealed:v1:' RETURN count(p) AS n", member));
        assertEquals(1L, count("MATCH (p:Person {id: $id}) WHERE p.displayName STARTS WITH 'sealed:v1:' RETURN count(p) AS n", hidden));

        // two connecting conversations: an acquaintance, then a stronger one
        for (String topic : List.of("Nachbarschaftsfest", "Seniorenkreis")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("personA", visible, "personB", hidden, "date", "2026-10-0" + (topic.length() % 9 + 1), "topic", topic))
                    .when().post("/api/v1/network/conversations").then().statusCode(204);
        }
        given().when().get("/api/v1/network/persons/" + visible)
                .then().body("acquaintances[0].strength", is(2)).body("acquaintances[0].conversations", is(2));

        // in exports: each caller sees the persons their consent lets them see, with their ties
        TestCallerIdentity.anonymously(() -> {
            String anonymousExport = given().queryParam("format", "cytoscape").queryParam("persons", true)
                    .when().get("/api/v1/network/export").then().statusCode(200).extract().asString();
            assertTrue(anonymousExport.contains(visible) && anonymousExport.contains("Frau K. (Seniorenkreis)"));
            assertFalse(anonymousExport.contains(member) || anonymousExport.contains(hidden));
        });
        String memberExport = given().header("Authorization", networkMember).queryParam("format", "cytoscape").queryParam("persons", true)
                .when().get("/api/v1/network/export").then().statusCode(200).extract().asString();
        assertTrue(memberExport.contains(member) && memberExport.contains("Frau S. (Elternbeirat)") && !memberExport.contains(hidden));
        String adminGraphml = given().queryParam("format", "graphml").queryParam("persons", true)
                .when().get("/api/v1/network/export").then().statusCode(200).extract().asString();
        assertTrue(adminGraphml.contains(hidden) && adminGraphml.contains("Herr M."), "admins see every person");
        given().queryParam("persons", "maybe").when().get("/api/v1/network/export").then().statusCode(400);

        given().when().delete("/api/v1/network/persons/" + hidden + "/consent").then().statusCode(204);
        assertEquals(0L, count("MATCH (p:Person {id: $id}) RETURN count(p) AS n", hidden));
        assertEquals(0L, count("MATCH (:Person {id: $id})-[k]-() RETURN count(k) AS n", hidden));
        given().when().get("/api/v1/network/persons/" + visible).then().body("acquaintances", empty());
        given().when().delete("/api/v1/network/persons/" + hidden + "/consent").then().statusCode(404);
        String afterWithdrawal = given().queryParam("format", "csv").queryParam("persons", true)
                .when().get("/api/v1/network/export").then().statusCode(200).extract().asString();
        assertFalse(afterWithdrawal.contains(hidden) || afterWithdrawal.contains("Herr M."), "no trace in exports");

        given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "X", "consent", Map.of("scope", "everyone", "recordedBy", "Y")))
                .when().post("/api/v1/network/persons").then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "X", "consent", Map.of("scope", "public", "recordedBy", "Y"),
                        "affiliations", List.of(Map.of("organisationId", UUID.randomUUID(), "role", "leads"))))
                .when().post("/api/v1/network/persons").then().statusCode(422);
    }

    @Test
    void introductionPathsPreferStrongConfirmedTiesAndNeverPassHiddenPersons() throws Exception {
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        String bakery = UUID.randomUUID().toString();
        publishPartner(centre, "Begegnungszentrum");
        publishPartner(parish, "St. Markus");
        publishPartner(club, "TSV");
        publishPartner(bakery, "Bäckerei");
        for (String org : List.of(centre, parish, club, bakery)) {
            await(() -> given().get("/api/v1/network/actors/" + org).statusCode() == 200);
        }
        tie(centre, club, 5, true);
        tie(club, parish, 2, false);
        tie(centre, bakery, 4, true);
        tie(bakery, parish, 3, true);
        String council = person("Frau A. (Kirchengemeinderat)", "public", parish, "leads");
        String hidden = person("Herr B.", "analysts", centre, "works_at");
        given().contentType(ContentType.JSON).body(Map.of("personA", council, "personB", hidden, "date", "2026-11-01"))
                .when().post("/api/v1/network/conversations").then().statusCode(204);

        String networkMember = "Bearer " + ServiceIdentity.forTests("member", java.util.Set.of("read"), List.of());
        List<List<String>> paths = given().header("Authorization", networkMember)
                .queryParam("from", centre).queryParam("to", council).queryParam("k", 3)
                .when().get("/api/v1/network/paths").then().statusCode(200).extract().path("steps.id");
        assertEquals(List.of(List.of(centre, bakery, parish, council), List.of(centre, club, parish, council)), paths,
                "strong confirmed ties first; never through the person whose consent does not allow it");
        given().header("Authorization", networkMember).queryParam("from", centre).queryParam("to", council)
                .when().get("/api/v1/network/paths")
                .then().body("[0].steps[3].via", is("affiliation")).body("[0].hops", is(3));
        // an admin may see everyone: among the best chains is one through the acquaintance
        List<List<String>> adminPaths = given().queryParam("from", centre).queryParam("to", council).queryParam("k", 5)
                .when().get("/api/v1/network/paths").then().statusCode(200).extract().path("steps.id");
        assertTrue(adminPaths.contains(List.of(centre, hidden, council)), adminPaths.toString());
        // the names on a chain are readable, also a name stored sealed, once the search runs on the copy of the city
        await(() -> city.current().isPresent());
        given().queryParam("from", centre).queryParam("to", council).queryParam("k", 5).when().get("/api/v1/network/paths")
                .then().statusCode(200)
                .body(String.format("steps.flatten().find { it.id == '%s' }.name", hidden), is("Herr B."))
                .body(String.format("steps.flatten().find { it.id == '%s' }.name", council), is("Frau A. (Kirchengemeinderat)"))
                .body(String.format("steps.flatten().find { it.id == '%s' }.name", bakery), is("Bäckerei"));

        // the searched graph is kept between requests, but never past a change: a withdrawn person
        // leaves every chain at once, and a new direct tie makes the shortest one
        given().when().delete("/api/v1/network/persons/" + hidden + "/consent").then().statusCode(204);
        List<List<String>> afterWithdrawal = given().queryParam("from", centre).queryParam("to", council).queryParam("k", 5)
                .when().get("/api/v1/network/paths").then().statusCode(200).extract().path("steps.id");
        assertTrue(afterWithdrawal.stream().noneMatch(chain -> chain.contains(hidden)), afterWithdrawal.toString());
        tie(centre, parish, 5, true);
        List<List<String>> direct = given().header("Authorization", networkMember)
                .queryParam("from", centre).queryParam("to", council).queryParam("k", 1)
                .when().get("/api/v1/network/paths").then().statusCode(200).extract().path("steps.id");
        assertEquals(List.of(List.of(centre, parish, council)), direct);
        given().queryParam("from", centre).when().get("/api/v1/network/paths").then().statusCode(400);
    }

    @Test
    void aPersonErasedByAnotherReplicaLeavesTheChainsAtOnceEvenWhileThisReplicasCopySeemsCurrent() throws Exception {
        String school = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        publishPartner(school, "Grundschule");
        publishPartner(club, "Sportverein");
        for (String org : List.of(school, club)) {
            await(() -> given().get("/api/v1/network/actors/" + org).statusCode() == 200);
        }
        // the only chain between the two runs through a person who leads both
        String coach = person("Herr T. (Trainer)", "public", school, "leads");
        given().contentType(ContentType.JSON).body(Map.of("organisationId", club, "role", "leads"))
                .when().post("/api/v1/network/persons/" + coach + "/affiliations").then().statusCode(200);
        await(() -> city.current().isPresent() && given().queryParam("from", school).queryParam("to", club).when()
                .get("/api/v1/network/paths").then().statusCode(200).extract().path("steps.id").equals(List.of(List.of(school, coach, club))));

        // erased behind this replica's back (as another replica erases on a withdrawal): its copy still counts as
        // current until the next check, but the person is in no answer any more
        try (var session = driver.session()) {
            session.run("MATCH (p:Person {id: $id}) DETACH DELETE p", Map.of("id", coach)).consume();
        }
        given().queryParam("from", school).queryParam("to", club).when().get("/api/v1/network/paths")
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void introductionPathsAreTheCheapestEvenWhenLongAndTheSearchStopsOnlyWhenNothingUnreadCouldBeatThem() throws Exception {
        List<String> orgs = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            orgs.add(UUID.randomUUID().toString());
            publishPartner(orgs.get(i), "Verein " + i);
        }
        for (String org : orgs) {
            await(() -> given().get("/api/v1/network/actors/" + org).statusCode() == 200);
        }
        String start = orgs.get(0);
        String end = orgs.get(1);
        tie(start, end, 1, false); // direct, but weak and unconfirmed: cost 10
        tie(start, orgs.get(2), 5, true); // four strong steps: cost 4
        tie(orgs.get(2), orgs.get(3), 5, true);
        tie(orgs.get(3), orgs.get(4), 5, true);
        tie(orgs.get(4), end, 5, true);
        tie(start, orgs.get(5), 3, true); // two middling steps: cost 3.333
        tie(orgs.get(5), end, 3, true);
        tie(orgs.get(6), orgs.get(4), 5, true); // a side branch that leads nowhere new
        JsonPath answer = given().queryParam("from", start).queryParam("to", end).queryParam("k", 4)
                .when().get("/api/v1/network/paths").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(List.of(start, orgs.get(5), end), List.of(start, orgs.get(2), orgs.get(3), orgs.get(4), end),
                List.of(start, end)), answer.getList("steps.id"), "cheapest first, and only the three chains there are");
        assertEquals(List.of(3.333f, 4.0f, 10.0f), answer.getList("cost", Float.class));
        assertEquals(List.of(2, 4, 1), answer.getList("hops"));
        // the same chains from the other end, reversed
        List<List<String>> back = given().queryParam("from", end).queryParam("to", start).queryParam("k", 1)
                .when().get("/api/v1/network/paths").then().statusCode(200).extract().path("steps.id");
        assertEquals(List.of(List.of(end, orgs.get(5), start)), back);
        // no chain between two who are not connected at all, and none to an unknown actor
        String alone = UUID.randomUUID().toString();
        publishPartner(alone, "Einzelgänger");
        await(() -> given().get("/api/v1/network/actors/" + alone).statusCode() == 200);
        given().queryParam("from", start).queryParam("to", alone).when().get("/api/v1/network/paths")
                .then().statusCode(200).body("$", empty());
        given().queryParam("from", start).queryParam("to", UUID.randomUUID()).when().get("/api/v1/network/paths")
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void keyPeopleCountAmongTheKeyActorsForThoseWhoMaySeeThem() throws Exception {
        String area = "persons-" + UUID.randomUUID().toString().substring(0, 8);
        String centre = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        for (String[] org : new String[][] {{centre, "Zentrum"}, {club, "Verein"}}) {
            Topics.publishPartner(bootstrapServers, org[0], "{\"id\":\"" + org[0] + "\",\"name\":\"" + org[1]
                    + "\",\"kind\":\"association\",\"neighbourhoods\":[{\"code\":\"" + area
                    + "\",\"name\":\"Q\",\"level\":\"quarter\"}],\"version\":0}");
        }
        await(() -> given().get("/api/v1/network/actors/" + centre).statusCode() == 200
                && given().get("/api/v1/network/actors/" + club).statusCode() == 200);
        // the two organisations have no tie of their own: one public person links them, a hidden one works at the centre
        String bridge = person("Frau Brücke", "public", centre, "leads");
        given().contentType(ContentType.JSON).body(Map.of("organisationId", club, "role", "member_of"))
                .when().post("/api/v1/network/persons/" + bridge + "/affiliations").then().statusCode(200);
        String hidden = person("Herr Verborgen", "analysts", centre, "works_at");

        TestCallerIdentity.anonymously(() -> {
            var actors = given().queryParam("neighbourhood", area).queryParam("limit", 50)
                    .when().get("/api/v1/analytics/key-actors").then().statusCode(200).extract().jsonPath();
            assertEquals(java.util.Set.of(centre, club, bridge), java.util.Set.copyOf(actors.getList("actors.id")));
            assertEquals("person", actors.getString("actors.find { it.id == '" + bridge + "' }.kind"));
            assertTrue(actors.getBoolean("actors.find { it.id == '" + bridge + "' }.articulationPoint"), "she holds them together");
        });
        // she leaves the club: the cached answer must notice, though no tie was added or removed
        given().contentType(ContentType.JSON).body(Map.of("until", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2).toString()))
                .when().post("/api/v1/network/persons/" + bridge + "/affiliations/" + club + "/end").then().statusCode(200);
        TestCallerIdentity.anonymously(() -> {
            var actors = given().queryParam("neighbourhood", area).queryParam("limit", 50)
                    .when().get("/api/v1/analytics/key-actors").then().statusCode(200).extract().jsonPath();
            assertEquals(1, actors.getInt("actors.find { it.id == '" + bridge + "' }.degree"), actors.prettify());
            assertFalse(actors.getBoolean("actors.find { it.id == '" + bridge + "' }.articulationPoint"), "no longer between them");
        });
        List<String> forAdmin = given().queryParam("neighbourhood", area).queryParam("limit", 50)
                .when().get("/api/v1/analytics/key-actors").then().statusCode(200).extract().path("actors.id");
        assertTrue(forAdmin.contains(hidden), "admins see every person");
        given().when().delete("/api/v1/network/persons/" + hidden + "/consent").then().statusCode(204);
        List<String> afterWithdrawal = given().queryParam("neighbourhood", area).queryParam("limit", 50)
                .when().get("/api/v1/analytics/key-actors").then().statusCode(200).extract().path("actors.id");
        assertFalse(afterWithdrawal.contains(hidden), "the cached analysis forgets a withdrawn person at once");
    }

    @Test
    void personTiesHaveAPeriodAStrengthAndAreConfirmedByTheOtherSide() throws Exception {
        String library = UUID.randomUUID().toString();
        publishPartner(library, "Stadtteilbibliothek");
        await(() -> given().get("/api/v1/network/actors/" + library).statusCode() == 200);
        String anna = given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Anna L.", "consent", Map.of("scope", "public", "recordedBy", "Bibliothek")))
                .when().post("/api/v1/network/persons").then().statusCode(201).extract().path("id");
        String ben = given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ben K.", "consent", Map.of("scope", "public", "recordedBy", "Bibliothek")))
                .when().post("/api/v1/network/persons").then().statusCode(201).extract().path("id");

        // the library says Anna works there; only Anna can confirm it
        given().contentType(ContentType.JSON)
                .body(Map.of("organisationId", library, "role", "works_at", "since", "2025-01-01", "strength", 4))
                .when().post("/api/v1/network/persons/" + anna + "/affiliations").then().statusCode(200)
                .body("affiliations[0].strength", is(4)).body("affiliations[0].since", is("2025-01-01"))
                .body("affiliations[0].assertedBy", is(library)).body("affiliations[0].confirmed", is(false));
        given().contentType(ContentType.JSON).body(Map.of("by", library))
                .when().post("/api/v1/network/persons/" + anna + "/affiliations/" + library + "/confirm").then().statusCode(422)
                .body("type", is("/problems/not-the-other-side"));
        given().contentType(ContentType.JSON).body(Map.of("by", anna))
                .when().post("/api/v1/network/persons/" + anna + "/affiliations/" + library + "/confirm").then().statusCode(200)
                .body("affiliations[0].confirmed", is(true));
        given().contentType(ContentType.JSON)
                .body(Map.of("organisationId", library, "role", "volunteers_at", "assertedBy", UUID.randomUUID()))
                .when().post("/api/v1/network/persons/" + anna + "/affiliations").then().statusCode(422);
        given().contentType(ContentType.JSON)
                .body(Map.of("organisationId", library, "role", "leads", "strength", 9))
                .when().post("/api/v1/network/persons/" + anna + "/affiliations").then().statusCode(400);

        // an acquaintance reported by one side is confirmed when the other reports it too
        given().contentType(ContentType.JSON).body(Map.of("personA", anna, "personB", ben, "date", "2026-10-01"))
                .when().post("/api/v1/network/conversations").then().statusCode(204);
        given().when().get("/api/v1/network/persons/" + anna).then()
                .body("acquaintances[0].assertedBy", is(anna)).body("acquaintances[0].confirmed", is(false))
                .body("acquaintances[0].since", is("2026-10-01"));
        given().contentType(ContentType.JSON).body(Map.of("personA", anna, "personB", ben, "date", "2026-10-08"))
                .when().post("/api/v1/network/conversations").then().statusCode(204);
        given().when().get("/api/v1/network/persons/" + ben).then().body("acquaintances[0].confirmed", is(false));
        given().contentType(ContentType.JSON).body(Map.of("personA", ben, "personB", anna, "date", "2026-10-15"))
                .when().post("/api/v1/network/conversations").then().statusCode(204);
        given().when().get("/api/v1/network/persons/" + ben).then().body("acquaintances[0].confirmed", is(true))
                .body("acquaintances[0].strength", is(3));

        // ended ties stay as history and leave the analyses
        given().contentType(ContentType.JSON).body(Map.of("until", "2026-01-31"))
                .when().post("/api/v1/network/persons/" + anna + "/affiliations/" + library + "/end").then().statusCode(200)
                .body("affiliations[0].until", is("2026-01-31"));
        given().contentType(ContentType.JSON).body(Map.of("until", "2026-10-31"))
                .when().post("/api/v1/network/persons/" + anna + "/acquaintances/" + ben + "/end").then().statusCode(200)
                .body("acquaintances[0].until", is("2026-10-31"));
        String csv = given().queryParam("format", "csv").queryParam("persons", true).when().get("/api/v1/network/export")
                .then().statusCode(200).extract().asString();
        // no current tie of Anna's is exported: she is a row of her own, an actor without ties
        List<Map<String, String>> rows;
        try (var read = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerForMapOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(csv)) {
            rows = read.readAll();
        }
        assertEquals(List.of(""), rows.stream().filter(r -> anna.equals(r.get("source")) || anna.equals(r.get("target")))
                .map(r -> anna.equals(r.get("source")) ? r.get("target") : "as a target").toList());
        given().contentType(ContentType.JSON).body(Map.of("until", "2026-01-31"))
                .when().post("/api/v1/network/persons/" + anna + "/affiliations/" + UUID.randomUUID() + "/end").then().statusCode(404);
    }

    private String person(String name, String scope, String organisation, String role) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "consent", Map.of("scope", scope, "recordedBy", "Quartiersbüro"),
                        "affiliations", List.of(Map.of("organisationId", organisation, "role", role))))
                .when().post("/api/v1/network/persons").then().statusCode(201).extract().path("id");
    }

    private void publishPartner(String id, String name) throws Exception {
        Topics.publishPartner(bootstrapServers, id, "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"association\",\"version\":0}");
    }

    private long count(String cypher, String id) {
        try (var session = driver.session()) {
            return session.run(cypher, Map.of("id", id)).single().get("n").asLong();
        }
    }
}
