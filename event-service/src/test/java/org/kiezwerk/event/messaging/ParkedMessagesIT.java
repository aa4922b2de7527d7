package org.kiezwerk.event.messaging;

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
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.kiezwerk.commons.outbox.OutboxRepository;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * event-service's side of a parked message, against the real PostgreSQL, Kafka and the outbox connector
 * (partner-service's OutboxConnectorIT proves the same for partners): an event message the broker
 * refuses is parked with the broker's reason, readiness says so, and the event's next message settles it.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class ParkedMessagesIT {

    @Inject
    EntityManager em;

    @Inject
    OutboxRepository outbox;

    @Test
    void aRefusedEventMessageIsParkedUntilTheEventIsSentAgain() {
        UUID event = UUID.randomUUID();
        // written past the service's own size check, as a bug or an old row could be: 1.2 MB
        QuarkusTransaction.requiringNew().run(() -> {
            UUID id = UUID.randomUUID();
            em.createNativeQuery("insert into outbox_message (id, aggregate_type, aggregate_id, payload, ce_specversion,"
                            + " ce_source, ce_type, ce_subject, ce_time, content_type)"
                            + " values (:id, 'event', :aggregate, :payload, '1.0', '/event-service',"
                            + " 'org.kiezwerk.event.updated.v1', :subject, '2026-01-01T00:00:00Z', 'application/json')")
                    .setParameter("id", id).setParameter("aggregate", event)
                    .setParameter("payload", "{\"padding\":\"" + "x".repeat(1_200_000) + "\"}")
                    .setParameter("subject", event.toString()).executeUpdate();
            em.createNativeQuery("delete from outbox_message where id = :id").setParameter("id", id).executeUpdate();
        });

        Awaitility.await("the refused message parked").atMost(Duration.ofSeconds(60)).until(() -> parked(event) != null);
        assertTrue(((String) parked(event)[0]).startsWith("RecordTooLargeException"), (String) parked(event)[0]);
        Awaitility.await("readiness reports it").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'outbox' }.data.parked", greaterThanOrEqualTo(1))
                        .body("checks.find { it.name == 'outbox' }.data.state", is("degraded")));

        UUID again = QuarkusTransaction.requiringNew().call(() -> outbox.add("event", event, "org.kiezwerk.event.updated.v1",
                Map.of("id", event.toString(), "version", 1), null));
        assertEquals(again.toString(), parked(event)[1], "released by the message that sent the event again");
    }

    /** The parked entry of an event: its reason and the id of the message that released it; null if none. */
    private Object[] parked(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var rows = em.createNativeQuery("select reason, cast(released_by as text) from outbox_parked where aggregate_id = :id")
                    .setParameter("id", aggregate).getResultList();
            return rows.isEmpty() ? null : (Object[]) rows.get(0);
        });
    }
}
