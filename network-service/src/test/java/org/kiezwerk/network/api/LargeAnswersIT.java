package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.service.NetworkExports;
import org.neo4j.driver.Driver;

/**
 * Answers that grow with the city: an ego network above {@code whole-answer-elements} is streamed with the same
 * content, and it and the exports take the places of {@code concurrent-exports}: while every place is
 * taken they are 503 with Retry-After, and each answer gives its place back when it ends. The tests stream every ego
 * network of more than four organisations and ties ({@code %test.kiezwerk.graph.whole-answer-elements=4}); there are two
 * places.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class LargeAnswersIT {

    @Inject
    Driver driver;

    @Inject
    NetworkExports exports;

    @Test
    void largeAnswersStreamAndWaitForAPlace() {
        String centre = UUID.randomUUID().toString();
        List<String> others = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String quarter = "q-large-" + centre.substring(0, 8);
        driver.executableQuery("""
                CREATE (:Neighbourhood {code: $quarter, name: 'Großviertel', level: 'quarter'})
                WITH 1 AS one
                UNWIND $ids AS id
                CREATE (:Organisation {id: id, name: 'Verein ' + id, kind: 'association', version: 0, areas: [$quarter]})
                """).withParameters(Map.of("ids", List.of(centre, others.get(0), others.get(1), others.get(2)), "quarter", quarter))
                .execute();
        for (String other : others) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("from", centre, "to", other, "kind", "partnership", "strength", 3, "assertedBy", centre))
                    .when().post("/api/v1/network/ties").then().statusCode(201);
        }
        String ego = "/api/v1/network/actors/" + centre + "/network";
        // four organisations and three ties: above 4, so written as it goes
        given().when().get(ego).then().statusCode(200).contentType(ContentType.JSON)
                .body("elements.nodes.data.id", containsInAnyOrder(centre, others.get(0), others.get(1), others.get(2)))
                .body("elements.edges.size()", is(3));
        // at most four elements: answered whole, as always
        given().queryParam("minStrength", "5").when().get(ego).then().statusCode(200)
                .body("elements.nodes.size()", is(1));

        try (Admission.Place one = exports.admit(); Admission.Place two = exports.admit()) {
            given().when().get(ego).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5").body("type", is("/problems/exports-busy"));
            given().queryParam("neighbourhood", quarter).when().get("/api/v1/network/export").then().statusCode(503);
            given().queryParam("minStrength", "5").when().get(ego).then().statusCode(200); // a small one needs no place
        }
        // each answer gives its place back: two places, many answers one after the other
        for (int i = 0; i < 5; i++) {
            given().when().get(ego).then().statusCode(200).body("elements.edges.size()", is(3));
            given().queryParam("neighbourhood", quarter).queryParam("format", "csv").when().get("/api/v1/network/export")
                    .then().statusCode(200);
        }
    }

    @Test
    void theApiDocumentSaysAnEgoNetworkCanBeBusy() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/network/actors/{id}/network'.get.responses.'503'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/network/actors/{id}/network'.get.responses.'200'.content.'application/json'",
                        org.hamcrest.Matchers.notNullValue());
    }
}
