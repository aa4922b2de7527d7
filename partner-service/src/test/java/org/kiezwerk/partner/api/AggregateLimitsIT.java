package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.partner.service.PartnerAnnouncer;

/**
 * The limits of one partner (docs/directory-api.md, "Limits"), which keep its message well below the
 * broker's limit: a partner filled up to a limit is accepted and its whole message reaches Kafka; the
 * change that would cross it is refused with 422 problem+json and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class AggregateLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kiezwerk.outbox.max-message-chars", defaultValue = "300000")
    int maxMessageChars;

    @Test
    void offersWithLongTextsFillAPartnerUpToItsMessageLimitAndNoFurther() {
        Fixtures city = new Fixtures().build();
        String partner = Fixtures.create(city.partner("Volles Haus " + city.suffix, "association"));
        int created = given().when().get("/api/v1/partners/" + partner).then().extract().path("version");
        Random random = new Random(31);
        try (KafkaConsumer<String, String> consumer = PartnerTopic.consumerAtEnd(bootstrapServers)) {
            int accepted = 0;
            int refusedStatus = 0;
            while (refusedStatus == 0) {
                int status = given().contentType(ContentType.JSON).body(longOffer(partner, accepted, random))
                        .when().post("/api/v1/offers").then().extract().statusCode();
                if (status == 201) {
                    accepted++;
                    assertTrue(accepted < 200, "a partner this large should have been refused long ago");
                } else {
                    refusedStatus = status;
                }
            }
            assertEquals(422, refusedStatus);
            given().contentType(ContentType.JSON).body(longOffer(partner, accepted, random)).when().post("/api/v1/offers")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", is("/problems/aggregate-too-large")).body("detail", not(containsString("org.kiezwerk")));
            // nothing half-written: the refused offer is not there, the partner's version is that of the last offer
            int version = given().when().get("/api/v1/partners/" + partner).then().statusCode(200).extract().path("version");
            assertEquals(created + accepted, version, "one version per accepted offer, none for the refused ones");
            assertEquals(accepted, offerCount(partner));

            // the last accepted message, the largest, reached Kafka whole, below the limit
            String last = lastMessageOf(consumer, partner, version);
            assertTrue(last.length() <= maxMessageChars, last.length() + " characters");
            assertTrue(last.length() > maxMessageChars * 9 / 10, "the partner was filled up to near the limit: " + last.length());
        }
    }

    @Test
    void aPartnerHoldsAtMostItsOfferCount() {
        Fixtures city = new Fixtures().build();
        String partner = Fixtures.create(city.partner("Viele Angebote " + city.suffix, "association"));
        for (int i = 0; i < PartnerAnnouncer.MAX_OFFERS; i++) {
            given().contentType(ContentType.JSON).body(Map.of("partnerId", partner, "name", "Kurs " + i, "category", "education"))
                    .when().post("/api/v1/offers").then().statusCode(201);
        }
        given().contentType(ContentType.JSON).body(Map.of("partnerId", partner, "name", "Kurs zu viel", "category", "education"))
                .when().post("/api/v1/offers").then().statusCode(422).contentType("application/problem+json")
                .body("type", is("/problems/aggregate-too-large"))
                .body("detail", containsString(Integer.toString(PartnerAnnouncer.MAX_OFFERS)));
        assertEquals(PartnerAnnouncer.MAX_OFFERS, offerCount(partner));
    }

    /** An offer with a description at its field limit (4,000 characters), of seeded words. */
    private static Map<String, Object> longOffer(String partner, int n, Random random) {
        StringBuilder text = new StringBuilder();
        String[] words = {"Nachbarschaft", "Hilfe", "Treffpunkt", "Kinder", "Senioren", "Garten", "Kochen", "Lesen"};
        while (text.length() < 3990) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        Map<String, Object> body = new HashMap<>(Map.of("partnerId", partner, "name", "Langes Angebot " + n,
                "category", "education", "description", text.substring(0, 4000)));
        return body;
    }

    private static String lastMessageOf(KafkaConsumer<String, String> consumer, String partner, int version) {
        String[] found = new String[1];
        Awaitility.await("partner " + partner + " version " + version + " on the topic").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ZERO).until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                        if (partner.equals(record.key()) && record.value() != null
                                && JSON.readTree(record.value()).path("version").asInt(-1) == version) {
                            found[0] = record.value();
                        }
                    }
                    return found[0] != null;
                });
        return found[0];
    }

    /** The partner's offers, counted over every page. */
    private static int offerCount(String partner) {
        int count = 0;
        String cursor = null;
        do {
            var request = given().queryParam("partnerId", partner).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/offers").then().statusCode(200).extract().jsonPath();
            count += page.getList("items").size();
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return count;
    }
}
