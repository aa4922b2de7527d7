package org.kiezwerk.event.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A message waiting in the transactional outbox until the broker has acknowledged it (then it is deleted). */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {

    @Id
    public UUID id;

    @Column(name = "aggregate_type", nullable = false)
    public String aggregateType;

    @Column(name = "aggregate_id", nullable = false)
    public UUID aggregateId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** Null for a tombstone. */
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "request_id")
    public String requestId;

    /** W3C traceparent of the work that wrote the row; null when it was not traced. */
    @Column(name = "trace_parent")
    public String traceParent;

    /** When the relay gave up on the row; it then waits for an operator (docs/operators.md). */
    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;
}
