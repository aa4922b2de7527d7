package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.network.domain.Organisation;
import org.kiezwerk.network.domain.PartnerChange;
import org.kiezwerk.network.domain.PartnerProfile;
import org.kiezwerk.network.domain.Tie;
import org.kiezwerk.network.domain.TieChange;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/** Organisation nodes. Every statement takes parameters; MERGE keys are backed by constraints. */
@ApplicationScoped
public class OrganisationGraph {

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    @Inject
    TieOutbox tieOutbox;

    @Inject
    CityGraph city;

    /**
     * Applies a run of partner messages in one transaction: one commit for the run, so that the graph keeps
     * pace with the directory's write rate. Each organisation is created or updated, or removed, unless the
     * graph already holds its version or a newer one: a redelivered, replayed or overtaken message changes
     * nothing. Of several messages about one partner only the newest version counts, which ends in the same
     * state as applying them in order. Returns how many changed the graph.
     *
     * <p>Not {@link ChangesTies}: the city's in-memory copy is told exactly what changed, so that a partner's
     * edit or registration is brought into it in place (its node and relationships read again) rather than the
     * whole city read again; a removal, or a write that failed (it may have committed), still makes it read whole.
     */
    public int apply(List<PartnerChange> changes) {
        Map<UUID, PartnerChange> newest = new LinkedHashMap<>();
        for (PartnerChange change : changes) {
            newest.merge(change.id(), change, (kept, next) -> next.version() >= kept.version() ? next : kept);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<PartnerChange> removals = new ArrayList<>();
        for (PartnerChange change : newest.values()) {
            if (change.removed()) {
                removals.add(change);
            } else {
                rows.add(row(change));
            }
        }
        city.writeStarts();
        try {
            Written written;
            try (var session = driver.session(database.sessions())) {
                written = session.executeWrite(tx -> {
                    Set<String> upserted = new HashSet<>();
                    long created = 0;
                    long versions = 0;
                    if (!rows.isEmpty()) {
                        for (Record r : tx.run(UPSERT, Map.of("rows", rows)).list()) {
                            upserted.add(r.get("id").asString());
                            created += r.get("created").asBoolean() ? 1 : 0;
                            versions += r.get("version").asLong() - r.get("before").asLong();
                        }
                    }
                    int removed = 0;
                    for (PartnerChange removal : removals) {
                        removed += remove(tx, removal.id(), removal.version()) ? 1 : 0;
                    }
                    return new Written(upserted, created, versions, removed);
                });
            } catch (RuntimeException e) {
                city.changed(); // it may have committed
                throw e;
            }
            if (written.removed() > 0) {
                city.changed(); // its ties went with it: read whole
            } else {
                city.organisationsChanged(written.upserted(), written.created(), written.versions());
            }
            return written.upserted().size() + written.removed();
        } finally {
            city.writeEnds();
        }
    }

    /** What one run of partner messages did to the graph. */
    private record Written(Set<String> upserted, long created, long versions, int removed) {
    }

    private static Map<String, Object> row(PartnerChange change) {
        PartnerProfile profile = change.profile();
        boolean located = profile.lat() != null && profile.lon() != null;
        Map<String, Object> row = new HashMap<>();
        row.put("lat", located ? profile.lat() : null);
        row.put("lon", located ? profile.lon() : null);
        row.put("id", change.id().toString());
        row.put("name", change.name());
        row.put("kind", change.kind() == null ? "other" : change.kind());
        row.put("neighbourhood", change.neighbourhood() == null ? "" : change.neighbourhood());
        row.put("areas", change.areas());
        row.put("targetGroups", profile.targetGroups());
        row.put("offered", profile.resourcesOffered());
        row.put("needed", profile.resourcesNeeded());
        row.put("places", profile.places());
        row.put("version", change.version());
        row.put("eventId", change.eventId() == null ? "" : change.eventId());
        return row;
    }

    // one row per organisation (apply keeps the newest message of each), so rows never race on a node
    private static final String UPSERT = """
            UNWIND $rows AS row
            OPTIONAL MATCH (known:Organisation {id: row.id})
            WITH row, known IS NULL AS created
            MERGE (o:Organisation {id: row.id})
              ON CREATE SET o.version = -1
            WITH o, row, created, o.version AS before
            WHERE before < row.version
            SET o.name = row.name,
                o.kind = row.kind,
                o.neighbourhood = row.neighbourhood,
                o.areas = row.areas,
                o.targetGroups = row.targetGroups,
                o.resourcesOffered = row.offered,
                o.resourcesNeeded = row.needed,
                o.lat = row.lat,
                o.lon = row.lon,
                o.version = row.version,
                o.lastEventId = row.eventId,
                o.projectedAt = datetime()
            WITH o, row, created, before
            CALL (o) {
              MATCH (o)-[old:LOCATED_IN|SERVES]->()
              DELETE old
            }
            CALL (o, row) {
              UNWIND row.places AS place
              MERGE (n:Neighbourhood {code: place.code})
              SET n.name = place.name, n.level = place.level
              MERGE (o)-[:LOCATED_IN]->(n)
              WITH n, place
              // the chain up to the city, as the message says it now (an area moved elsewhere moves here)
              CALL (n, place) {
                WITH n, place, coalesce(place.chain, []) AS chain
                WHERE size(chain) > 0 OR place.parentCode IS NOT NULL
                WITH n, CASE WHEN size(chain) > 0 THEN chain ELSE [{code: place.parentCode}] END AS chain
                UNWIND range(0, size(chain) - 1) AS i
                MERGE (up:Neighbourhood {code: chain[i].code})
                SET up.name = coalesce(chain[i].name, up.name), up.level = coalesce(chain[i].level, up.level)
                WITH n, chain, i, up
                MATCH (below:Neighbourhood {code: CASE WHEN i = 0 THEN n.code ELSE chain[i - 1].code END})
                CALL (below, up) {
                  OPTIONAL MATCH (below)-[old:PART_OF]->(other) WHERE other <> up
                  DELETE old
                }
                MERGE (below)-[:PART_OF]->(up)
              }
            }
            CALL (o, row) {
              UNWIND row.targetGroups AS group
              MERGE (t:TargetGroup {code: group})
              MERGE (o)-[:SERVES]->(t)
            }
            // what the graph's fingerprint moves by (CityGraph): a new node counts once more, and every version by its change
            RETURN o.id AS id, created, CASE WHEN created THEN 0 ELSE before END AS before, o.version AS version
            """;

    /** Removes the organisation and its ties, unless the graph holds a newer version than the removal. */
    private boolean remove(TransactionContext tx, UUID id, long version) {
        boolean applies = tx.run("MATCH (o:Organisation {id: $id}) WHERE o.version <= $version RETURN count(o) > 0 AS applies",
                Map.of("id", id.toString(), "version", version)).single().get("applies").asBoolean();
        if (!applies) {
            return false;
        }
        // its cooperation ties go with it: announced as removed, in the same transaction
        for (Tie tie : TieGraph.ofActor(tx, id)) {
            tieOutbox.add(tx, TieChange.REMOVED, tie);
        }
        tx.run("MATCH (o:Organisation {id: $id}) DETACH DELETE o", Map.of("id", id.toString())).consume();
        return true;
    }

    public Optional<Organisation> find(UUID id) {
        var result = driver.executableQuery("""
                MATCH (o:Organisation {id: $id})
                // a placeholder an event created before the partner's own message arrived is no actor yet
                WHERE o.version >= 0
                RETURN o.id AS id, o.name AS name, o.kind AS kind, o.neighbourhood AS neighbourhood,
                       o.version AS version, o.projectedAt AS projectedAt
                """)
                .withParameters(Map.of("id", id.toString()))
                .withConfig(database.queries())
                .execute();
        return result.records().stream().findFirst().map(OrganisationGraph::organisation);
    }

    private static Organisation organisation(Record r) {
        ZonedDateTime projectedAt = r.get("projectedAt").isNull() ? null : r.get("projectedAt").asZonedDateTime();
        return new Organisation(UUID.fromString(r.get("id").asString()), r.get("name").asString(),
                r.get("kind").asString(), r.get("neighbourhood").asString(), r.get("version").asLong(),
                projectedAt == null ? null : projectedAt.toOffsetDateTime());
    }
}
