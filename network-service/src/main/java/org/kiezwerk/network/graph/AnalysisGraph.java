package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kiezwerk.network.config.GraphConfig;
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
    GraphConfig config;

    /** @param area a neighbourhood code (quarter or district), or null for the whole city */
    public Network load(String area) {
        Map<String, Object> params = new HashMap<>();
        params.put("area", area);
        QueryConfig query = QueryConfig.builder().withDatabase(config.database()).build();
        List<Node> nodes = driver.executableQuery("""
                MATCH (o:Organisation)
                WHERE o.version >= 0 AND ($area IS NULL OR $area IN coalesce(o.areas, []))
                RETURN o.id AS id, o.name AS name, o.kind AS kind
                ORDER BY o.id
                """).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Node(r.get("id").asString(), r.get("name").asString(), r.get("kind").asString()))
                .toList();
        List<Tie> ties = driver.executableQuery("""
                MATCH (a:Organisation)-[c:CO_PRODUCES]->(b:Organisation)
                WHERE a.version >= 0 AND b.version >= 0
                  AND ($area IS NULL OR ($area IN coalesce(a.areas, []) AND $area IN coalesce(b.areas, [])))
                RETURN a.id AS a, b.id AS b, c.weight AS strength
                ORDER BY a.id, b.id
                """).withParameters(params).withConfig(query).execute().records().stream()
                .map(r -> new Tie(r.get("a").asString(), r.get("b").asString(), r.get("strength").asDouble(), "co_production"))
                .toList();
        return new Network(nodes, ties);
    }
}
