package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.kiezwerk.network.domain.Tie;
import org.kiezwerk.network.domain.TieChange;
import org.kiezwerk.network.domain.TieNotFoundException;
import org.kiezwerk.network.domain.TieVersionMismatchException;
import org.kiezwerk.network.domain.UnknownActorsException;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * Cooperation ties between organisations: {@code (:Organisation)-[:COOPERATES {id, kind, strength,
 * since, until, assertedBy, confirmed, confirmedAt, version}]->(:Organisation)}, asserted by one side
 * and confirmable by the other.
 */
@ApplicationScoped
public class TieGraph {

    private static final String RETURN_TIE = """
            RETURN t.id AS id, a.id AS fromId, a.name AS fromName, b.id AS toId, b.name AS toName, t.kind AS kind,
                   t.strength AS strength, t.since AS since, t.until AS until, t.assertedBy AS assertedBy,
                   t.confirmed AS confirmed, t.version AS version
            """;

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    /** Every change below writes its message to the tie topic's outbox in the same transaction. */
    @Inject
    TieOutbox outbox;

    /** Told which organisations' ties each write below touched, so that it reads just those again (not the city). */
    @Inject
    CityGraph city;

    /** The organisations a tie joins: what a change of it can touch in the city's copy. */
    private static Set<String> ends(Tie tie) {
        return Set.of(tie.from().toString(), tie.to().toString());
    }

    /** Creates the tie, or returns null if either organisation is not in the graph. */
    public Tie.Created create(UUID from, UUID to, String kind, int strength, LocalDate since, LocalDate until, UUID assertedBy,
            String idempotencyKey, String requestHash) {
        city.writeStarts();
        try {
            return createTie(from, to, kind, strength, since, until, assertedBy, idempotencyKey, requestHash);
        } finally {
            city.changed(Set.of(from.toString(), to.toString())); // also when it failed: it may have committed
            city.writeEnds();
        }
    }

