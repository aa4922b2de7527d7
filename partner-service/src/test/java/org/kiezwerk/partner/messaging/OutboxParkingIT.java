package org.kiezwerk.partner.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.partner.api.PartnerTopic;
import org.kiezwerk.partner.repository.OutboxRepository;

/**
 * A message the broker refuses for good (larger than it takes) is parked after a few attempts and
 * blocks nobody: other partners' messages go on at once, a later message of the same partner too,
 * and readiness says the outbox is degraded. Against the real PostgreSQL and Kafka.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class OutboxParkingIT {

    @Inject
    EntityManager em;

    @Inject
    OutboxRepository outbox;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aMessageTheBrokerRefusesIsParkedAndBlocksNobody() {
        UUID stuck = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            // written past the service's own size check, as a bug or an old row could be: 1.2 MB
            insert(stuck, "{\"padding\":\"" + "x".repeat(1_200_000) + "\"}");
            insert(other, null);

            Set<String> seen = new HashSet<>();
            awaitKey(consumer, other.toString(), seen, Duration.ofSeconds(15));

            Awaitility.await("the refused row is parked").atMost(Duration.ofSeconds(30)).until(() -> row(stuck).parkedAt != null);
            OutboxMessage parked = row(stuck);
            assertTrue(parked.attempts >= 5, "parked after " + parked.attempts + " attempts");
            assertTrue(parked.lastError.contains("RecordTooLarge"), parked.lastError);
            assertFalse(seen.contains(stuck.toString()), "the refused message never reached Kafka");

            // the readiness check says so (it stays UP: the writes are safe, the service can serve)
            Awaitility.await("readiness reports the parked message").atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(200)
                            .body("checks.find { it.name == 'outbox' }.data.parked", greaterThanOrEqualTo(1))
                            .body("checks.find { it.name == 'outbox' }.data.state", is("degraded")));

            // a later message of the same partner is not held back by the parked one
            insert(stuck, null);
            awaitKey(consumer, stuck.toString(), seen, Duration.ofSeconds(15));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "delete from outbox_message where aggregate_id in (:a, :b)").setParameter("a", stuck).setParameter("b", other)
                    .executeUpdate());
        }
    }

    @Test
    void deliveredMessagesAreForgotten() {
        UUID partner = UUID.randomUUID();
        UUID id = insert(partner, null);
        Awaitility.await("the delivered row is deleted").atMost(Duration.ofSeconds(15))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> outbox.findById(id)) == null);
    }

    /** A row as the service writes it; a null payload is a tombstone, which every consumer takes as "gone". */
    private UUID insert(UUID aggregate, String payload) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage message = new OutboxMessage();
            message.id = id;
            message.aggregateType = "partner";
            message.aggregateId = aggregate;
            message.eventType = payload == null ? OutboxRepository.TOMBSTONE : "org.kiezwerk.partner.updated.v1";
            message.payload = payload;
            message.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
            em.persist(message);
        });
        return id;
    }

    private OutboxMessage row(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from OutboxMessage where aggregateId = :a order by occurredAt", OutboxMessage.class)
                .setParameter("a", aggregate).getResultList().get(0));
    }

    private KafkaConsumer<String, String> consumerAtEnd() {
        return PartnerTopic.consumerAtEnd(bootstrapServers);
    }

    private static void awaitKey(KafkaConsumer<String, String> consumer, String key, Set<String> seen, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && !seen.contains(key)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                seen.add(record.key());
            }
        }
        assertTrue(seen.contains(key), "no message with key " + key + " within " + timeout);
    }
}
