package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.GraphPath;
import org.jgrapht.Graphs;
import org.jgrapht.alg.shortestpath.YenKShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;

/** Fast: Yen's chains on arrays answer as JGraphT's Yen on the same graph. */
class KShortestChainsTest {

    /** A random graph in both forms: the arrays the search takes and JGraphT's graph. */
    private record Both(KShortestChains arrays, SimpleWeightedGraph<Integer, DefaultWeightedEdge> jgrapht) {
    }

    private static Both random(Random random, int n, int ties, int costLevels) {
        Map<Long, Double> cheapest = new HashMap<>();
        for (int e = 0; e < ties; e++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            if (a != b) {
                double cost = 1.0 / ((1 + random.nextInt(costLevels)) / (double) costLevels);
                cheapest.merge(Math.min(a, b) * (long) n + Math.max(a, b), cost, Math::min);
            }
        }
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        List<List<int[]>> rows = new ArrayList<>();
        List<List<Double>> rowCosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.addVertex(i);
            rows.add(new ArrayList<>());
            rowCosts.add(new ArrayList<>());
        }
        cheapest.forEach((key, cost) -> {
            int a = (int) (key / n);
            int b = (int) (key % n);
            Graphs.addEdge(g, a, b, cost);
            rows.get(a).add(new int[] {b});
            rowCosts.get(a).add(cost);
            rows.get(b).add(new int[] {a});
            rowCosts.get(b).add(cost);
        });
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + rows.get(i).size();
        }
        int[] targets = new int[offsets[n]];
        double[] costs = new double[offsets[n]];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows.get(i).size(); j++) {
                targets[offsets[i] + j] = rows.get(i).get(j)[0];
                costs[offsets[i] + j] = rowCosts.get(i).get(j);
            }
        }
        return new Both(new KShortestChains(n, offsets, targets, costs), g);
    }

    private static List<Double> rounded(List<Double> costs) {
        return costs.stream().map(c -> Math.round(c * 1e6) / 1e6).toList();
    }

    @Test
    void onRandomGraphsTheChainsAreJGraphTsYen() {
        int comparedChains = 0;
        for (int seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            int n = 2 + random.nextInt(80);
            // few cost levels: many chains of equal cost, where only the costs can be compared
            Both graph = random(random, n, random.nextInt(4 * n + 1), seed % 3 == 0 ? 2 : 100);
            int s = random.nextInt(n);
            int t = random.nextInt(n);
            int k = 1 + random.nextInt(10);
            List<GraphPath<Integer, DefaultWeightedEdge>> expected = s == t ? List.of()
                    : new YenKShortestPath<>(graph.jgrapht()).getPaths(s, t, k);
            List<KShortestChains.Chain> found = graph.arrays().between(s, t, k);

            assertEquals(rounded(expected.stream().map(GraphPath::getWeight).toList()),
                    rounded(found.stream().map(KShortestChains.Chain::cost).toList()), "seed " + seed);
            Set<List<Integer>> distinct = new HashSet<>();
            for (KShortestChains.Chain chain : found) {
                int[] actors = chain.actors();
                assertEquals(s, actors[0], "seed " + seed);
                assertEquals(t, actors[actors.length - 1], "seed " + seed);
                assertEquals(actors.length, Arrays.stream(actors).distinct().count(), "loopless, seed " + seed);
                double cost = 0;
                for (int i = 1; i < actors.length; i++) {
                    DefaultWeightedEdge tie = graph.jgrapht().getEdge(actors[i - 1], actors[i]);
                    assertNotNull(tie, "a tie of the graph, seed " + seed);
                    cost += graph.jgrapht().getEdgeWeight(tie);
                }
                assertEquals(cost, chain.cost(), 1e-9, "seed " + seed);
                assertTrue(distinct.add(Arrays.stream(actors).boxed().toList()), "no chain twice, seed " + seed);
            }
            // no two of equal cost among these and the next: the chains themselves are fixed
            List<Double> onePast = rounded(s == t ? List.of()
                    : new YenKShortestPath<>(graph.jgrapht()).getPaths(s, t, k + 1).stream().map(GraphPath::getWeight).toList());
            if (onePast.stream().distinct().count() == onePast.size()) {
                assertEquals(expected.stream().map(GraphPath::getVertexList).toList(),
                        found.stream().map(c -> Arrays.stream(c.actors()).boxed().toList()).toList(), "seed " + seed);
                comparedChains++;
            }
        }
        assertTrue(comparedChains > 150, "chains compared for " + comparedChains + " seeds");
    }

    @Test
    void fewerChainsThanAskedWhenNoMoreExist() {
        // a - b - c and a - c: two chains from a to c, none more
        KShortestChains graph = new KShortestChains(3, new int[] {0, 2, 4, 6}, new int[] {1, 2, 0, 2, 0, 1},
                new double[] {1, 5, 1, 1, 5, 1});

        List<KShortestChains.Chain> found = graph.between(0, 2, 5);

        assertEquals(2, found.size());
        assertArrayEquals(new int[] {0, 1, 2}, found.get(0).actors());
        assertEquals(2.0, found.get(0).cost());
        assertArrayEquals(new int[] {0, 2}, found.get(1).actors());
        assertEquals(List.of(), graph.between(0, 0, 3));
    }

    @Test
    void noChainToAnActorOutOfReach() {
        KShortestChains graph = new KShortestChains(3, new int[] {0, 1, 2, 2}, new int[] {1, 0}, new double[] {1, 1});

        assertEquals(List.of(), graph.between(0, 2, 3));
    }
}
