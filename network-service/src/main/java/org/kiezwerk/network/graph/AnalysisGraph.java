package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;

/** Reads the organisations and their ties that an analysis works on: city-wide or one area. */
@ApplicationScoped
public class AnalysisGraph {

    public record Node(String id, String name, String kind) {
    }

    /** An undirected tie with its strength (co-production weight). */
    public record Tie(String a, String b, double strength, String kind) {
    }

    public record Network(List<Node> nodes, List<Tie> ties) {
    }

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    @Inject
    PersonNames names;

    /**
     * The persons a caller may see (by their consent scope) with their ties: affiliations to
     * organisations (leads 1.0, works at 0.8, else 0.6) and acquaintances (strength 1–5 as 0.2–1).
     * In a neighbourhood: the persons affiliated with an organisation there.
     */
    public Network persons(String area, Set<String> scopes) {
        Map<String, Object> params = new HashMap<>();
        params.put("area", area);
        params.put("scopes", List.copyOf(scopes));
        QueryConfig query = database.queries();
        List<Node> nodes = driver.executableQuery("""
                MATCH (p:Person) WHERE p.scope IN $scopes
                  AND ($area IS NULL OR EXISTS { (p)-[:AFFILIATED]->(o:Organisation) WHERE o.version >= 0 AND $area IN coalesce(o.areas, []) })
                RETURN p.id AS id, p.displayName AS name ORDER BY p.id
                """).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Node(r.get("id").asString(), names.open(r.get("name").asString()), "person")).toList();
        List<Tie> ties = driver.executableQuery(TieStrength.in("""
                MATCH (p:Person)-[r:AFFILIATED]->(o:Organisation)
                WHERE (r.until IS NULL OR r.until >= date()) AND p.scope IN $scopes AND o.version >= 0 AND ($area IS NULL OR $area IN coalesce(o.areas, []))
                RETURN p.id AS a, o.id AS b, CASE r.role WHEN 'leads' THEN 1.0 WHEN 'works_at' THEN 0.8 ELSE 0.6 END AS strength,
                       'affiliation' AS kind
                UNION ALL
                MATCH (p:Person)-[k:KNOWS]-(q:Person)
                WHERE (k.until IS NULL OR k.until >= date()) AND p.id < q.id AND p.scope IN $scopes AND q.scope IN $scopes
                  AND ($area IS NULL OR (EXISTS { (p)-[:AFFILIATED]->(o:Organisation) WHERE o.version >= 0 AND $area IN coalesce(o.areas, []) }
                                     AND EXISTS { (q)-[:AFFILIATED]->(o:Organisation) WHERE o.version >= 0 AND $area IN coalesce(o.areas, []) }))
                RETURN p.id AS a, q.id AS b, {acquaintance} AS strength, 'acquaintance' AS kind
                """)).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Tie(r.get("a").asString(), r.get("b").asString(), r.get("strength").asDouble(), r.get("kind").asString()))
                .toList();
        return new Network(nodes, ties);
    }

    /** The organisations among these ids that the analyses count (no placeholders), by id. */
    public List<Node> organisations(Collection<String> ids) {
        QueryConfig query = database.queries();
        return driver.executableQuery("""
                UNWIND $ids AS id
                MATCH (o:Organisation {id: id}) WHERE o.version >= 0
                RETURN o.id AS id, o.name AS name, o.kind AS kind ORDER BY o.id
                """).withParameters(Map.of("ids", List.copyOf(ids))).withConfig(query).execute().records().stream()
                .map(r -> new Node(r.get("id").asString(), r.get("name").asString(), r.get("kind").asString())).toList();
    }

    /**
     * Today's ego network in one statement: the organisations within {@code depth} (1–3) combined ties
     * of at least {@code minStrength} from the centre, ring by ring, and the ties among them. Reads the
     * relationships of those organisations only. Empty when the centre is unknown or a placeholder.
     */
    public Network egoNetwork(String centre, int depth, double minStrength) {
        if (depth < 1 || depth > 3) {
            throw new IllegalArgumentException("depth must be 1 to 3");
        }
        StringBuilder cypher = new StringBuilder("""
                MATCH (o:Organisation {id: $id}) WHERE o.version >= 0
                WITH [o] AS members, [o] AS ring
                """);
        // one ring further per block; depth is a whole number from 1 to 3, never the caller's text
        for (int i = 0; i < depth; i++) {
            cypher.append(TieStrength.in("""
                    CALL (ring) {
                      UNWIND ring AS a
                      MATCH (a)-[c:CO_PRODUCES|COOPERATES]-(b:Organisation)
                      WHERE b.version >= 0 AND a <> b AND (type(c) = 'CO_PRODUCES' OR c.until IS NULL OR c.until >= date())
                      WITH a, b, sum(CASE type(c) WHEN 'CO_PRODUCES' THEN c.weight
                                     ELSE {cooperation} END) AS strength
                      WHERE strength >= $minStrength
                      RETURN collect(DISTINCT b) AS next
                    }
                    WITH members + next AS members, next AS ring
                    """));
        }
        cypher.append(TieStrength.in("""
                UNWIND members AS member
                WITH collect(DISTINCT member) AS members
                UNWIND members AS a
                OPTIONAL MATCH (a)-[c:CO_PRODUCES|COOPERATES]-(b:Organisation)
                WHERE a.id < b.id AND b IN members AND (type(c) = 'CO_PRODUCES' OR c.until IS NULL OR c.until >= date())
                WITH a, b, sum(CASE type(c) WHEN 'CO_PRODUCES' THEN c.weight
                               ELSE {cooperation} END) AS strength
                RETURN a.id AS a, a.name AS name, a.kind AS kind, b.id AS b, strength
                """));
        Map<String, Object> params = new HashMap<>();
        params.put("id", centre);
        params.put("minStrength", minStrength);
        QueryConfig query = database.queries();
        Map<String, Node> nodes = new TreeMap<>();
        List<Tie> ties = new ArrayList<>();
        for (var r : driver.executableQuery(cypher.toString()).withParameters(params).withConfig(query).execute().records()) {
            String a = r.get("a").asString();
            nodes.putIfAbsent(a, new Node(a, r.get("name").asString(null), r.get("kind").asString(null)));
            if (!r.get("b").isNull() && r.get("strength").asDouble() >= minStrength) {
                ties.add(new Tie(a, r.get("b").asString(), r.get("strength").asDouble(), "combined"));
            }
        }
        ties.sort(Comparator.comparing(Tie::a).thenComparing(Tie::b));
        return new Network(List.copyOf(nodes.values()), ties);
    }

    /**
     * The ties of these organisations of the given kinds alive in [from, to] — cooperation ties by their
     * since/until, co-production recomputed from the events shared in the period (weight Σ 0.5^years,
     * as the derived ties) — summed per pair, of at least {@code minStrength}; a = one of {@code ids},
     * b = the other side (only among {@code within} if given).
     */
    public List<Tie> tiesOf(Collection<String> ids, double minStrength, Collection<String> within,
            Set<String> kinds, LocalDate from, LocalDate to) {
        Map<String, Object> params = new HashMap<>();
        params.put("ids", List.copyOf(ids));
        params.put("minStrength", minStrength);
        params.put("within", within == null ? null : List.copyOf(within));
        params.put("kinds", List.copyOf(kinds));
        params.put("from", from);
        params.put("to", to);
        QueryConfig query = database.queries();
        return driver.executableQuery(TieStrength.in("""
                UNWIND $ids AS id
                MATCH (a:Organisation {id: id}) WHERE a.version >= 0
                CALL (a) {
                  MATCH (a)-[c:COOPERATES]-(b:Organisation)
                  WHERE b.version >= 0 AND a <> b AND c.kind IN $kinds
                    AND (c.since IS NULL OR c.since <= $to) AND (c.until IS NULL OR c.until >= $from)
                  RETURN b, {cooperation} AS strength
                  UNION ALL
                  MATCH (a)-[:TAKES_PART]->(e:SharedEvent)<-[:TAKES_PART]-(b:Organisation)
                  WHERE 'co_production' IN $kinds AND b.version >= 0 AND a <> b
                    AND coalesce(e.status, '') <> 'cancelled'
                    AND date(e.firstStart) <= $to AND date(coalesce(e.lastEnd, e.firstStart)) >= $from
                  WITH b, e, abs(duration.inDays(date(e.firstStart), date()).days) / 365.25 AS years
                  WITH b, collect(DISTINCT [e.id, years]) AS shared
                  RETURN b, reduce(w = 0.0, s IN shared | w + 0.5 ^ s[1]) AS strength
                }
                WITH a, b, sum(strength) AS strength
                WHERE strength >= $minStrength AND ($within IS NULL OR b.id IN $within)
                RETURN a.id AS a, b.id AS b, strength
                """)).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Tie(r.get("a").asString(), r.get("b").asString(), r.get("strength").asDouble(), "combined"))
                .toList();
    }

    /**
     * What the analyses depend on, summed up: equal fingerprints, equal answers. It includes the day,
     * because ties that end and events that age change the answers without any write.
     */
    public record Fingerprint(Map<String, Object> values) {
    }

    /** One pass over the organisations and their ties (a few milliseconds even at city scale; the analyses take far longer). */
    public Fingerprint fingerprint() {
        QueryConfig query = database.queries();
        var r = driver.executableQuery("""
                CALL {
                  MATCH (o:Organisation)
                  RETURN count(o) AS organisations, sum(o.version) AS versions
                }
                CALL {
                  OPTIONAL MATCH ()-[c:COOPERATES]->()
                  RETURN count(c) AS cooperations, sum(coalesce(c.version, 0)) AS cooperationVersions
                }
                CALL {
                  OPTIONAL MATCH ()-[p:CO_PRODUCES]->()
                  RETURN count(p) AS coProductions, sum(coalesce(p.weight, 0.0)) AS weight
                }
                CALL {
                  OPTIONAL MATCH (person:Person)
                  RETURN count(person) AS persons
                }
                CALL {
                  OPTIONAL MATCH ()-[a:AFFILIATED]->()
                  RETURN count(a) AS affiliations, count(a.until) AS affiliationsEnding,
                         count(CASE WHEN a.confirmed THEN 1 END) AS affiliationsConfirmed,
                         sum(coalesce(a.strength, 0)) AS affiliationStrength,
                         sum(coalesce(duration.inDays(date('1970-01-01'), date(a.since)).days, 0) + coalesce(duration.inDays(date('1970-01-01'), date(a.until)).days, 0)) AS affiliationDates
                }
                CALL {
                  OPTIONAL MATCH ()-[k:KNOWS]->()
                  RETURN count(k) AS acquaintances, count(k.until) AS acquaintancesEnding,
                         count(CASE WHEN k.confirmed THEN 1 END) AS acquaintancesConfirmed,
                         sum(coalesce(k.strength, 0)) AS acquaintanceStrength,
                         sum(coalesce(duration.inDays(date('1970-01-01'), date(k.until)).days, 0)) AS acquaintanceDates
                }
                RETURN *, toString(date()) AS today
                """).withConfig(query).execute().records().get(0);
        return new Fingerprint(Map.copyOf(r.asMap()));
    }

    /** @param area a neighbourhood code (quarter or district), or null for the whole city */
    public Network load(String area) {
        Map<String, Object> params = new HashMap<>();
        params.put("area", area);
        QueryConfig query = database.queries();
        List<Node> nodes = driver.executableQuery("""
                MATCH (o:Organisation)
                WHERE o.version >= 0 AND ($area IS NULL OR $area IN coalesce(o.areas, []))
                RETURN o.id AS id, o.name AS name, o.kind AS kind
                ORDER BY o.id
                """).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Node(r.get("id").asString(), r.get("name").asString(), r.get("kind").asString()))
                .toList();
        // co-production (weight) and current cooperation (strength 1–5 as 0.2–1, half while unconfirmed), summed per pair
        List<Tie> ties = driver.executableQuery(TieStrength.in("""
                MATCH (a:Organisation)-[c:CO_PRODUCES|COOPERATES]-(b:Organisation)
                WHERE a.id < b.id AND a.version >= 0 AND b.version >= 0
                  AND ($area IS NULL OR ($area IN coalesce(a.areas, []) AND $area IN coalesce(b.areas, [])))
                  AND (type(c) = 'CO_PRODUCES' OR c.until IS NULL OR c.until >= date())
                WITH a, b, sum(CASE type(c) WHEN 'CO_PRODUCES' THEN c.weight
                                ELSE {cooperation} END) AS strength
                RETURN a.id AS a, b.id AS b, strength
                ORDER BY a, b
                """)).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Tie(r.get("a").asString(), r.get("b").asString(), r.get("strength").asDouble(), "combined"))
                .toList();
        return new Network(nodes, ties);
    }
}
