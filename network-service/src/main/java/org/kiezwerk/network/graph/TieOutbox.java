package org.kiezwerk.network.graph;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.kiezwerk.network.domain.Tie;
import org.kiezwerk.network.domain.TieChange;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * The transactional outbox of the tie topic, in the graph itself: every tie change writes
 * {@code (:OutboxMessage {id, seq, topic, key, type, payload, time, requestId, traceParent})} in the same
 * Neo4j transaction as the change, so an accepted change is never lost, whether Kafka is up or not.
 * {@code seq} comes from one {@code (:OutboxSequence)} counter, whose write lock orders the messages as their
 * transactions commit. TieOutboxRelay publishes them in that order and deletes them once Kafka has them.
 */
@ApplicationScoped
public class TieOutbox {

    /** A message not yet on the topic; {@code type} and {@code payload} are null for a tombstone. */
    public record Pending(String id, long seq, String topic, String key, String type, String payload, String time,
            String requestId, String traceParent) {
    }

    private static final String SEQUENCE = "ties";

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    @Inject
    TieMessageFormat format;

    /** Records the message of a tie change within the change's transaction (a removal: then its tombstone). */
    public void add(TransactionContext tx, TieChange change, Tie tie) {
        Map<String, List<String>> areas = new HashMap<>();
        tx.run("""
                MATCH (o:Organisation) WHERE o.id IN [$from, $to]
                OPTIONAL MATCH (o)-[:LOCATED_IN]->(:Neighbourhood)-[:PART_OF*0..]->(n:Neighbourhood)
                RETURN o.id AS id, collect(DISTINCT n.code) AS codes
                """, Map.of("from", tie.from().toString(), "to", tie.to().toString()))
                .forEachRemaining(r -> areas.put(r.get("id").asString(), r.get("codes").asList(v -> v.asString())));
        String payload = format.payload(tie, areas.getOrDefault(tie.from().toString(), List.of()),
                areas.getOrDefault(tie.to().toString(), List.of()));
        write(tx, tie.id().toString(), format.type(change), payload);
        if (change == TieChange.REMOVED) {
            write(tx, tie.id().toString(), null, null);
        }
    }

    private void write(TransactionContext tx, String key, String type, String payload) {
        Map<String, Object> params = new HashMap<>();
        params.put("sequence", SEQUENCE);
        params.put("id", UUID.randomUUID().toString());
        params.put("topic", format.topic());
        params.put("key", key);
        params.put("type", type);
        params.put("payload", payload);
        params.put("time", Instant.now().toString());
        params.put("requestId", MDC.get("requestId") instanceof String id ? id : null);
        params.put("traceParent", traceParent());
        // SET s.last = s.last + 1 takes the counter's write lock before it reads: no two messages get one number
        tx.run("""
                MERGE (s:OutboxSequence {name: $sequence})
                  ON CREATE SET s.last = 0
                SET s.last = s.last + 1
                CREATE (m:OutboxMessage {id: $id, seq: s.last, topic: $topic, key: $key, type: $type, payload: $payload,
                                         time: $time, requestId: $requestId, traceParent: $traceParent, createdAt: datetime()})
                """, params).consume();
    }

    /** The W3C traceparent of the span that writes the change, if it is traced. */
    private static String traceParent() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex() : null;
    }

    /** The oldest messages not yet published, in order. */
    public List<Pending> pending(int limit) {
        List<Pending> pending = new ArrayList<>();
        for (Record r : driver.executableQuery("""
                MATCH (m:OutboxMessage) WHERE m.seq IS NOT NULL
                RETURN m.id AS id, m.seq AS seq, m.topic AS topic, m.key AS key, m.type AS type, m.payload AS payload,
                       m.time AS time, m.requestId AS requestId, m.traceParent AS traceParent
                ORDER BY m.seq LIMIT $limit
                """).withParameters(Map.of("limit", limit)).withConfig(database.queries()).execute().records()) {
            pending.add(new Pending(r.get("id").asString(), r.get("seq").asLong(), r.get("topic").asString(),
                    r.get("key").asString(), r.get("type").asString(null), r.get("payload").asString(null),
                    r.get("time").asString(null), r.get("requestId").asString(null), r.get("traceParent").asString(null)));
        }
        return pending;
    }

    /** Forgets messages Kafka has acknowledged. */
    public void delete(List<String> ids) {
        driver.executableQuery("MATCH (m:OutboxMessage) WHERE m.id IN $ids DELETE m")
                .withParameters(Map.of("ids", ids)).withConfig(database.queries()).execute();
    }

    public long count() {
        return driver.executableQuery("MATCH (m:OutboxMessage) RETURN count(m) AS n").withConfig(database.queries()).execute()
                .records().get(0).get("n").asLong();
    }

    /**
     * Takes or renews the lease that lets one replica publish: two relays sending the same messages could
     * leave an older state last on a key. The first SET takes the lease node's write lock, so the holder read
     * after it is current.
     */
    public boolean lease(String holder, Duration length) {
        return driver.executableQuery("""
                MERGE (l:OutboxRelayLease {name: $sequence})
                SET l.locked = true
                WITH l
                WHERE l.holder IS NULL OR l.holder = $holder OR l.until < datetime()
                SET l.holder = $holder, l.until = datetime() + duration({milliseconds: $millis})
                RETURN count(l) AS held
                """).withParameters(Map.of("sequence", SEQUENCE, "holder", holder, "millis", length.toMillis()))
                .withConfig(database.queries()).execute().records().get(0).get("held").asLong() > 0;
    }

    /** Gives the lease up (on shutdown), so another replica need not wait for it to run out. */
    public void release(String holder) {
        driver.executableQuery("MATCH (l:OutboxRelayLease {name: $sequence, holder: $holder}) REMOVE l.holder, l.until")
                .withParameters(Map.of("sequence", SEQUENCE, "holder", holder)).withConfig(database.queries()).execute();
    }
}
