package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.ServiceIdentity;
import org.kiezwerk.infra.TestCallerIdentity;
import org.neo4j.driver.Driver;

/** The analyst endpoint against the real Neo4j: it reads, and nothing else gets through. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class AnalystQueriesIT {

    private static final String ANALYST = "Bearer " + ServiceIdentity.forTests("analyst-anna", Set.of("read", "analytics"), List.of());

    @Inject
    Driver driver;

    @Inject
    org.kiezwerk.network.graph.PersonGraph persons;

    private static io.restassured.response.ValidatableResponse cypher(Map<String, Object> body) {
        return given().header("Authorization", ANALYST).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/analytics/cypher").then();
    }

    @Test
    void answersWithParametersOnlyAsJsonOrCsvWithinItsRowLimit() {
        cypher(Map.of("query", "UNWIND range(1, $n) AS x RETURN x, x * x AS square", "parameters", Map.of("n", 50), "limit", 10))
                .statusCode(200)
                .body("columns", contains("x", "square"))
                .body("rows", hasSize(10))
                .body("rows[9].square", is(100))
                .body("truncated", is(true));
        String csv = given().header("Authorization", ANALYST).accept("text/csv").contentType(ContentType.JSON)
                .body(Map.of("query", "UNWIND ['Kita', 'Verein, e.V.'] AS name RETURN name"))
                .when().post("/api/v1/analytics/cypher").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        assertEquals("name\nKita\n\"Verein, e.V.\"\n", csv);
        cypher(Map.of("query", "CALL db.labels() YIELD label RETURN label")).statusCode(200).body("columns", contains("label"));
    }

    @Test
    void refusesWritesFileReadsProceduresAndAdministration() {
        String marker = "Hack" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        for (String query : List.of("CREATE (n:" + marker + ") RETURN n", "MATCH (o:Organisation) SET o.name = 'x' RETURN o",
                "MATCH (o:Organisation) DETACH DELETE o", "MERGE (n:" + marker + " {id: 1}) RETURN n",
                "MATCH (o) CALL (o) { SET o.hacked = true } RETURN count(o)",
                "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV FROM 'http://127.0.0.1:1/x' AS l RETURN l",
                "CALL dbms.listConfig() YIELD name RETURN name", "CALL `dbms`.`listConfig`()", "SHOW DATABASES",
                "USE system MATCH (n) RETURN n")) {
            cypher(Map.of("query", query)).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", is("query"));
        }
        // keywords inside strings do not count, and a syntax error is a 400 with the graph's explanation
        cypher(Map.of("query", "RETURN 'CREATE and SET are just words here' AS text")).statusCode(200);
        cypher(Map.of("query", "MATCH (n RETURN n")).statusCode(400);
        try (var session = driver.session()) {
            assertEquals(0L, session.run("MATCH (n:" + marker + ") RETURN count(n) AS n").single().get("n").asLong());
            assertEquals(0L, session.run("MATCH (o:Organisation) WHERE o.hacked OR o.name = 'x' RETURN count(o) AS n")
                    .single().get("n").asLong());
        }
    }

    @Test
    void theGraphItselfRefusesWritesInReadMode() {
        // the server-side backstop: a read transaction cannot write even if a query slipped past the check
        try (var session = driver.session(org.neo4j.driver.SessionConfig.builder()
                .withDefaultAccessMode(org.neo4j.driver.AccessMode.READ).build())) {
            assertThrows(org.neo4j.driver.exceptions.ClientException.class,
                    () -> session.executeRead(tx -> tx.run("CREATE (n:ReadModeProbe) RETURN n").consume()));
            assertEquals(0L, session.run("MATCH (n:ReadModeProbe) RETURN count(n) AS n").single().get("n").asLong());
        }
    }

    @Test
    void stopsAQueryThatRunsTooLong() {
        cypher(Map.of("query", "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 100 RETURN count(x) AS n", "timeoutSeconds", 1))
                .statusCode(422).contentType("application/problem+json").body("type", is("/problems/query-timeout"));
    }

    @Test
    void personsAppearPseudonymisedUnlessTheirConsentIsPublic() {
        String secret = given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Frau Geheim", "consent", Map.of("scope", "network_members", "recordedBy", "Kita",
                        "note", "nur für das Netzwerk")))
                .when().post("/api/v1/network/persons").then().statusCode(201).extract().path("id");
        String open = given().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Herr Offen", "consent", Map.of("scope", "public", "recordedBy", "Kita")))
                .when().post("/api/v1/network/persons").then().statusCode(201).extract().path("id");
        String answer = cypher(Map.of("query", "MATCH (p:Person) WHERE p.id IN $ids RETURN p.id AS id, p.displayName AS name,"
                + " toUpper(p.displayName) AS shouted, p ORDER BY id", "parameters", Map.of("ids", List.of(secret, open))))
                .statusCode(200).extract().asString();
        assertFalse(answer.contains("Geheim") || answer.contains("GEHEIM") || answer.contains("nur für"), answer);
        assertTrue(answer.contains("Herr Offen"), answer);
        String pseudonym = cypher(Map.of("query", "MATCH (p:Person {id: $id}) RETURN p.displayName AS name",
                "parameters", Map.of("id", secret))).extract().path("rows[0].name");
        assertTrue(pseudonym.matches("person-[0-9a-f]{10}"), pseudonym);
        cypher(Map.of("query", "MATCH (p:Person {id: $id}) RETURN p", "parameters", Map.of("id", secret)))
                .body("rows[0].p.labels", contains("Person"))
                .body("rows[0].p.properties.displayName", is(pseudonym))
                .body("rows[0].p.properties", not(hasKey("consentNote")));
    }

    @Test
    void personsRecordedBeforeSealingAreSealedAtStartAndNamesHideTheirLength() {
        String legacy = UUID.randomUUID().toString();
        try (var session = driver.session()) {
            session.run("CREATE (:Person {id: $id, displayName: 'Frau Alt', scope: 'network_members', consentRecordedBy: 'Büro',"
                    + " consentNote: 'mündlich'})", Map.of("id", legacy)).consume();
        }
        persons.sealLegacy();
        String answer = cypher(Map.of("query", "MATCH (p:Person {id: $id}) RETURN p.displayName AS name, p.consentRecordedBy AS by,"
                + " p.consentNote AS note", "parameters", Map.of("id", legacy))).statusCode(200).extract().asString();
        assertFalse(answer.contains("Alt") || answer.contains("Büro") || answer.contains("mündlich"), answer);
        given().when().get("/api/v1/network/persons/" + legacy).then().statusCode(200).body("displayName", is("Frau Alt"))
                .body("consentRecordedBy", is("Büro"));
        // a short and a long name are sealed to the same length
        List<Integer> sizes = cypher(Map.of("query", "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN size(p.displayName) AS n",
                "parameters", Map.of("ids", List.of(legacy, person("Dr. Maximiliane von Hohenstein-Lichtenberg", "analysts")))))
                .extract().path("rows.n");
        assertEquals(sizes.get(0), sizes.get(1), sizes.toString());
    }

    private static String person(String name, String scope) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "consent", Map.of("scope", scope, "recordedBy", "Kita")))
                .when().post("/api/v1/network/persons").then().statusCode(201).extract().path("id");
    }

    @Test
    void batchedSubqueriesNulCharactersAndWrongShapesAreProblemsNotCrashes() {
        for (String query : List.of("CALL { MATCH (o:Organisation) RETURN o } IN TRANSACTIONS RETURN 1",
                "UNWIND [1] AS x CALL { WITH x RETURN x AS y } IN 2 CONCURRENT TRANSACTIONS OF 10 ROWS RETURN y")) {
            cypher(Map.of("query", query)).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", is("query")).body("errors[0].message", containsString("IN TRANSACTIONS"));
        }
        cypher(Map.of("query", "RETURN 1 AS x\u0000")).statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString("NUL"));
        given().header("Authorization", ANALYST).contentType(ContentType.JSON)
                .body(Map.of("description", "nul\u0000byte", "query", "RETURN 1"))
                .when().put("/api/v1/analytics/saved-queries/nul-" + UUID.randomUUID().toString().substring(0, 8))
                .then().statusCode(400).contentType("application/problem+json");
        for (String body : List.of("[1,2,3]", "\"RETURN 1\"", "{\"query\": ")) {
            String answer = given().header("Authorization", ANALYST).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/analytics/cypher").then().statusCode(400)
                    .contentType("application/problem+json").extract().asString();
            org.junit.jupiter.api.Assertions.assertFalse(answer.contains("org.kiezwerk") || answer.contains("java.")
                    || answer.contains("Exception"), answer);
        }
        given().urlEncodingEnabled(false).when().get("/api/v1/network/actors?neighbourhood=%00")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void savedQueriesAreNamedParameterisedAndCheckedLikeAnyOther() {
        String name = "orgs-by-prefix-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", ANALYST).contentType(ContentType.JSON)
                .body(Map.of("description", "Organisations by the start of their name",
                        "query", "UNWIND $names AS name WITH name WHERE name STARTS WITH $prefix RETURN name",
                        "parameters", List.of("names", "prefix")))
                .when().put("/api/v1/analytics/saved-queries/" + name).then().statusCode(201)
                .body("savedBy", is("analyst-anna"));
        given().header("Authorization", ANALYST).contentType(ContentType.JSON)
                .body(Map.of("parameters", Map.of("names", List.of("Kita Sonnenschein", "TSV", "Kita Regenbogen"), "prefix", "Kita")))
                .when().post("/api/v1/analytics/saved-queries/" + name + "/run").then().statusCode(200)
                .body("rows.name", contains("Kita Sonnenschein", "Kita Regenbogen"));
        given().header("Authorization", ANALYST).contentType(ContentType.JSON).body(Map.of("parameters", Map.of("prefix", "K")))
                .when().post("/api/v1/analytics/saved-queries/" + name + "/run").then().statusCode(400)
                .body("errors[0].message", containsString("names"));
        given().header("Authorization", ANALYST).contentType(ContentType.JSON)
                .body(Map.of("query", "MATCH (o:Organisation) DETACH DELETE o"))
                .when().put("/api/v1/analytics/saved-queries/wipe").then().statusCode(400);
        given().header("Authorization", ANALYST).when().get("/api/v1/analytics/saved-queries").then().statusCode(200)
                .body("items.name", hasItems(name, "co-producers", "organisations-without-ties"));
        String otherAnalyst = "Bearer " + ServiceIdentity.forTests("analyst-ben", Set.of("read", "analytics"), List.of());
        given().header("Authorization", otherAnalyst).contentType(ContentType.JSON).body(Map.of("query", "RETURN 1 AS one"))
                .when().put("/api/v1/analytics/saved-queries/" + name).then().statusCode(403);
        given().header("Authorization", otherAnalyst).when().delete("/api/v1/analytics/saved-queries/" + name).then().statusCode(403);
        given().header("Authorization", ANALYST).when().delete("/api/v1/analytics/saved-queries/" + name).then().statusCode(204);
        given().header("Authorization", ANALYST).when().get("/api/v1/analytics/saved-queries/" + name).then().statusCode(404);
        given().header("Authorization", ANALYST).when().put("/api/v1/analytics/saved-queries/Bad%20Name")
                .then().statusCode(anyOf(is(400), is(415)));
    }

    @Test
    void onlyAnalystsMayAsk() {
        TestCallerIdentity.anonymously(() -> given().contentType(ContentType.JSON).body(Map.of("query", "RETURN 1"))
                .when().post("/api/v1/analytics/cypher").then().statusCode(401));
        given().header("Authorization", "Bearer " + ServiceIdentity.forTests("member", Set.of("read", "network:write"), List.of()))
                .contentType(ContentType.JSON).body(Map.of("query", "RETURN 1"))
                .when().post("/api/v1/analytics/cypher").then().statusCode(403);
        TestCallerIdentity.anonymously(() -> given().when().get("/api/v1/analytics/saved-queries").then().statusCode(401));
    }
}
