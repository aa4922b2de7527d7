package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;

/**
 * Everything an introduction may pass through: organisations, and persons whose consent scope allows
 * it, with all current ties between them and a strength from 0 to 1 each.
 */
@ApplicationScoped
public class PathGraph {

    public record Actor(String id, String type, String name) {
    }

    public record Link(String a, String b, double strength, String kind) {
    }

    public record Network(List<Actor> actors, List<Link> links) {
    }

    @Inject
    Driver driver;

    @Inject
    GraphConfig config;

    @Inject
    org.kiezwerk.network.service.PersonNames names;

    /** @param scopes the consent scopes the asker may pass through (e.g. only "public") */
    public Network load(Set<String> scopes) {
        QueryConfig query = QueryConfig.builder().withDatabase(config.database()).build();
        Map<String, Object> params = Map.of("scopes", List.copyOf(scopes));
        List<Actor> actors = driver.executableQuery("""
                MATCH (o:Organisation) WHERE o.version >= 0
                RETURN o.id AS id, 'organisation' AS type, o.name AS name
                UNION
                MATCH (p:Person) WHERE p.scope IN $scopes
                RETURN p.id AS id, 'person' AS type, p.displayName AS name
                """).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Actor(r.get("id").asString(), r.get("type").asString(), names.open(r.get("name").asString()))).toList();
        List<Link> links = driver.executableQuery("""
                MATCH (a:Organisation)-[c:COOPERATES]-(b:Organisation)
                WHERE a.id < b.id AND a.version >= 0 AND b.version >= 0 AND (c.until IS NULL OR c.until >= date())
                RETURN a.id AS a, b.id AS b, c.strength / 5.0 * CASE WHEN c.confirmed THEN 1.0 ELSE 0.5 END AS strength,
                       'cooperation' AS kind
                UNION ALL
                MATCH (a:Organisation)-[c:CO_PRODUCES]->(b:Organisation)
                WHERE a.version >= 0 AND b.version >= 0
                RETURN a.id AS a, b.id AS b, CASE WHEN c.weight > 1 THEN 1.0 ELSE c.weight END AS strength,
                       'co_production' AS kind
                UNION ALL
                MATCH (p:Person)-[r:AFFILIATED]->(o:Organisation)
                WHERE (r.until IS NULL OR r.until >= date()) AND p.scope IN $scopes AND o.version >= 0
                RETURN p.id AS a, o.id AS b, CASE r.role WHEN 'leads' THEN 1.0 WHEN 'works_at' THEN 0.8 ELSE 0.6 END AS strength,
                       'affiliation' AS kind
                UNION ALL
                MATCH (p:Person)-[k:KNOWS]-(q:Person)
                WHERE (k.until IS NULL OR k.until >= date()) AND p.id < q.id AND p.scope IN $scopes AND q.scope IN $scopes
                RETURN p.id AS a, q.id AS b, k.strength / 5.0 AS strength, 'acquaintance' AS kind
                """).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Link(r.get("a").asString(), r.get("b").asString(), r.get("strength").asDouble(), r.get("kind").asString()))
                .toList();
        return new Network(actors, links);
    }
}
