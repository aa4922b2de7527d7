package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.network.domain.SharedEvent.Involvement;
import org.kiezwerk.network.domain.SharedEvent.Role;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;

/**
 * Shared events and the ties they make: {@code (:Organisation)-[:TAKES_PART {role}]->(:SharedEvent)},
 * {@code (:Organisation)-[:INVOLVED_IN {phase}]->(:SharedEvent)} for partners named in a co-production
 * phase, and the derived {@code (:Organisation)-[:CO_PRODUCES {events, weight, lastTogether}]->(:Organisation)}
 * between organisations that put on events together, weighted by number and recency.
 */
@ApplicationScoped
public class SharedEventGraph {

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    /**
     * Creates or updates the event and its ties unless the graph holds this version or a newer one,
     * then recomputes the co-production ties of everyone who took part before or takes part now.
     */
    @ChangesTies
    public boolean upsert(UUID id, Map<String, Object> properties, String firstStart, String lastEnd, long version,
            List<Role> roles, List<Involvement> involved) {
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> {
                Set<String> affected = new LinkedHashSet<>(participants(tx, id));
                Map<String, Object> params = new HashMap<>();
                params.put("id", id.toString());
                params.put("props", properties);
                params.put("version", version);
                params.put("firstStart", firstStart);
                params.put("lastEnd", lastEnd);
                params.put("roles", roles.stream().map(r -> Map.of("partnerId", r.partnerId(), "role", r.role(),
                        "contribution", r.contribution() == null ? "" : r.contribution())).toList());
                params.put("involved", involved.stream().map(i -> Map.of("partnerId", i.partnerId(), "phase", i.phase())).toList());
                long applied = tx.run("""
                        MERGE (e:SharedEvent {id: $id})
                          ON CREATE SET e.version = -1
                        WITH e
                        WHERE e.version < $version
                        SET e += $props, e.version = $version, e.projectedAt = datetime(),
                            e.firstStart = datetime($firstStart),
                            e.lastEnd = CASE WHEN $lastEnd IS NULL THEN null ELSE datetime($lastEnd) END
                        WITH e
                        CALL (e) {
                          MATCH (e)<-[old:TAKES_PART|INVOLVED_IN]-()
                          DELETE old
                        }
                        CALL (e) {
                          UNWIND $roles AS role
                          MERGE (o:Organisation {id: role.partnerId})
                            ON CREATE SET o.version = -1
                          MERGE (o)-[t:TAKES_PART {role: role.role}]->(e)
                          SET t.contribution = role.contribution
                        }
                        CALL (e) {
                          UNWIND $involved AS involvement
                          MERGE (o:Organisation {id: involvement.partnerId})
                            ON CREATE SET o.version = -1
                          MERGE (o)-[:INVOLVED_IN {phase: involvement.phase}]->(e)
                        }
                        RETURN count(e) AS applied
                        """, params).single().get("applied").asLong();
                if (applied > 0) {
                    roles.forEach(r -> affected.add(r.partnerId()));
                    recomputeCoProduction(tx, affected);
                }
                return applied > 0;
            });
        }
    }

    /** Removes the event (unless the graph holds a newer version) and recomputes its partners' ties. */
    @ChangesTies
    public boolean remove(UUID id, long version) {
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> {
                List<String> affected = participants(tx, id);
                long removed = tx.run("""
                        MATCH (e:SharedEvent {id: $id})
                        WHERE e.version <= $version
                        DETACH DELETE e
                        RETURN count(*) AS removed
                        """, Map.of("id", id.toString(), "version", version)).single().get("removed").asLong();
                if (removed > 0) {
                    recomputeCoProduction(tx, affected);
                }
                return removed > 0;
            });
        }
    }

    /** The organisation's co-production ties, strongest first. */
    public List<Map<String, Object>> coProductionTies(UUID organisationId) {
        return driver.executableQuery("""
                MATCH (a:Organisation {id: $id})-[c:CO_PRODUCES]-(b:Organisation)
                RETURN b.id AS partnerId, b.name AS name, c.events AS events, c.weight AS weight,
                       toString(c.lastTogether) AS lastTogether
                ORDER BY c.weight DESC, b.id
                """)
                .withParameters(Map.of("id", organisationId.toString()))
                .withConfig(database.queries())
                .execute().records().stream().map(r -> r.asMap()).toList();
    }

    private static List<String> participants(TransactionContext tx, UUID id) {
        List<String> ids = new ArrayList<>();
        tx.run("MATCH (e:SharedEvent {id: $id})<-[:TAKES_PART]-(o:Organisation) RETURN DISTINCT o.id AS id",
                Map.of("id", id.toString())).forEachRemaining(r -> ids.add(r.get("id").asString()));
        return ids;
    }

    /**
     * Rebuilds the CO_PRODUCES ties of the given organisations from the events they take part in:
     * one tie per pair that shares an event that is not cancelled; weight = the sum over shared events
     * of 0.5^(years since the event), so recent cooperation counts most.
     */
    private static void recomputeCoProduction(TransactionContext tx, Collection<String> organisations) {
        if (organisations.isEmpty()) {
            return;
        }
        Map<String, Object> params = Map.of("ids", List.copyOf(organisations));
        tx.run("""
                UNWIND $ids AS aid
                MATCH (:Organisation {id: aid})-[c:CO_PRODUCES]-()
                DELETE c
                """, params).consume();
        tx.run("""
                UNWIND $ids AS aid
                MATCH (a:Organisation {id: aid})-[:TAKES_PART]->(x:SharedEvent)<-[:TAKES_PART]-(b:Organisation)
                WHERE a <> b AND x.status <> 'cancelled'
                WITH DISTINCT a, b, x
                WITH CASE WHEN a.id < b.id THEN a ELSE b END AS p, CASE WHEN a.id < b.id THEN b ELSE a END AS q, x
                WITH DISTINCT p, q, x
                WITH p, q, count(x) AS events, max(x.firstStart) AS last,
                     sum(0.5 ^ (CASE WHEN x.firstStart > datetime() THEN 0.0
                                     ELSE duration.inDays(x.firstStart, datetime()).days / 365.0 END)) AS weight
                MERGE (p)-[c:CO_PRODUCES]->(q)
                SET c.events = events, c.lastTogether = last, c.weight = round(weight, 3)
                """, params).consume();
    }
}
