package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.kiezwerk.network.Topics.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.Topics;

/** "Who could bring such offers to our house?" against the real Neo4j, with the reasons. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class SuggestionsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @jakarta.inject.Inject
    org.neo4j.driver.Driver driver;

    @Test
    void suggestsUntiedPartnersByContactsResourcesAndGaps() throws Exception {
        String here = "here-" + UUID.randomUUID().toString().substring(0, 8);
        String there = "there-" + UUID.randomUUID().toString().substring(0, 8);
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        String agency = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        String bakery = UUID.randomUUID().toString();
        publish(centre, "Begegnungszentrum", here, "[\"toddlers\",\"seniors\"]",
                "[{\"direction\":\"needed\",\"kind\":\"volunteers\"},{\"direction\":\"offered\",\"kind\":\"room\"}]");
        publish(parish, "St. Markus", here, "[\"seniors\"]", "[]");
        publish(agency, "Freiwilligenagentur", here, "[\"everyone\"]", "[{\"direction\":\"offered\",\"kind\":\"volunteers\"}]");
        publish(club, "TSV", there, "[\"adults\"]", "[{\"direction\":\"needed\",\"kind\":\"room\"}]");
        publish(bakery, "Bäckerei", there, "[]", "[]");
        for (String org : List.of(centre, parish, agency, club, bakery)) {
            await(() -> given().get("/api/v1/network/actors/" + org).statusCode() == 200);
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
        assertFalse(ids.contains(centre), "never itself");
        assertEquals(1, suggestions.getInt("find { it.id == '" + agency + "' }.sharedContacts"));
        assertEquals(List.of("volunteers"), suggestions.getList("find { it.id == '" + agency + "' }.theyOffer"));
        assertEquals(List.of("room"), suggestions.getList("find { it.id == '" + club + "' }.theyNeed"));
        assertEquals(List.of("adults"), suggestions.getList("find { it.id == '" + club + "' }.servesOurGaps"));
        assertTrue(ids.indexOf(agency) < ids.indexOf(club), "a shared contact and a need met rank first");
        given().when().get("/api/v1/analytics/partner-suggestions").then().statusCode(400);

        // the organisations are located in their neighbourhoods (nested) and serve their target groups
        try (var session = driver.session()) {
            var located = session.run("MATCH (:Organisation {id: $id})-[:LOCATED_IN]->(n:Neighbourhood)-[:PART_OF]->(p:Neighbourhood)"
                    + " RETURN n.code AS code, n.name AS name, p.code AS parent", Map.of("id", centre)).single();
            assertEquals(here, located.get("code").asString());
            assertEquals("Nordquartier", located.get("name").asString());
            assertEquals("city-" + here, located.get("parent").asString());
            List<String> served = session.run("MATCH (:Organisation {id: $id})-[:SERVES]->(t:TargetGroup) RETURN t.code AS code"
                    + " ORDER BY code", Map.of("id", centre)).list(r -> r.get("code").asString());
            assertEquals(List.of("seniors", "toddlers"), served);
        }
        given().queryParam("for", UUID.randomUUID()).when().get("/api/v1/analytics/partner-suggestions").then().statusCode(404);
    }

    private void tie(String from, String to) {
        given().contentType(ContentType.JSON)
                .body(Map.of("from", from, "to", to, "kind", "partnership", "strength", 4, "assertedBy", from))
                .when().post("/api/v1/network/ties").then().statusCode(201);
    }

    private void publish(String id, String name, String area, String groups, String resources) throws Exception {
        Topics.publishPartner(bootstrapServers, id, "{\"id\":\"" + id + "\",\"name\":\"" + name
                + "\",\"kind\":\"association\",\"neighbourhoods\":[{\"code\":\"" + area
                + "\",\"name\":\"Nordquartier\",\"level\":\"quarter\",\"parentCode\":\"city-" + area + "\"}],\"offers\":[{\"targetGroups\":"
                + groups + "}],\"resources\":" + resources + ",\"version\":0}");
    }
}
