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
import org.kiezwerk.infra.TopicReader;
import org.kiezwerk.partner.service.PartnerAnnouncer;

/**
 * The limits of one partner (docs/directory-api.md, "Limits"), which keep its message well below the
 * broker's limit: a partner filled up to its offer limit with the longest texts is accepted and its
 * whole message reaches Kafka; the change that would cross the limit is refused with 422 problem+json
 * and changes nothing.
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
    void aPartnerFilledToItsOfferLimitIsPublishedWholeAndTheNextOfferIsRefused() throws Exception {
        Fixtures city = new Fixtures().build();
        String partner = Fixtures.create(city.partner("Volles Haus " + city.suffix, "association"));
        int created = given().when().get("/api/v1/partners/" + partner).then().extract().path("version");
        Random random = new Random(31);
        try (KafkaConsumer<String, String> consumer = TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.partners.v1")) {
            for (int i = 0; i < PartnerAnnouncer.MAX_OFFERS; i++) {
                given().contentType(ContentType.JSON).body(longOffer(partner, i, random))
                        .when().post("/api/v1/offers").then().statusCode(201);
            }
            given().contentType(ContentType.JSON).body(longOffer(partner, PartnerAnnouncer.MAX_OFFERS, random))
                    .when().post("/api/v1/offers").then().statusCode(422).contentType("application/problem+json")
                    .body("type", is("/problems/aggregate-too-large"))
                    .body("detail", containsString(Integer.toString(PartnerAnnouncer.MAX_OFFERS)))
                    .body("detail", not(containsString("org.kiezwerk")));
            // nothing half-written: the refused offer is not there, and the partner kept the version of the last offer
            int version = given().when().get("/api/v1/partners/" + partner).then().statusCode(200).extract().path("version");
            assertEquals(created + PartnerAnnouncer.MAX_OFFERS, version, "one version per accepted offer, none for the refused one");
            assertEquals(PartnerAnnouncer.MAX_OFFERS, offerCount(partner));

            // the partner at its limit, the largest message it can have, reached Kafka whole and below the message limit
            String last = lastMessageOf(consumer, partner, version);
            assertEquals(PartnerAnnouncer.MAX_OFFERS, JSON.readTree(last).path("offers").size());
            assertTrue(last.length() <= maxMessageChars, last.length() + " characters");
        }
    }

    /** An offer with its name and description at their field limits (200 and 4,000 characters), of seeded words. */
    private static Map<String, Object> longOffer(String partner, int n, Random random) {
        StringBuilder text = new StringBuilder();
        String[] words = {"Nachbarschaft", "Hilfe", "Treffpunkt", "Kinder", "Senioren", "Garten", "Kochen", "Lesen"};
        while (text.length() < 4000) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        String name = ("Langes Angebot " + n + " " + text).substring(0, 200).strip();
        Map<String, Object> body = new HashMap<>(Map.of("partnerId", partner, "name", name,
                "category", "education", "description", text.substring(0, 4000).strip()));
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
