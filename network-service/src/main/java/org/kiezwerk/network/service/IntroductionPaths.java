package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.Graphs;
import org.jgrapht.alg.shortestpath.YenKShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.kiezwerk.network.graph.AnalysisGraph;
import org.kiezwerk.network.graph.PathGraph;

/**
 * "How do I reach the parish council?": the k best chains of people and organisations who know each
 * other (Yen's k shortest paths). A tie's cost is 1 / strength, so strong and confirmed ties make
 * short chains; persons appear only if their consent scope allows the asker to see them.
 */
@ApplicationScoped
public class IntroductionPaths {

    @Inject
    PathGraph graph;

    @Inject
    AnalysisGraph fingerprints;

    public record Step(String id, String type, String name, String via) {
    }

    public record Path(int hops, double cost, List<Step> steps) {
    }

    /** The graph an introduction may pass through, ready for the search, for one set of visible consent scopes. */
    private record Prepared(AnalysisGraph.Fingerprint fingerprint, Graph<String, DefaultWeightedEdge> graph,
            Map<String, PathGraph.Actor> actors, Map<String, String> kinds) {
    }

    /**
     * Kept until the graph changes (its fingerprint, read from Neo4j, so any replica's change counts).
     * At most two sets of scopes at a time: at city scale each holds the whole graph.
     */
    private final Map<String, Prepared> prepared = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(4, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
                    return size() > 2;
                }
            });

    @io.micrometer.core.annotation.Timed(value = "kiezwerk.analysis", extraTags = {"analysis", "introduction-paths"},
            description = "How long the network analyses take")
    public List<Path> between(String from, String to, int k, Set<String> scopes) {
        Prepared network = prepare(scopes);
        Graph<String, DefaultWeightedEdge> g = network.graph();
        if (!g.containsVertex(from) || !g.containsVertex(to) || from.equals(to)) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        // Yen's search reads the graph only (it masks, never removes), so requests can share it
        for (GraphPath<String, DefaultWeightedEdge> path : new YenKShortestPath<>(g).getPaths(from, to, k)) {
            List<String> vertices = path.getVertexList();
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < vertices.size(); i++) {
                PathGraph.Actor actor = network.actors().get(vertices.get(i));
                steps.add(new Step(actor.id(), actor.type(), actor.name(),
                        i == 0 ? null : network.kinds().get(key(vertices.get(i - 1), vertices.get(i)))));
            }
            paths.add(new Path(path.getLength(), Math.round(path.getWeight() * 1000) / 1000.0, steps));
        }
        return paths;
    }

    private Prepared prepare(Set<String> scopes) {
        String key = new java.util.TreeSet<>(scopes).toString();
        AnalysisGraph.Fingerprint now = fingerprints.fingerprint();
        Prepared cached = prepared.get(key);
        if (cached != null && cached.fingerprint().equals(now)) {
            return cached;
        }
        Prepared fresh = build(graph.load(scopes), now);
        prepared.put(key, fresh);
        return fresh;
    }

    private static Prepared build(PathGraph.Network network, AnalysisGraph.Fingerprint fingerprint) {
        Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        Map<String, PathGraph.Actor> actors = new HashMap<>();
        for (PathGraph.Actor actor : network.actors()) {
            g.addVertex(actor.id());
            actors.put(actor.id(), actor);
        }
        Map<String, String> kinds = new HashMap<>();
        for (PathGraph.Link link : network.links()) {
            if (!g.containsVertex(link.a()) || !g.containsVertex(link.b()) || link.a().equals(link.b()) || link.strength() <= 0) {
                continue;
            }
            double cost = 1.0 / link.strength();
            DefaultWeightedEdge existing = g.getEdge(link.a(), link.b());
            if (existing == null) {
                Graphs.addEdge(g, link.a(), link.b(), cost);
                kinds.put(key(link.a(), link.b()), link.kind());
            } else if (cost < g.getEdgeWeight(existing)) {
                g.setEdgeWeight(existing, cost); // the strongest of several ties between the same two counts
                kinds.put(key(link.a(), link.b()), link.kind());
            }
        }
        return new Prepared(fingerprint, g, actors, kinds);
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
