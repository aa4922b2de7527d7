package org.kiezwerk.network.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;

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
        try (KafkaProducer<String, String> producer = producer()) {
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
        await(() -> ties(centre).getList("partnerId").containsAll(List.of(parish, club))
                && "St. Markus".equals(ties(centre).getString("find { it.partnerId == '" + parish + "' }.name")));
        JsonPath ties = ties(centre);
        assertEquals(2, ties.getInt("find { it.partnerId == '" + parish + "' }.events"));
        assertEquals(1, ties.getInt("find { it.partnerId == '" + club + "' }.events"));
        assertEquals("St. Markus", ties.getString("find { it.partnerId == '" + parish + "' }.name"));

        try (KafkaProducer<String, String> producer = producer()) {
            // a redelivery changes nothing; the club leaves the festival; the talk is cancelled, then removed
            send(producer, "kiezwerk.events.v1", festival, "org.kiezwerk.event.scheduled.v1",
                    event(festival, 0, "confirmed", centre, parish, club));
            send(producer, "kiezwerk.events.v1", festival, "org.kiezwerk.event.updated.v1", event(festival, 1, "confirmed", centre, parish));
            send(producer, "kiezwerk.events.v1", talk, "org.kiezwerk.event.cancelled.v1", event(talk, 1, "cancelled", centre, parish));
        }
        await(() -> ties(centre).getList("partnerId").equals(List.of(parish)) && ties(centre).getInt("[0].events") == 1);
        assertEquals(List.of(), ties(club).getList("partnerId"), "the club shares no event any more");

        try (KafkaProducer<String, String> producer = producer()) {
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

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String type, String value)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(300);
        }
        fail("not projected within 60 s");
    }
}
