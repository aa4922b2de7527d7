package org.kiezwerk.event.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.event.messaging.OutboxMessage;
import org.kiezwerk.event.messaging.TraceParents;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, UUID> {

    /** The event type recorded for a tombstone row; it is not sent as a CloudEvent. */
    public static final String TOMBSTONE = "tombstone";

    @Inject
    ObjectMapper json;

    /** Adds a message to the outbox, inside the caller's transaction. */
    public OutboxMessage add(String aggregateType, UUID aggregateId, String eventType, Object payload, String requestId) {
        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.aggregateType = aggregateType;
        message.aggregateId = aggregateId;
        message.eventType = eventType;
        try {
            message.payload = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + eventType + " payload", e);
        }
        message.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        message.requestId = requestId;
        message.traceParent = TraceParents.current();
        persist(message);
        return message;
    }

    /** Adds a tombstone (a null value) for the aggregate, so that a compacted topic forgets it. */
    public OutboxMessage addTombstone(String aggregateType, UUID aggregateId, String requestId) {
        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.aggregateType = aggregateType;
        message.aggregateId = aggregateId;
        message.eventType = TOMBSTONE;
        // strictly after the removal message, which the relay sends first
        message.occurredAt = OffsetDateTime.now(ZoneOffset.UTC).plusNanos(1_000);
        message.requestId = requestId;
        message.traceParent = TraceParents.current();
        persist(message);
        return message;
    }

    /**
     * Locks the oldest unsent messages. SKIP LOCKED lets several relay instances share the work
     * without sending a row twice at the same time.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> lockUnsent(int limit) {
        return getEntityManager()
                .createNativeQuery("select * from outbox_message where sent_at is null"
                        + " order by occurred_at, id limit :limit for update skip locked", OutboxMessage.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    public long countUnsent() {
        return count("sentAt is null");
    }
}
