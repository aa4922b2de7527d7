package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;

/**
 * What an introduction may pass through, read around given actors: organisations, and persons whose
 * consent scope allows it, with their current ties and a strength from 0 to 1 each (at most 1, so
 * every step costs at least 1).
 */
@ApplicationScoped
public class PathGraph {

    public record Actor(String id, String type, String name) {
    }

    /** A current tie of {@code from} (an actor read around) to {@code to}, and by what kind of tie. */
    public record Link(String from, Actor to, double strength, String kind) {
    }

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    @Inject
    PersonNames names;

    /** These actors, if an introduction may pass through them: organisations (no placeholders) and visible persons. */
    public List<Actor> actors(Collection<String> ids, Set<String> scopes) {
        QueryConfig query = database.queries();
        return driver.executableQuery("""
                UNWIND $ids AS wanted
                CALL (wanted) {
                  MATCH (o:Organisation {id: wanted}) WHERE o.version >= 0
                  RETURN o.id AS id, 'organisation' AS type, o.name AS name
                  UNION
                  MATCH (p:Person {id: wanted}) WHERE p.scope IN $scopes
                  RETURN p.id AS id, 'person' AS type, p.displayName AS name
                }
                RETURN id, type, name
                """).withParameters(Map.of("ids", List.copyOf(ids), "scopes", List.copyOf(scopes))).withConfig(query)
                .execute().records().stream().map(r -> actor(r, "id", "type", "name")).toList();
    }

    /**
     * Every current tie of these organisations and persons: cooperation, co-production (weight, at
     * most 1), affiliations of visible persons (leads 1.0, works at 0.8, else 0.6) and acquaintances
     * between visible persons (strength 1–5 as 0.2–1). Reads the relationships of these nodes only.
     */
    public List<Link> links(Collection<String> organisations, Collection<String> persons, Set<String> scopes) {
        QueryConfig query = database.queries();
        Map<String, Object> params = Map.of("organisations", List.copyOf(organisations), "persons", List.copyOf(persons),
                "scopes", List.copyOf(scopes));
        return driver.executableQuery(TieStrength.in("""
                CALL {
                  UNWIND $organisations AS id
                  MATCH (a:Organisation {id: id})-[c:COOPERATES]-(b:Organisation)
                  WHERE a.version >= 0 AND b.version >= 0 AND a <> b AND (c.until IS NULL OR c.until >= date())
                  RETURN a.id AS a, b.id AS b, 'organisation' AS type, b.name AS name,
                         {cooperation} AS strength, 'cooperation' AS kind
                  UNION ALL
                  UNWIND $organisations AS id
                  MATCH (a:Organisation {id: id})-[c:CO_PRODUCES]-(b:Organisation)
                  WHERE a.version >= 0 AND b.version >= 0 AND a <> b
                  RETURN a.id AS a, b.id AS b, 'organisation' AS type, b.name AS name,
                         CASE WHEN c.weight > 1 THEN 1.0 ELSE c.weight END AS strength, 'co_production' AS kind
                  UNION ALL
                  UNWIND $organisations AS id
                  MATCH (a:Organisation {id: id})<-[r:AFFILIATED]-(b:Person)
                  WHERE a.version >= 0 AND b.scope IN $scopes AND (r.until IS NULL OR r.until >= date())
                  RETURN a.id AS a, b.id AS b, 'person' AS type, b.displayName AS name,
                         CASE r.role WHEN 'leads' THEN 1.0 WHEN 'works_at' THEN 0.8 ELSE 0.6 END AS strength, 'affiliation' AS kind
                  UNION ALL
                  UNWIND $persons AS id
                  MATCH (a:Person {id: id})-[r:AFFILIATED]->(b:Organisation)
                  WHERE a.scope IN $scopes AND b.version >= 0 AND (r.until IS NULL OR r.until >= date())
                  RETURN a.id AS a, b.id AS b, 'organisation' AS type, b.name AS name,
                         CASE r.role WHEN 'leads' THEN 1.0 WHEN 'works_at' THEN 0.8 ELSE 0.6 END AS strength, 'affiliation' AS kind
                  UNION ALL
                  UNWIND $persons AS id
                  MATCH (a:Person {id: id})-[k:KNOWS]-(b:Person)
                  WHERE a.scope IN $scopes AND b.scope IN $scopes AND a <> b AND (k.until IS NULL OR k.until >= date())
                  RETURN a.id AS a, b.id AS b, 'person' AS type, b.displayName AS name, {acquaintance} AS strength,
                         'acquaintance' AS kind
                }
                RETURN a, b, type, name, strength, kind
                """)).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Link(r.get("a").asString(), actor(r, "b", "type", "name"), r.get("strength").asDouble(),
                        r.get("kind").asString()))
                .toList();
    }

    private Actor actor(Record r, String id, String type, String name) {
        return new Actor(r.get(id).asString(), r.get(type).asString(), names.open(r.get(name).asString(null)));
    }
}
