package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.kiezwerk.network.domain.Organisation;
import org.kiezwerk.network.domain.Tie;
import org.kiezwerk.network.domain.TieChange;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/** Organisation nodes. Every statement takes parameters; MERGE keys are backed by constraints. */
@ApplicationScoped
public class OrganisationGraph {

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    @Inject
    TieOutbox tieOutbox;

    /**
     * Creates or updates the organisation, unless the graph already holds this version or a newer
     * one: a redelivered, replayed or overtaken message changes nothing. Returns whether it applied.
     */
    @ChangesTies
    public boolean upsert(UUID id, String name, String kind, String neighbourhood, List<String> areas,
            List<String> targetGroups, List<String> resourcesOffered, List<String> resourcesNeeded,
            List<Map<String, Object>> places, Double lat, Double lon, long version, String eventId) {
        Map<String, Object> params = new HashMap<>();
        params.put("lat", lat == null || lon == null ? null : lat);
        params.put("lon", lat == null || lon == null ? null : lon);
        params.putAll(Map.ofEntries(Map.entry("id", id.toString()), Map.entry("name", name),
                Map.entry("kind", kind == null ? "other" : kind),
                Map.entry("neighbourhood", neighbourhood == null ? "" : neighbourhood), Map.entry("areas", areas),
                Map.entry("targetGroups", targetGroups), Map.entry("offered", resourcesOffered),
                Map.entry("needed", resourcesNeeded), Map.entry("places", places), Map.entry("version", version),
                Map.entry("eventId", eventId == null ? "" : eventId)));
        var result = driver.executableQuery("""
                MERGE (o:Organisation {id: $id})
                  ON CREATE SET o.version = -1
                WITH o
                WHERE o.version < $version
                SET o.name = $name,
                    o.kind = $kind,
                    o.neighbourhood = $neighbourhood,
                    o.areas = $areas,
                    o.targetGroups = $targetGroups,
                    o.resourcesOffered = $offered,
                    o.resourcesNeeded = $needed,
                    o.lat = $lat,
                    o.lon = $lon,
                    o.version = $version,
                    o.lastEventId = $eventId,
                    o.projectedAt = datetime()
                WITH o
                CALL (o) {
                  MATCH (o)-[old:LOCATED_IN|SERVES]->()
                  DELETE old
                }
                CALL (o) {
                  UNWIND $places AS place
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
                CALL (o) {
                  UNWIND $targetGroups AS group
                  MERGE (t:TargetGroup {code: group})
                  MERGE (o)-[:SERVES]->(t)
                }
                RETURN count(o) AS applied
                """)
                .withParameters(params)
                .withConfig(database.queries())
                .execute();
        return result.records().get(0).get("applied").asLong() > 0;
    }

    /** Removes the organisation and its ties, unless the graph holds a newer version than the removal. */
    @ChangesTies
    public boolean remove(UUID id, long version) {
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> {
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
            });
        }
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