    private Tie.Created createTie(UUID from, UUID to, String kind, int strength, LocalDate since, LocalDate until, UUID assertedBy,
            String idempotencyKey, String requestHash) {
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> {
                UUID id = UUID.randomUUID();
                if (idempotencyKey != null) {
                    Record first = tx.run("""
                            MERGE (r:IdempotentRequest {key: $key})
                              ON CREATE SET r.hash = $hash, r.tieId = $id, r.createdAt = datetime(), r.isNew = true
                              ON MATCH SET r.isNew = false
                            RETURN r.hash AS hash, r.tieId AS tieId, r.isNew AS isNew
                            """, Map.of("key", idempotencyKey, "hash", requestHash, "id", id.toString())).single();
                    if (!first.get("isNew").asBoolean()) {
                        if (!first.get("hash").asString().equals(requestHash)) {
                            return new Tie.Created(null, false, true);
                        }
                        return new Tie.Created(find(tx, UUID.fromString(first.get("tieId").asString())).orElse(null), true, false);
                    }
                }
                Map<String, Object> params = new HashMap<>();
                params.put("id", id.toString());
                params.put("from", from.toString());
                params.put("to", to.toString());
                params.put("kind", kind);
                params.put("strength", strength);
                params.put("since", since);
                params.put("until", until);
                params.put("assertedBy", assertedBy.toString());
                List<Record> created = tx.run("""
                        MATCH (a:Organisation {id: $from}) WHERE a.version >= 0
                        MATCH (b:Organisation {id: $to}) WHERE b.version >= 0
                        CREATE (a)-[t:COOPERATES {id: $id, kind: $kind, strength: $strength, since: $since, until: $until,
                                                  assertedBy: $assertedBy, confirmed: false, version: 0, createdAt: datetime()}]->(b)
                        """ + RETURN_TIE, params).list();
                if (created.isEmpty()) {
                    throw new UnknownActorsException();
                }
                Tie tie = tie(created.get(0));
                outbox.add(tx, TieChange.ASSERTED, tie);
                return new Tie.Created(tie, false, false);
            });
        }
    }

    public Optional<Tie> find(UUID id) {
        try (var session = driver.session(database.sessions())) {
            return session.executeRead(tx -> find(tx, id));
        }
    }

    /** Confirms the tie by the other side; false if {@code by} is not the side that did not assert it. */
    public Optional<Tie> confirm(UUID id, UUID by, Long expectedVersion) {
        return change(id, expectedVersion, TieChange.CONFIRMED, """
                MATCH (a:Organisation)-[t:COOPERATES {id: $id}]->(b:Organisation)
                WHERE t.assertedBy <> $by AND (a.id = $by OR b.id = $by)
                SET t.confirmed = true, t.confirmedBy = $by, t.confirmedAt = datetime(), t.version = t.version + 1
                """, Map.of("by", by.toString()));
    }

    /** Ends the tie: it stays, as history, with its end date. */
    public Optional<Tie> end(UUID id, LocalDate until, Long expectedVersion) {
        return change(id, expectedVersion, TieChange.ENDED, """
                MATCH (a:Organisation)-[t:COOPERATES {id: $id}]->(b:Organisation)
                WHERE t.since IS NULL OR t.since <= $until
                SET t.until = $until, t.version = t.version + 1
                """, Map.of("until", until));
    }

    public boolean delete(UUID id, Long expectedVersion) {
        AtomicReference<Set<String>> touched = new AtomicReference<>(); // null (unknown) unless the tie is found
        city.writeStarts();
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> {
                Optional<Tie> tie = find(tx, id);
                if (tie.isEmpty()) {
                    touched.set(Set.of());
                    return false;
                }
                touched.set(ends(tie.get())); // a relationship's ends never change: a retried transaction finds the same
                checkVersion(tie.get(), expectedVersion);
                outbox.add(tx, TieChange.REMOVED, tie.get()); // its last state, then a tombstone
                tx.run("MATCH ()-[t:COOPERATES {id: $id}]->() DELETE t", Map.of("id", id.toString())).consume();
                return true;
            });
        } finally {
            city.changed(touched.get());
            city.writeEnds();
        }
    }

    /** All cooperation ties of an organisation, either direction. */
    public List<Tie> ofActor(UUID actor) {
        try (var session = driver.session(database.sessions())) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (a:Organisation)-[t:COOPERATES]->(b:Organisation)
                    WHERE a.id = $actor OR b.id = $actor
                    """ + RETURN_TIE + " ORDER BY t.strength DESC, t.id", Map.of("actor", actor.toString()))
                    .list().stream().map(TieGraph::tie).toList());
        }
    }

    private Optional<Tie> change(UUID id, Long expectedVersion, TieChange type, String cypher, Map<String, Object> extra) {
        AtomicReference<Set<String>> touched = new AtomicReference<>(); // null (unknown) unless the tie is found
        city.writeStarts();
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> {
                Optional<Tie> tie = find(tx, id);
                if (tie.isEmpty()) {
                    touched.set(Set.of());
                    throw new TieNotFoundException(id);
                }
                touched.set(ends(tie.get()));
                checkVersion(tie.get(), expectedVersion);
                Map<String, Object> params = new HashMap<>(extra);
                params.put("id", id.toString());
                List<Record> changed = tx.run(cypher + RETURN_TIE, params).list();
                Optional<Tie> result = changed.stream().findFirst().map(TieGraph::tie);
                result.ifPresent(t -> outbox.add(tx, type, t));
                return result;
            });
        } finally {
            city.changed(touched.get());
            city.writeEnds();
        }
    }

    private static void checkVersion(Tie tie, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion >= 0 && expectedVersion != tie.version()) {
            throw new TieVersionMismatchException(tie.id(), tie.version());
        }
    }

    /** The ties of an organisation, within a transaction (its removal takes them along). */
    static List<Tie> ofActor(TransactionContext tx, UUID actor) {
        return tx.run("""
                MATCH (a:Organisation)-[t:COOPERATES]->(b:Organisation)
                WHERE a.id = $actor OR b.id = $actor
                """ + RETURN_TIE + " ORDER BY t.id", Map.of("actor", actor.toString())).list().stream().map(TieGraph::tie).toList();
    }

    private static Optional<Tie> find(TransactionContext tx, UUID id) {
        return tx.run("MATCH (a:Organisation)-[t:COOPERATES {id: $id}]->(b:Organisation) " + RETURN_TIE,
                Map.of("id", id.toString())).list().stream().findFirst().map(TieGraph::tie);
    }

    private static Tie tie(Record r) {
        return new Tie(UUID.fromString(r.get("id").asString()), UUID.fromString(r.get("fromId").asString()),
                r.get("fromName").asString(null), UUID.fromString(r.get("toId").asString()), r.get("toName").asString(null),
                r.get("kind").asString(), r.get("strength").asInt(), r.get("since").isNull() ? null : r.get("since").asLocalDate(),
                r.get("until").isNull() ? null : r.get("until").asLocalDate(), UUID.fromString(r.get("assertedBy").asString()),
                r.get("confirmed").asBoolean(), r.get("version").asLong());
    }
}
