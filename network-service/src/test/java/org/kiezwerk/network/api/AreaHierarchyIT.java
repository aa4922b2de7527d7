package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.Topics;
import org.neo4j.driver.Driver;

/**
 * Areas form one tree in the graph as in the directory: city → district → quarter, from the
 * ancestors each partner message names. An analysis of an area at any level includes its sub-areas,
 * two cities may each have a quarter of the same name, and an unknown area is a 404. Seeded
 * generated cities, not hand-picked ones.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class AreaHierarchyIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Driver driver;

    record Area(String code, String name, String level, Area parent) {

        String json() {
            List<String> ancestors = new ArrayList<>();
            for (Area up = parent; up != null; up = up.parent) {
                ancestors.add("{\"code\":\"%s\",\"name\":\"%s\",\"level\":\"%s\"}".formatted(up.code, up.name, up.level));
            }
            return "{\"id\":\"%s\",\"code\":\"%s\",\"name\":\"%s\",\"level\":\"%s\",\"parentCode\":%s,\"ancestors\":[%s]}".formatted(
                    UUID.nameUUIDFromBytes(code.getBytes()), code, name, level, parent == null ? "null" : "\"" + parent.code + "\"",
                    String.join(",", ancestors));
        }

        boolean within(Area area) {
            for (Area a = this; a != null; a = a.parent) {
                if (a == area) {
                    return true;
                }
            }
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void anAreaAtAnyLevelIncludesItsSubAreas(long seed) throws Exception {
        Random random = new Random(seed);
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Area> quarters = new ArrayList<>();
        List<Area> districts = new ArrayList<>();
        List<Area> cities = new ArrayList<>();
        for (String cityName : List.of("Auenstadt", "Seeburg")) {
            Area city = new Area("c-" + cityName.toLowerCase() + "-" + run, cityName, "city", null);
            cities.add(city);
            for (int d = 0; d < 2; d++) {
                Area district = new Area(city.code + "-d" + d, cityName + " Bezirk " + d, "district", city);
                districts.add(district);
                for (int q = 0; q < 2; q++) {
                    // every city has its own "Hafenviertel": the same name, codes of its own
                    String name = d == 0 && q == 0 ? "Hafenviertel" : cityName + " Viertel " + d + q;
                    quarters.add(new Area(district.code + "-q" + q, name, "quarter", district));
                }
            }
        }
        Map<String, Area> partners = new HashMap<>();
        try (KafkaProducer<String, String> producer = Topics.producer(bootstrapServers)) {
            int count = 8 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                Area quarter = quarters.get(random.nextInt(quarters.size()));
                String id = UUID.randomUUID().toString();
                partners.put(id, quarter);
                Topics.send(producer, "kiezwerk.partners.v1", id, "org.kiezwerk.partner.registered.v1", """
                        {"id":"%s","name":"Verein %d %s","kind":"association","neighbourhood":"%s","neighbourhoods":[%s],"version":0}"""
                        .formatted(id, i, run, quarter.name, quarter.json()));
            }
        }
        Awaitility.await("all partners projected").atMost(Duration.ofSeconds(60)).until(() -> partners.keySet().stream()
                .allMatch(id -> given().get("/api/v1/network/actors/" + id).statusCode() == 200));

        List<Area> every = new ArrayList<>(cities);
        every.addAll(districts);
        every.addAll(quarters);
        for (Area area : every) {
            long expected = partners.values().stream().filter(q -> q.within(area)).count();
            if (expected == 0) {
                // the graph learns an area from the partners in or below it; before that it is unknown
                given().queryParam("neighbourhood", area.code).when().get("/api/v1/analytics/health").then().statusCode(404);
                continue;
            }
            given().log().ifValidationFails().queryParam("neighbourhood", area.code).when().get("/api/v1/analytics/health")
                    .then().log().ifValidationFails().statusCode(200).body("actors", is((int) expected));
            List<String> exported = given().queryParam("neighbourhood", area.code).queryParam("format", "cytoscape")
                    .when().get("/api/v1/network/export").then().statusCode(200)
                    .extract().path("elements.nodes.data.id");
            assertEquals(partners.entrySet().stream().filter(p -> p.getValue().within(area)).map(Map.Entry::getKey).sorted().toList(),
                    exported.stream().sorted().toList(), "the export of " + area.code);
        }
        // the tree itself: names and levels of the areas above, and two Hafenviertel in two cities
        for (Area quarter : quarters) {
            if (partners.containsValue(quarter)) {
                var chain = driver.executableQuery("""
                        MATCH (q:Neighbourhood {code: $code})-[:PART_OF]->(d:Neighbourhood)-[:PART_OF]->(c:Neighbourhood)
                        RETURN d.code AS district, d.level AS districtLevel, c.code AS city, c.name AS cityName, c.level AS cityLevel""")
                        .withParameters(Map.of("code", quarter.code)).execute().records();
                assertEquals(1, chain.size(), "one chain above " + quarter.code);
                assertEquals(quarter.parent.code, chain.get(0).get("district").asString());
                assertEquals("district", chain.get(0).get("districtLevel").asString());
                assertEquals(quarter.parent.parent.code, chain.get(0).get("city").asString());
                assertEquals(quarter.parent.parent.name, chain.get(0).get("cityName").asString());
                assertEquals("city", chain.get(0).get("cityLevel").asString());
            }
        }
        given().queryParam("neighbourhood", "nowhere-" + run).when().get("/api/v1/analytics/health")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("neighbourhood", "nowhere-" + run).when().get("/api/v1/analytics/key-actors")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("neighbourhood", "nowhere-" + run).when().get("/api/v1/network/export")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
