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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.InfraSettings;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.TopicReader;
import org.kiezwerk.commons.outbox.OutboxRepository;

/**
 * The outbox as Debezium's outbox connector reads it, against the real PostgreSQL, Kafka and Kafka
 * Connect: rows are forgotten in the transaction that wrote them, a record the broker refuses for good
 * (larger than it takes) is skipped, blocks nobody and is parked until its aggregate is sent again,
 * and readiness says whether a connector drains the outbox and what is parked.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class OutboxConnectorIT {

    @Inject
    EntityManager em;

    @Inject
    OutboxRepository outbox;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aRecordTheBrokerRefusesBlocksNobody() {
        UUID stuck = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        double failuresBefore = counter(connectorMetrics(), "kafka_connect_task_error_total_record_failures");
        try (KafkaConsumer<String, String> consumer = TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.partners.v1")) {
            // written past the service's own size check, as a bug or an old row could be: 1.2 MB
            insert(stuck, "{\"padding\":\"" + "x".repeat(1_200_000) + "\"}");
            insert(other, "{\"id\":\"" + other + "\",\"name\":\"Outbox-Test\",\"version\":0}");

            Set<String> seen = new HashSet<>();
            awaitKey(consumer, other.toString(), seen);
            assertFalse(seen.contains(stuck.toString()), "the refused message never reached Kafka");

            // it is parked with the broker's reason, and readiness says so
            Awaitility.await("the refused message parked").atMost(Duration.ofSeconds(30)).until(() -> parked(stuck) != null);
            assertTrue(((String) parked(stuck)[0]).startsWith("RecordTooLargeException"), (String) parked(stuck)[0]);
            Awaitility.await("readiness reports the parked message").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(200)
                            .body("checks.find { it.name == 'outbox' }.data.parked", greaterThanOrEqualTo(1))
                            .body("checks.find { it.name == 'outbox' }.data.state", is("degraded")));

            // the aggregate sent again (as any change through the API does) is not held back by the
            // refused message, and settles the parked entry
            UUID again = QuarkusTransaction.requiringNew().call(() -> outbox.add("partner", stuck, "org.kiezwerk.partner.updated.v1",
                    Map.of("id", stuck.toString(), "name", "Outbox-Test", "version", 1), null));
            awaitKey(consumer, stuck.toString(), seen);
            assertEquals(again.toString(), parked(stuck)[1], "released by the message that sent the partner again");
            Awaitility.await("readiness counts only open parked messages").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(200)
                            .body("checks.find { it.name == 'outbox' }.data.parked", is(openParked())));
        }
        // and it is not silent: the worker counts it where Prometheus (alert KiezwerkOutboxRecordsSkipped) reads it
        Awaitility.await("the refused record counted").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = connectorMetrics();
            assertTrue(counter(metrics, "kafka_connect_task_error_total_record_failures") > failuresBefore, metrics);
        });
    }

    /** The Connect worker's task error counts (deploy/local-infra/connect-server ConnectorMetrics). */
    private static String connectorMetrics() {
        return given().baseUri("http://127.0.0.1:" + InfraSettings.fromEnvironment().connectPort()).when()
                .get("/kiezwerk/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of a series for partner-service's connector (0 when the worker has none yet). */
    private static double counter(String metrics, String name) {
        String prefix = name + "{connector=\"partner-outbox\",task=\"0\"} ";
        return metrics.lines().filter(line -> line.startsWith(prefix)).mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst().orElse(0);
    }

    /** The parked entry of an aggregate: its reason and the id of the message that released it; null if none. */
    private Object[] parked(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var rows = em.createNativeQuery("select reason, cast(released_by as text) from outbox_parked where aggregate_id = :id")
                    .setParameter("id", aggregate).getResultList();
            return rows.isEmpty() ? null : (Object[]) rows.get(0);
        });
    }

    private int openParked() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("select count(*) from outbox_parked where released_at is null").getSingleResult()).intValue());
    }

    @Test
    void theOutboxTableStaysEmpty() {
        insert(UUID.randomUUID(), "{}");
        Number rows = QuarkusTransaction.requiringNew().call(() ->
                (Number) em.createNativeQuery("select count(*) from outbox_message").getSingleResult());
        assertEquals(0, rows.intValue(), "rows are deleted in the transaction that wrote them");
    }

    @Test
    void readinessSaysTheConnectorDrainsTheOutbox() {
        Awaitility.await("the outbox connector reads the slot").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'outbox' }.data.connectorActive", is(true))
                        // degraded only while a message is parked (a run that stopped half-way may leave one)
                        .body("checks.find { it.name == 'outbox' }.data.state", is(openParked() == 0 ? "ok" : "degraded")));
    }

    /** A row as the service writes it, inserted and deleted in one transaction. */
    private void insert(UUID aggregate, String payload) {
        QuarkusTransaction.requiringNew().run(() -> {
            UUID id = UUID.randomUUID();
            em.createNativeQuery("insert into outbox_message (id, aggregate_type, aggregate_id, payload, ce_specversion,"
                            + " ce_source, ce_type, ce_subject, ce_time, content_type)"
                            + " values (:id, 'partner', :aggregate, :payload, '1.0', '/partner-service',"
                            + " 'org.kiezwerk.partner.updated.v1', :subject, '2026-01-01T00:00:00Z', 'application/json')")
                    .setParameter("id", id).setParameter("aggregate", aggregate).setParameter("payload", payload)
                    .setParameter("subject", aggregate.toString()).executeUpdate();
            em.createNativeQuery("delete from outbox_message where id = :id").setParameter("id", id).executeUpdate();
        });
    }

    private static void awaitKey(KafkaConsumer<String, String> consumer, String key, Set<String> seen) {
        Awaitility.await("a message with key " + key).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO)
                .until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                        seen.add(record.key());
                    }
                    return seen.contains(key);
                });
    }
}
