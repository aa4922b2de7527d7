package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.service.Areas;
import org.neo4j.driver.Driver;

/**
 * A city that holds every organisation is answered as the whole city (from the in-memory copy, not read whole from Neo4j
 * on each request); a city that lacks one organisation, or a smaller area, is not. The test adds its city's code to every
 * organisation of the (shared) test graph for a moment and takes it away again.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class WholeCityAreaIT {

    @Inject
    Driver driver;

    @Inject
    Areas areas;

    @Test
    void aCityHoldingEveryOrganisationIsTheWholeCity() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String city = "c-whole-" + run;
        String district = "d-whole-" + run;
        String loner = UUID.randomUUID().toString();
        driver.executableQuery("""
                CREATE (:Neighbourhood {code: $city, name: 'Ganzstadt', level: 'city'})
                CREATE (:Neighbourhood {code: $district, name: 'Ganzbezirk', level: 'district'})
                CREATE (:Organisation {id: $loner, name: 'Verein am Rand', kind: 'association', version: 0, areas: []})
                """).withParameters(Map.of("city", city, "district", district, "loner", loner)).execute();
        try {
            driver.executableQuery("""
                    MATCH (o:Organisation) SET o.areas = coalesce(o.areas, []) + [$city, $district]
                    """).withParameters(Map.of("city", city, "district", district)).execute();
            assertNull(areas.ofOrganisations(city), "every organisation is in the city");
            assertEquals(district, areas.ofOrganisations(district), "a district is counted as itself, whatever it holds");
            int everyone = driver.executableQuery("MATCH (o:Organisation) WHERE o.version >= 0 RETURN count(o) AS n").execute()
                    .records().get(0).get("n").asInt();
            // written straight into the graph, not through the service: its copy sees it at its next check (5 s)
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(everyone)
                    .equals(given().when().get("/api/v1/analytics/health").path("actors")));
            given().queryParam("neighbourhood", city).when().get("/api/v1/analytics/health").then().statusCode(200)
                    .body("scope", is(city)).body("actors", is(everyone));

            driver.executableQuery("MATCH (o:Organisation {id: $loner}) SET o.areas = []")
                    .withParameters(Map.of("loner", loner)).execute();
            assertEquals(city, areas.ofOrganisations(city), "one organisation outside: the city's own answer");
            given().queryParam("neighbourhood", city).when().get("/api/v1/analytics/health").then().statusCode(200)
                    .body("actors", is(everyone - 1));
        } finally {
            driver.executableQuery("""
                    MATCH (o:Organisation) SET o.areas = [a IN coalesce(o.areas, []) WHERE NOT a IN [$city, $district]]
                    WITH count(*) AS done
                    MATCH (n:Neighbourhood) WHERE n.code IN [$city, $district] DETACH DELETE n
                    WITH count(*) AS gone
                    MATCH (o:Organisation {id: $loner}) DETACH DELETE o
                    """).withParameters(Map.of("city", city, "district", district, "loner", loner)).execute();
        }
    }
}
