package org.kiezwerk.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The transactional outbox, read by Debezium from PostgreSQL's write-ahead log (docs/architecture.md,
 * "Write path"): a message is inserted in the caller's transaction and deleted again in the same
 * transaction. The insert reaches the WAL and, through the publication {@code kiezwerk_outbox}, the
 * outbox connector, which publishes it with its columns as Kafka key, value and CloudEvents headers;
 * the table itself stays empty. Nothing is published if the transaction rolls back. The table
 * {@code outbox_message} and the publication come from each service's own Flyway history.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class OutboxRepository {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /**
     * The largest message the outbox accepts, in characters of JSON: well below the broker's 1 MB
     * limit, also when every character takes more than one byte.
     */
    @ConfigProperty(name = "kiezwerk.outbox.max-message-chars", defaultValue = "300000")
    int maxMessageChars;

    /** The CloudEvents source of this service's messages, such as /partner-service. */
    @ConfigProperty(name = "kiezwerk.outbox.source")
    String source;

    /** Adds a message (a CloudEvent in binary mode) to the outbox, inside the caller's transaction; returns its id. */
    public UUID add(String aggregateType, UUID aggregateId, String eventType, Object payload, String requestId) {
        String value;
        try {
            value = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + eventType + " payload", e);
        }
        if (value.length() > maxMessageChars) {
            // the broker would refuse it; refused here, the caller gets a 4xx and nothing is half-written
            throw new MessageTooLargeException(aggregateType, value.length(), maxMessageChars);
        }
        UUID id = UUID.randomUUID();
        String time = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        em.createNativeQuery("insert into outbox_message (id, aggregate_type, aggregate_id, payload, ce_specversion,"
                        + " ce_source, ce_type, ce_subject, ce_time, content_type, request_id, trace_parent)"
                        + " values (:id, :type, :aggregate, :payload, '1.0', :source, :eventType, :subject, :time,"
                        + " 'application/json', :requestId, :traceParent)")
                .setParameter("id", id)
                .setParameter("type", aggregateType)
                .setParameter("aggregate", aggregateId)
                .setParameter("payload", value)
                .setParameter("source", source)
                .setParameter("eventType", eventType)
                .setParameter("subject", aggregateId.toString())
                .setParameter("time", time)
                .setParameter("requestId", requestId)
                .setParameter("traceParent", TraceParents.current())
                .executeUpdate();
        forget(id);
        release(aggregateId, id);
        return id;
    }

    /** Adds a tombstone (a null value, no CloudEvents headers) for the aggregate, so that a compacted topic forgets it. */
    public UUID addTombstone(String aggregateType, UUID aggregateId, String requestId) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into outbox_message (id, aggregate_type, aggregate_id, request_id, trace_parent)"
                        + " values (:id, :type, :aggregate, :requestId, :traceParent)")
                .setParameter("id", id)
                .setParameter("type", aggregateType)
                .setParameter("aggregate", aggregateId)
                .setParameter("requestId", requestId)
                .setParameter("traceParent", TraceParents.current())
                .executeUpdate();
        forget(id);
        return id;
    }

    /** Later messages of a parked message's aggregate carry its whole state: the parked entry is settled. */
    private void release(UUID aggregateId, UUID by) {
        em.createNativeQuery("update outbox_parked set released_at = now(), released_by = :by"
                        + " where aggregate_id = :aggregate and released_at is null")
                .setParameter("by", by).setParameter("aggregate", aggregateId).executeUpdate();
    }

    /** Keeps a message the outbox connector reported as undeliverable (once: the report may come twice). */
    public void park(ParkedMessage parked) {
        em.createNativeQuery("insert into outbox_parked (id, aggregate_id, event_type, topic, reason, parked_at)"
                        + " values (:id, :aggregate, :type, :topic, :reason, :parkedAt) on conflict (id) do nothing")
                .setParameter("id", parked.id())
                .setParameter("aggregate", parked.aggregateId())
                .setParameter("type", parked.type())
                .setParameter("topic", parked.topic())
                .setParameter("reason", parked.reason())
                .setParameter("parkedAt", parked.parkedAt())
                .executeUpdate();
    }

    /** How many parked messages wait for their aggregate to be sent again, and the oldest of them. */
    public ParkedSummary parkedSummary() {
        Object[] row = (Object[]) em.createNativeQuery("select count(*),"
                        + " (select aggregate_id::text || ' ' || coalesce(event_type, '') || ': ' || reason from outbox_parked"
                        + "   where released_at is null order by parked_at limit 1)"
                        + " from outbox_parked where released_at is null")
                .getSingleResult();
        return new ParkedSummary(((Number) row[0]).intValue(), (String) row[1]);
    }

    /** Open parked messages: their number and a line on the oldest (null when none). */
    public record ParkedSummary(int open, String oldest) {
    }

    /** The insert is in the WAL, which is all the connector reads: the row itself need not stay. */
    private void forget(UUID id) {
        em.createNativeQuery("delete from outbox_message where id = :id").setParameter("id", id).executeUpdate();
    }
}
