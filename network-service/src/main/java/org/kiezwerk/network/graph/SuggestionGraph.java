package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.network.domain.PartnerRanking.Acquaintance;
import org.kiezwerk.network.domain.PartnerRanking.Candidate;
import org.kiezwerk.network.domain.PartnerRanking.Contact;
import org.kiezwerk.network.domain.PartnerRanking.Named;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;

/**
 * What partner suggestions need from the graph, for one organisation ("me"): the contacts it shares
 * with others (persons only if their consent scope lets the caller see them), and the organisations
 * near it with their profiles. Only current ties count (no {@code until} in the past). Every
 * statement takes parameters.
 */
@ApplicationScoped
public class SuggestionGraph {

    /** Great-circle distance between the stored coordinates, in metres (the mean earth radius, as partner-service uses). */
    static final String DISTANCE = """
            CASE WHEN me.lat IS NULL OR me.lon IS NULL OR other.lat IS NULL OR other.lon IS NULL THEN null
                 ELSE 2 * 6371008.8 * asin(sqrt(
                        haversin(radians(other.lat - me.lat))
                        + cos(radians(me.lat)) * cos(radians(other.lat)) * haversin(radians(other.lon - me.lon)))) END""";

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    @Inject
    PersonNames names;

    /**
     * The organisations without a tie to {@code me} yet that are within {@code radiusMetres} of it — or,
     * where its or their location is unknown, that share one of its areas (neighbourhood or the area
     * directly above) — and that have something to do with it: a shared contact, a resource either needs
     * of the other, or a target group no one in its neighbourhoods serves.
     */
    public List<Candidate> candidates(UUID me, double radiusMetres, Set<String> scopes) {
        QueryConfig query = database.queries();
        Map<String, Object> params = Map.of("id", me.toString(), "scopes", List.copyOf(scopes));
        Map<String, List<Contact>> shared = new HashMap<>();
        driver.executableQuery("""
                MATCH (me:Organisation {id: $id})-[t1:COOPERATES|CO_PRODUCES]-(common:Organisation)-[t2:COOPERATES|CO_PRODUCES]-(other:Organisation)
                WHERE me.version >= 0 AND common.version >= 0 AND other.version >= 0 AND other <> me
                  AND (t1.until IS NULL OR t1.until >= date()) AND (t2.until IS NULL OR t2.until >= date())
                WITH DISTINCT other, common
                CALL (common) {
                  MATCH (common)-[t:COOPERATES|CO_PRODUCES]-(n:Organisation)
                  WHERE n.version >= 0 AND (t.until IS NULL OR t.until >= date())
                  RETURN count(DISTINCT n) AS degree
                }
                RETURN other.id AS id, common.id AS contact, common.name AS name, 'organisation' AS type, degree
                UNION
                MATCH (me:Organisation {id: $id})<-[r1:AFFILIATED]-(p:Person)-[r2:AFFILIATED]->(other:Organisation)
                WHERE me.version >= 0 AND other.version >= 0 AND other <> me AND p.scope IN $scopes
                  AND (r1.until IS NULL OR r1.until >= date()) AND (r2.until IS NULL OR r2.until >= date())
                WITH DISTINCT other, p
                CALL (p) {
                  MATCH (p)-[r:AFFILIATED]->(o:Organisation)
                  WHERE o.version >= 0 AND (r.until IS NULL OR r.until >= date())
                  RETURN count(DISTINCT o) AS degree
                }
                RETURN other.id AS id, p.id AS contact, p.displayName AS name, 'person' AS type, degree
                """).withParameters(params).withConfig(query).execute().records()
                .forEach(r -> shared.computeIfAbsent(r.get("id").asString(), k -> new ArrayList<>())
                        .add(new Contact(r.get("contact").asString(), name(r), r.get("type").asString(), r.get("degree").asInt())));
        Map<String, List<Acquaintance>> acquainted = new HashMap<>();
        driver.executableQuery("""
                MATCH (me:Organisation {id: $id})<-[r1:AFFILIATED]-(p:Person)-[k:KNOWS]-(q:Person)-[r2:AFFILIATED]->(other:Organisation)
                WHERE me.version >= 0 AND other.version >= 0 AND other <> me AND p <> q
                  AND p.scope IN $scopes AND q.scope IN $scopes
                  AND (r1.until IS NULL OR r1.until >= date()) AND (r2.until IS NULL OR r2.until >= date())
                  AND (k.until IS NULL OR k.until >= date())
                  // a person tied to both sides is a shared contact already
                  AND NOT EXISTS { MATCH (p)-[r:AFFILIATED]->(other) WHERE r.until IS NULL OR r.until >= date() }
                  AND NOT EXISTS { MATCH (q)-[r:AFFILIATED]->(me) WHERE r.until IS NULL OR r.until >= date() }
                RETURN DISTINCT other.id AS id, p.id AS ours, p.displayName AS ourName, q.id AS theirs, q.displayName AS theirName,
                       coalesce(k.strength, 1) AS strength
                ORDER BY ours, theirs
                """).withParameters(params).withConfig(query).execute().records()
                .forEach(r -> acquainted.computeIfAbsent(r.get("id").asString(), k -> new ArrayList<>())
                        .add(new Acquaintance(new Named(r.get("ours").asString(), names.open(r.get("ourName").asString())),
                                new Named(r.get("theirs").asString(), names.open(r.get("theirName").asString())),
                                r.get("strength").asInt())));
        List<String> connected = new ArrayList<>(shared.keySet());
        connected.addAll(acquainted.keySet());
        Map<String, Object> near = new HashMap<>(params);
        near.put("radius", radiusMetres);
        near.put("connected", connected);
        List<Record> rows = driver.executableQuery("""
                MATCH (me:Organisation {id: $id}) WHERE me.version >= 0
                // my own neighbourhoods: who is there, and which target groups are served there — by me too
                // (the pattern cannot reach me again over my own LOCATED_IN, so my groups are added)
                CALL (me) {
                  OPTIONAL MATCH (me)-[:LOCATED_IN]->(:Neighbourhood)<-[:LOCATED_IN]-(near:Organisation)
                  WHERE near.version >= 0
                  UNWIND coalesce(near.targetGroups, []) + coalesce(me.targetGroups, []) + [null] AS g
                  RETURN collect(DISTINCT near.id) AS nearIds, collect(DISTINCT g) AS servedNearby
                }
                // with both locations known: by distance; without one: one of its neighbourhoods or the areas directly
                // above them in common (not merely the same city, which o.areas would also say), reached from me rather
                // than tested for every organisation of the city (that test took most of a second at 20,000)
                CALL (me) {
                  MATCH (other:Organisation)
                  WHERE other.version >= 0 AND other <> me AND me.lat IS NOT NULL AND me.lon IS NOT NULL
                    AND other.lat IS NOT NULL AND other.lon IS NOT NULL
                  RETURN other
                  UNION
                  MATCH (me)-[:LOCATED_IN]->(:Neighbourhood)-[:PART_OF*0..1]->(:Neighbourhood)
                        <-[:PART_OF*0..1]-(:Neighbourhood)<-[:LOCATED_IN]-(other:Organisation)
                  WHERE other.version >= 0 AND other <> me AND (me.lat IS NULL OR me.lon IS NULL OR other.lat IS NULL OR other.lon IS NULL)
                  RETURN other
                }
                WITH me, other, nearIds, servedNearby, %s AS distance
                WHERE distance IS NULL OR distance <= $radius
                WITH me, other, nearIds, distance,
                     [k IN coalesce(other.resourcesOffered, []) WHERE k IN coalesce(me.resourcesNeeded, [])] AS theyOffer,
                     [k IN coalesce(other.resourcesNeeded, []) WHERE k IN coalesce(me.resourcesOffered, [])] AS theyNeed,
                     [g IN coalesce(other.targetGroups, []) WHERE NOT g IN servedNearby] AS gaps
                WHERE (other.id IN $connected OR size(theyOffer) > 0 OR size(theyNeed) > 0 OR size(gaps) > 0)
                  AND NOT (me)-[:COOPERATES|CO_PRODUCES]-(other)
                RETURN other.id AS id, other.name AS name, other.kind AS kind, distance, theyOffer, theyNeed, gaps,
                       other.id IN nearIds AS sameNeighbourhood
                """.formatted(DISTANCE)).withParameters(near).withConfig(query).execute().records();
        List<Candidate> candidates = new ArrayList<>();
        for (Record r : rows) {
            String id = r.get("id").asString();
            candidates.add(new Candidate(id, r.get("name").asString(), r.get("kind").asString(),
                    r.get("distance").isNull() ? null : r.get("distance").asDouble(), r.get("sameNeighbourhood").asBoolean(),
                    r.get("theyOffer").asList(v -> v.asString()), r.get("theyNeed").asList(v -> v.asString()),
                    r.get("gaps").asList(v -> v.asString()), sorted(shared.getOrDefault(id, List.of())),
                    acquainted.getOrDefault(id, List.of())));
        }
        return candidates;
    }

    private String name(Record r) {
        String name = r.get("name").asString(null);
        return r.get("type").asString().equals("person") ? names.open(name) : name;
    }

    /** Persons first, then organisations, each by name: the same answer for the same graph. */
    private static List<Contact> sorted(List<Contact> contacts) {
        Map<String, Contact> unique = new LinkedHashMap<>();
        contacts.stream()
                .sorted(Comparator.comparing(Contact::type).reversed()
                        .thenComparing(c -> c.name() == null ? "" : c.name()).thenComparing(Contact::id))
                .forEach(c -> unique.putIfAbsent(c.type() + ":" + c.id(), c));
        return List.copyOf(unique.values());
    }
}
