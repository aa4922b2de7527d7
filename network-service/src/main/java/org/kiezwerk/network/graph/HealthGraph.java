package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kiezwerk.network.domain.Health.Shares;
import org.kiezwerk.network.domain.Health.Snapshot;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * The figures of network health that Cypher answers directly (shares of confirmed ties and of
 * co-produced events), and the stored snapshots:
 * {@code (:HealthSnapshot {scope, takenAt, day, scheduled, actors, ties, density, clustering, components,
 * largestComponentShare, confirmedShare, coProducedShare, events})}.
 */
@ApplicationScoped
public class HealthGraph {

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    /** @param area a neighbourhood code, or null for the whole city */
    public Shares shares(String area) {
        Map<String, Object> params = new HashMap<>();
        params.put("area", area);
        Record r = driver.executableQuery("""
                CALL {
                  MATCH (a:Organisation)-[c:COOPERATES]->(b:Organisation)
                  WHERE a.version >= 0 AND b.version >= 0 AND (c.until IS NULL OR c.until >= date())
                    AND ($area IS NULL OR ($area IN coalesce(a.areas, []) AND $area IN coalesce(b.areas, [])))
                  RETURN count(c) AS cooperations, count(CASE WHEN c.confirmed THEN 1 END) AS confirmed
                }
                CALL {
                  MATCH (e:SharedEvent) WHERE coalesce(e.status, '') <> 'cancelled'
                  MATCH (o:Organisation)-[:TAKES_PART]->(e) WHERE o.version >= 0
                  WITH e, collect(DISTINCT o) AS partners
                  WHERE $area IS NULL OR any(o IN partners WHERE $area IN coalesce(o.areas, []))
                  RETURN count(e) AS events, count(CASE WHEN size(partners) > 1 THEN 1 END) AS coProduced
                }
                RETURN cooperations, confirmed, events, coProduced
                """).withParameters(params).withConfig(database.queries())
                .execute().records().get(0);
        return new Shares(r.get("cooperations").asLong(), r.get("confirmed").asLong(), r.get("events").asLong(),
                r.get("coProduced").asLong());
    }

    /** Stores a snapshot; a scheduled one replaces that day's scheduled one (several replicas, one per day). */
    public void save(Snapshot snapshot) {
        Map<String, Object> params = new HashMap<>();
        params.put("scope", snapshot.scope());
        params.put("takenAt", snapshot.takenAt());
        params.put("scheduled", snapshot.scheduled());
        params.put("figures", Map.of("actors", snapshot.actors(), "ties", snapshot.ties(), "density", snapshot.density(),
                "clustering", snapshot.clustering(), "components", snapshot.components(),
                "largestComponentShare", snapshot.largestComponentShare(), "confirmedShare", snapshot.confirmedShare(),
                "coProducedShare", snapshot.coProducedShare(), "events", snapshot.events()));
        String cypher = snapshot.scheduled()
                ? """
                  MERGE (s:HealthSnapshot {scope: $scope, day: date(datetime($takenAt)), scheduled: true})
                  SET s += $figures, s.takenAt = datetime($takenAt)
                  """
                : """
                  CREATE (s:HealthSnapshot {scope: $scope, day: date(datetime($takenAt)), scheduled: false})
                  SET s += $figures, s.takenAt = datetime($takenAt)
                  """;
        driver.executableQuery(cypher).withParameters(params)
                .withConfig(database.queries()).execute();
    }

    /** Snapshots of a scope taken between two moments (ISO date-times), oldest first. */
    public List<Snapshot> between(String scope, String from, String to) {
        Map<String, Object> params = new HashMap<>();
        params.put("scope", scope);
        params.put("from", from);
        params.put("to", to);
        return driver.executableQuery("""
                MATCH (s:HealthSnapshot {scope: $scope})
                WHERE ($from IS NULL OR s.takenAt >= datetime($from)) AND ($to IS NULL OR s.takenAt <= datetime($to))
                RETURN s ORDER BY s.takenAt
                """).withParameters(params).withConfig(database.queries())
                .execute().records().stream().map(r -> {
                    var s = r.get("s");
                    return new Snapshot(s.get("scope").asString(), s.get("takenAt").asZonedDateTime().toOffsetDateTime().toString(),
                            s.get("scheduled").asBoolean(), s.get("actors").asLong(), s.get("ties").asLong(),
                            s.get("density").asDouble(), s.get("clustering").asDouble(), s.get("components").asLong(),
                            s.get("largestComponentShare").asDouble(), s.get("confirmedShare").asDouble(),
                            s.get("coProducedShare").asDouble(), s.get("events").asLong());
                }).toList();
    }
}
