package org.kiezwerk.network.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.kiezwerk.network.Topics.await;
import static org.kiezwerk.network.Topics.send;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.network.Topics;

/** Shared events from the event topic become ties in the real Neo4j. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,neo4j"))
class EventProjectionIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void organisationsThatPutOnEventsTogetherGetACoProductionTie() throws Exception {
        String centre = UUID.randomUUID().toString();
        String parish = UUID.randomUUID().toString();
        String club = UUID.randomUUID().toString();
        String festival = UUID.randomUUID().toString();
        String talk = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = Topics.producer(bootstrapServers)) {
            for (String[] partner : new String[][] {{centre, "Begegnungszentrum"}, {parish, "St. Markus"}, {club, "TSV"}}) {
                send(producer, "kiezwerk.partners.v1", partner[0], "org.kiezwerk.partner.registered.v1",
                        "{\"id\":\"" + partner[0] + "\",\"name\":\"" + partner[1] + "\",\"kind\":\"association\",\"version\":0}");
            }
            // the event may arrive before its partners' own messages are projected: placeholders keep the ties
            send(producer, "kiezwerk.events.v1", festival, "org.kiezwerk.event.scheduled.v1",
                    event(festival, 0, "confirmed", centre, parish, club));
            send(producer, "kiezwerk.events.v1", talk, "org.kiezwerk.event.scheduled.v1", event(talk, 0, "confirmed", centre, parish));
        }
        // the partners' own messages may still be on their way (another topic): until their names are there too
        await(() -> {
            JsonPath now = ties(centre);
            return now.getList("partnerId").containsAll(List.of(parish, club))
                    && Integer.valueOf(2).equals(now.get("find { it.partnerId == '" + parish + "' }.events"))
                    && "St. Markus".equals(now.getString("find { it.partnerId == '" + parish + "' }.name"));
        });
        JsonPath ties = ties(centre);
        assertEquals(2, ties.getInt("find { it.partnerId == '" + parish + "' }.events"));
        assertEquals(1, ties.getInt("find { it.partnerId == '" + club + "' }.events"));
        assertEquals("St. Markus", ties.getString("find { it.partnerId == '" + parish + "' }.name"));

        try (KafkaProducer<String, String> producer = Topics.producer(bootstrapServers)) {
            // a redelivery changes nothing; the club leaves the festival; the talk is cancelled, then removed
            send(producer, "kiezwerk.events.v1", festival, "org.kiezwerk.event.scheduled.v1",
                    event(festival, 0, "confirmed", centre, parish, club));
            send(producer, "kiezwerk.events.v1", festival, "org.kiezwerk.event.updated.v1", event(festival, 1, "confirmed", centre, parish));
            send(producer, "kiezwerk.events.v1", talk, "org.kiezwerk.event.cancelled.v1", event(talk, 1, "cancelled", centre, parish));
        }
        await(() -> ties(centre).getList("partnerId").equals(List.of(parish)) && ties(centre).getInt("[0].events") == 1);
        assertEquals(List.of(), ties(club).getList("partnerId"), "the club shares no event any more");

        try (KafkaProducer<String, String> producer = Topics.producer(bootstrapServers)) {
            send(producer, "kiezwerk.events.v1", festival, "org.kiezwerk.event.removed.v1", event(festival, 2, "confirmed", centre, parish));
            producer.send(new ProducerRecord<>("kiezwerk.events.v1", festival, null)).get(); // the tombstone
        }
        await(() -> ties(centre).getList("partnerId").isEmpty());
    }

    private static JsonPath ties(String organisation) {
        var answer = given().when().get("/api/v1/network/actors/" + organisation + "/co-production-ties");
        return answer.statusCode() == 200 ? answer.jsonPath() : JsonPath.from("[]");
    }

    private static String event(String id, long version, String status, String... partners) {
        StringBuilder roles = new StringBuilder();
        for (int i = 0; i < partners.length; i++) {
            roles.append(i == 0 ? "" : ",").append("{\"partnerId\":\"").append(partners[i]).append("\",\"role\":\"")
                    .append(i == 0 ? "host" : "co_host").append("\"}");
        }
        return "{\"id\":\"" + id + "\",\"title\":\"Fest\",\"category\":\"festival\",\"status\":\"" + status
                + "\",\"firstStart\":\"2027-06-26T12:00:00Z\",\"lastEnd\":\"2027-06-26T18:00:00Z\",\"neighbourhood\":\"lindenhof\","
                + "\"partners\":[" + roles + "],\"coProduction\":{\"coDesign\":{\"partners\":[\"" + partners[0]
                + "\"],\"citizens\":12}},\"version\":" + version + "}";
    }
}
