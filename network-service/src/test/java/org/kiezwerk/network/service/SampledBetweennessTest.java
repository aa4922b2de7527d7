package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.graph.AnalysisGraph;

/** Fast: the sampled estimate against JGraphT's exact betweenness. */
class SampledBetweennessTest {

    @Test
    void onSmallGraphsItIsTheBetweennessWorkedOutByHand() {
        // scaled as JGraphT's normalised scores: the pairs an actor lies between, over (n-1)(n-2)
        // a star: the centre lies between any two of its 4 leaves, 6 pairs; (n-1)(n-2) = 12
        Map<String, Double> star = estimate(graph("c-l1:1", "c-l2:1", "c-l3:1", "c-l4:1"), 100, 1).scores();
        assertEquals(6 / 12.0, star.get("c"), 1e-9);
        assertEquals(0.0, star.get("l1"), 1e-9);
        // a line a-b-c-d-e: b lies between a and c, d, e (3 pairs), c between a, b and d, e (4 pairs)
        Map<String, Double> line = estimate(graph("a-b:1", "b-c:1", "c-d:1", "d-e:1"), 100, 1).scores();
        assertEquals(0.0, line.get("a"), 1e-9);
        assertEquals(3 / 12.0, line.get("b"), 1e-9);
        assertEquals(4 / 12.0, line.get("c"), 1e-9);
        assertEquals(3 / 12.0, line.get("d"), 1e-9);
        // weights are distances: the long direct tie a-b loses to the detour through c (1 pair; (n-1)(n-2) = 2)
        Map<String, Double> detour = estimate(graph("a-b:5", "a-c:1", "c-b:1"), 100, 1).scores();
        assertEquals(1 / 2.0, detour.get("c"), 1e-9);
        assertEquals(0.0, detour.get("a"), 1e-9);
    }

    /** A graph from ties written "a-b:distance". */
    private static Graph<String, DefaultWeightedEdge> graph(String... ties) {
        Graph<String, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        for (String tie : ties) {
            String[] ends = tie.split("[-:]");
            Graphs.addEdgeWithVertices(graph, ends[0], ends[1], Double.parseDouble(ends[2]));
        }
        return graph;
    }

    /** The estimate on the same network as arrays (strength = 1 / distance), by id. */
    private static Estimate estimate(Graph<String, DefaultWeightedEdge> distances, int samples, long seed) {
        List<AnalysisGraph.Node> nodes = distances.vertexSet().stream().map(v -> new AnalysisGraph.Node(v, v, "x")).toList();
        List<AnalysisGraph.Tie> ties = distances.edgeSet().stream().map(e -> new AnalysisGraph.Tie(distances.getEdgeSource(e),
                distances.getEdgeTarget(e), 1.0 / distances.getEdgeWeight(e), "x")).toList();
        CompactGraph graph = CompactGraph.of(new AnalysisGraph.Network(nodes, ties));
        SampledBetweenness.Estimate estimate = SampledBetweenness.estimate(graph, samples, seed);
        Map<String, Double> scores = new HashMap<>();
        Map<String, Double> errors = new HashMap<>();
        for (int v = 0; v < graph.size(); v++) {
            scores.put(graph.id(v), estimate.scores()[v]);
            errors.put(graph.id(v), estimate.standardErrors()[v]);
        }
        return new Estimate(scores, errors, estimate.sources());
    }

    private record Estimate(Map<String, Double> scores, Map<String, Double> standardErrors, int sources) {
    }

    @Test
    void withEverySourceItIsTheExactBetweenness() {
        Graph<String, DefaultWeightedEdge> graph = randomGraph(120, 400, 1);
        Map<String, Double> exact = new BetweennessCentrality<>(graph, true).getScores();
        Estimate all = estimate(graph, 10_000, 7);
        assertEquals(120, all.sources());
        for (String v : graph.vertexSet()) {
            assertEquals(exact.get(v), all.scores().get(v), 1e-9, v);
            assertEquals(0.0, all.standardErrors().get(v), 1e-12);
        }
    }

    /**
     * Actors without ties are no sources: with as many samples as there are actors with ties, the estimate is exact, however
     * many actors have none (three in four here). Drawn from all actors, three in four samples were spent on nothing.
     */
    @Test
    void samplesOnlyActorsWithTies() {
        for (long seed = 1; seed <= 3; seed++) {
            Graph<String, DefaultWeightedEdge> graph = randomGraph(100, 300, seed);
            long tied = graph.vertexSet().stream().filter(v -> graph.degreeOf(v) > 0).count();
            for (int i = 0; i < 300; i++) {
                graph.addVertex("loner-" + i);
            }
            Map<String, Double> exact = new BetweennessCentrality<>(graph, true).getScores();
            Estimate estimate = estimate(graph, (int) tied, 42);
            assertEquals(tied, estimate.sources(), "seed " + seed);
            for (String v : graph.vertexSet()) {
                assertEquals(exact.get(v), estimate.scores().get(v), 1e-9, v + ", seed " + seed);
                assertEquals(0.0, estimate.standardErrors().get(v), 1e-12);
            }
        }
    }

    @Test
    void fromASampleItIsCloseWithinItsStatedError() {
        Graph<String, DefaultWeightedEdge> graph = randomGraph(600, 2400, 3);
        Map<String, Double> exact = new BetweennessCentrality<>(graph, true).getScores();
        Estimate estimate = estimate(graph, 150, 42);
        assertEquals(150, estimate.sources());
        int outside = 0;
        double largest = exact.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double totalError = 0;
        for (String v : graph.vertexSet()) {
            double error = Math.abs(estimate.scores().get(v) - exact.get(v));
            totalError += error;
            if (error > 3 * estimate.standardErrors().get(v) + 1e-4) {
                outside++;
            }
        }
        double meanError = totalError / graph.vertexSet().size();
        assertTrue(meanError < 0.05 * largest, "mean error " + meanError + ", largest score " + largest);
        // the stated error is itself estimated: good for the central actors, rough for the peripheral ones
        assertTrue(outside <= graph.vertexSet().size() * 15 / 100, outside + " of 600 estimates beyond three standard errors");
        // who matters most is found: the top actor, and most of the top ten
        List<String> exactTop = top(exact, 10);
        List<String> estimatedTop = top(estimate.scores(), 15);
        assertEquals(exactTop.get(0), top(estimate.scores(), 1).get(0));
        assertTrue(exactTop.stream().filter(estimatedTop::contains).count() >= 8, exactTop + " vs " + estimatedTop);
    }

    private static List<String> top(Map<String, Double> scores, int n) {
        return scores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .map(Map.Entry::getKey).toList();
    }

    /** A connected weighted graph: a chain through every vertex, and random ties across. */
    private static Graph<String, DefaultWeightedEdge> randomGraph(int vertices, int edges, long seed) {
        Random random = new Random(seed);
        Graph<String, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        for (int i = 0; i < vertices; i++) {
            graph.addVertex("v" + i);
        }
        for (int i = 1; i < vertices; i++) {
            Graphs.addEdge(graph, "v" + random.nextInt(i), "v" + i, 1 + random.nextInt(5));
        }
        while (graph.edgeSet().size() < edges) {
            int a = random.nextInt(vertices);
            int b = random.nextInt(vertices);
            if (a != b && !graph.containsEdge("v" + a, "v" + b)) {
                Graphs.addEdge(graph, "v" + a, "v" + b, 1 + random.nextInt(5));
            }
        }
        return graph;
    }
}
