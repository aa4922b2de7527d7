package org.kiezwerk.network.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.kiezwerk.network.Topics.await;
import static org.kiezwerk.network.Topics.send;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.Topics;

/**
 * Two groups of four organisations that put on events together, joined by one event of a member of
 * each: the analyses must find the two groups, the two bridging members as brokers and articulation
 * points, and nothing of it outside the area.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class AnalyticsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void findsTheGroupsTheirBrokersAndTheArticulationPoints() throws Exception {
        String area = "area-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> west = new ArrayList<>();
        List<String> east = new ArrayList<>();
        try (KafkaProducer<String, String> producer = Topics.producer(bootstrapServers)) {
            for (int i = 0; i < 8; i++) {
                String id = UUID.randomUUID().toString();
                (i < 4 ? west : east).add(id);
                send(producer, "kiezwerk.partners.v1", id, "org.kiezwerk.partner.registered.v1", "{\"id\":\"" + id
                        + "\",\"name\":\"Org " + i + "\",\"kind\":\"association\",\"neighbourhoods\":[{\"code\":\"" + area
                        + "\",\"parentCode\":null}],\"version\":0}");
            }
            for (List<String> group : List.of(west, east)) {
                for (int a = 0; a < 4; a++) {
                    for (int b = a + 1; b < 4; b++) {
                        sendEvent(producer, group.get(a), group.get(b));
                    }
                }
            }
            sendEvent(producer, west.get(3), east.get(0)); // the one bridge
        }
        // until both projections (partners, events) have caught up: every organisation with its full degree
        await(() -> {
            // 404 until the area's first partner is projected
            if (given().queryParam("neighbourhood", area).get("/api/v1/analytics/key-actors").statusCode() != 200) {
                return false;
            }
            JsonPath now = keyActors(area);
            List<Integer> degrees = new ArrayList<>(now.getList("actors.degree"));
            degrees.sort(null);
            return now.getInt("ties") == 13 && degrees.equals(List.of(3, 3, 3, 3, 3, 3, 4, 4));
        });

        JsonPath actors = keyActors(area);
        String bridgeWest = west.get(3);
        String bridgeEast = east.get(0);
        assertEquals(Set.of(bridgeWest, bridgeEast), Set.copyOf(actors.getList("actors.findAll { it.articulationPoint }.id")),
                () -> "west " + west + ", east " + east + ": " + actors.prettify());
        assertEquals(Set.of(bridgeWest, bridgeEast), Set.copyOf(actors.getList("actors.findAll { it.broker }.id")));
        double bridgeBetweenness = actors.getDouble("actors.find { it.id == '" + bridgeWest + "' }.betweenness");
        double otherBetweenness = actors.getDouble("actors.find { it.id == '" + west.get(0) + "' }.betweenness");
        assertTrue(bridgeBetweenness > otherBetweenness, bridgeBetweenness + " > " + otherBetweenness);
        assertEquals(4, actors.getInt("actors.find { it.id == '" + bridgeWest + "' }.degree"));
        assertEquals("exact", actors.getString("betweennessMethod"));

        JsonPath communities = given().queryParam("neighbourhood", area).when().get("/api/v1/analytics/communities")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, communities.getList("communities").size());
        assertEquals(Set.copyOf(west), Set.copyOf(communities.getList("communities.find { it.members.id.contains('"
                + west.get(0) + "') }.members.id")));
        assertEquals(6, communities.getInt("communities[0].tiesInside"));
        assertEquals(1, communities.getInt("communities[0].tiesToOthers"));

        // the same network for analysts' tools
        String graphml = given().queryParam("neighbourhood", area).when().get("/api/v1/network/export")
                .then().statusCode(200).contentType(containsString("graphml")).extract().asString();
        org.w3c.dom.Document document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(graphml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(8, document.getElementsByTagName("node").getLength());
        assertEquals(13, document.getElementsByTagName("edge").getLength());
        String gexf = given().queryParam("neighbourhood", area).queryParam("format", "gexf").when().get("/api/v1/network/export")
                .then().statusCode(200).extract().asString();
        org.w3c.dom.Document gexfDocument = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(gexf.getBytes(StandardCharsets.UTF_8)));
        assertEquals("gexf", gexfDocument.getDocumentElement().getTagName());
        assertEquals(8, gexfDocument.getElementsByTagName("node").getLength());
        given().queryParam("neighbourhood", area).queryParam("format", "cytoscape").when().get("/api/v1/network/export")
                .then().statusCode(200).body("elements.nodes", hasSize(8)).body("elements.edges", hasSize(13));
        String csv = given().queryParam("neighbourhood", area).queryParam("format", "csv").when().get("/api/v1/network/export")
                .then().statusCode(200).extract().asString();
        assertEquals(14, csv.lines().count(), csv);
        assertTrue(csv.startsWith("source,source_name,target,target_name,weight"), csv);
        given().queryParam("format", "pdf").when().get("/api/v1/network/export").then().statusCode(400);

        // ego networks: the neighbours, then one hop further over the bridge
        given().queryParam("depth", 1).when().get("/api/v1/network/actors/" + west.get(0) + "/network")
                .then().statusCode(200).body("elements.nodes", hasSize(4));
        given().queryParam("depth", 2).when().get("/api/v1/network/actors/" + west.get(0) + "/network")
                .then().statusCode(200).body("elements.nodes.data.id", hasItem(bridgeEast)).body("elements.nodes", hasSize(5));
        given().queryParam("depth", 4).when().get("/api/v1/network/actors/" + west.get(0) + "/network").then().statusCode(400);

        given().queryParam("neighbourhood", "Not A Code").when().get("/api/v1/analytics/key-actors")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("neighbourhood"));
        // an area the network does not know is no empty success
        given().queryParam("neighbourhood", "nowhere-" + UUID.randomUUID()).when().get("/api/v1/analytics/key-actors")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static JsonPath keyActors(String area) {
        return given().queryParam("neighbourhood", area).queryParam("limit", 50).when().get("/api/v1/analytics/key-actors")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void sendEvent(KafkaProducer<String, String> producer, String host, String coHost) throws Exception {
        String id = UUID.randomUUID().toString();
        send(producer, "kiezwerk.events.v1", id, "org.kiezwerk.event.scheduled.v1", "{\"id\":\"" + id
                + "\",\"title\":\"Treffen\",\"category\":\"meeting\",\"status\":\"confirmed\",\"firstStart\":\"2026-10-01T17:00:00Z\","
                + "\"partners\":[{\"partnerId\":\"" + host + "\",\"role\":\"host\"},{\"partnerId\":\"" + coHost
                + "\",\"role\":\"co_host\"}],\"version\":0}");
    }
}
