package org.kiezwerk.event.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kiezwerk.event.domain.AggregateTooLargeException;
import org.kiezwerk.event.messaging.OutboxMessage;
import org.kiezwerk.event.messaging.TraceParents;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, UUID> {

    /** The event type recorded for a tombstone row; it is not sent as a CloudEvent. */
    public static final String TOMBSTONE = "tombstone";

    @Inject
    ObjectMapper json;

    /** Tells the relay after the commit that there is something to send (it need not wait for its next round). */
    @Inject
    Event<OutboxMessage> written;

    /**
     * The largest message the outbox accepts, in characters of JSON: well below the broker's 1 MB
     * limit, also when every character takes more than one byte.
     */
    @ConfigProperty(name = "kiezwerk.outbox.max-message-chars", defaultValue = "300000")
    int maxMessageChars;

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
        if (message.payload.length() > maxMessageChars) {
            // the broker would refuse it; refused here, the caller gets a 4xx and nothing is half-written
            throw new AggregateTooLargeException(aggregateType, message.payload.length(), maxMessageChars);
        }
        persist(message);
        written.fire(message);
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
        written.fire(message);
        return message;
    }

    /**
     * Locks the oldest waiting messages, leaving out parked rows and every row behind a failing row of
     * the same aggregate (order is kept per aggregate; other aggregates go on). SKIP LOCKED lets
     * several relay instances share the work without sending a row twice at the same time.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> lockWaiting(int limit) {
        return getEntityManager()
                .createNativeQuery("select m.* from outbox_message m where m.parked_at is null"
                        + " and not exists (select 1 from outbox_message f where f.aggregate_id = m.aggregate_id"
                        + " and f.attempts > 0 and f.parked_at is null and (f.occurred_at, f.id) < (m.occurred_at, m.id))"
                        + " order by m.occurred_at, m.id limit :limit for update of m skip locked", OutboxMessage.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** Forgets delivered rows: the outbox holds only what still waits, and parked rows. */
    public void deleteDelivered(List<UUID> ids) {
        if (!ids.isEmpty()) {
            getEntityManager().createNativeQuery("delete from outbox_message where id = any(:ids)")
                    .setParameter("ids", ids.toArray(UUID[]::new))
                    .executeUpdate();
        }
    }

    public long countWaiting() {
        return count("parkedAt is null");
    }
}
