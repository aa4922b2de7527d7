package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.alg.clustering.UndirectedModularityMeasurer;
import org.jgrapht.alg.connectivity.BiconnectivityInspector;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.scoring.ClusteringCoefficient;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.graph.AnalysisGraph;

/** Fast: the analyses on arrays give what JGraphT's give on the graph the key actors were computed on before. */
class CompactGraphTest {

    @Test
    void givesJGraphTsScoresCommunitiesAndArticulationPoints() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            AnalysisGraph.Network network = network(random, 20 + random.nextInt(seed <= 5 ? 3000 : 400));
            Graph<String, DefaultWeightedEdge> jgrapht = jgrapht(network);
            CompactGraph graph = CompactGraph.of(network);
            assertEquals(jgrapht.vertexSet().size(), graph.size());

            Map<String, Double> pageRank = new PageRank<>(jgrapht, CompactGraph.DAMPING, CompactGraph.PAGE_RANK_ITERATIONS,
                    CompactGraph.pageRankTolerance(graph.size())).getScores();
            double[] compactPageRank = graph.pageRank();
            Set<String> cutpoints = new BiconnectivityInspector<>(jgrapht).getCutpoints();
            boolean[] compactCutpoints = graph.cutpoints();
            int[] community = graph.communities(100, new Random(42));
            List<Set<String>> clusters = new LabelPropagationClustering<>(jgrapht, 100, new Random(42)).getClustering().getClusters();
            for (int v = 0; v < graph.size(); v++) {
                String id = graph.id(v);
                assertEquals(jgrapht.degreeOf(id), graph.degree(v), id);
                assertEquals(jgrapht.edgesOf(id).stream().mapToDouble(jgrapht::getEdgeWeight).sum(), graph.weightedDegree(v), 0.0, id);
                assertEquals(pageRank.get(id), compactPageRank[v], 0.0, "page rank of " + id + ", seed " + seed);
                assertEquals(cutpoints.contains(id), compactCutpoints[v], "articulation point " + id + ", seed " + seed);
            }
            List<List<String>> expected = clusters.stream().map(c -> (List<String>) new ArrayList<>(c)).toList();
            assertEquals(expected, clusters(graph, community), "communities, seed " + seed);
            assertTrue(clusters.size() > 1 && clusters.size() < graph.size(), "a real partition, seed " + seed);
            assertEquals(new UndirectedModularityMeasurer<>(jgrapht).modularity(clusters), graph.modularity(community), 1e-9,
                    "modularity, seed " + seed);

            if (graph.size() <= 500) {
                Map<String, Double> exact = new BetweennessCentrality<>(distances(network), true).getScores();
                Map<String, Double> compact = new BetweennessCentrality<>(graph.distances(), true).getScores();
                assertEquals(exact, compact, "exact betweenness, seed " + seed);
            }
        }
    }

    /**
     * The network health's structure on arrays is what it was with JGraphT (the graph built as before: a simple graph,
     * a pair's first tie, no self-ties): actors, ties, components (loners each one of their own), the largest's share,
     * the average clustering coefficient, the density.
     */
    @Test
    void healthFiguresAreJGraphTs() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            AnalysisGraph.Network network = network(random, 2 + random.nextInt(seed <= 5 ? 3000 : 400));
            Graph<String, DefaultWeightedEdge> jgrapht = jgrapht(network);
            List<Set<String>> components = new ConnectivityInspector<>(jgrapht).connectedSets();
            long n = jgrapht.vertexSet().size();
            long e = jgrapht.edgeSet().size();
            NetworkHealth.Structure structure = NetworkHealth.structure(network);
            assertEquals(n, structure.actors(), "seed " + seed);
            assertEquals(e, structure.ties(), "seed " + seed);
            assertEquals(components.size(), structure.components(), "seed " + seed);
            assertEquals(Math.round((double) components.stream().mapToInt(Set::size).max().orElse(0) / n * 10000) / 10000.0,
                    structure.largestComponentShare(), "seed " + seed);
            assertEquals(new ClusteringCoefficient<>(jgrapht).getAverageClusteringCoefficient(), CompactGraph.of(network).averageClustering(),
                    1e-12, "seed " + seed);
            assertEquals(org.kiezwerk.commons.api.Figures.significant(2.0 * e / (n * (n - 1))), structure.density(), "seed " + seed);
        }
        NetworkHealth.Structure empty = NetworkHealth.structure(new AnalysisGraph.Network(List.of(), List.of()));
        assertEquals(new NetworkHealth.Structure(0, 0, 0, 0, 0, 0), empty);
        // a triangle with a tail and a loner: clustering (1 + 1 + 1/3 + 0 + 0) / 5, two components, the larger 4 of 5
        NetworkHealth.Structure small = NetworkHealth.structure(new AnalysisGraph.Network(
                List.of(node("a"), node("b"), node("c"), node("d"), node("e")),
                List.of(tie("a", "b"), tie("b", "c"), tie("c", "a"), tie("c", "d"))));
        assertEquals(new NetworkHealth.Structure(5, 4, 0.4, 0.4667, 2, 0.8), small);
    }

    /**
     * At city scale (20,000 actors in 48 quarters, 100,000 ties, as the benchmark's city) the PageRank published is the
     * converged one, to its six significant digits: against JGraphT's PageRank run to 1e-15, every actor's score is
     * within 1e-5 of it, and the key actors (sorted by the published score, then id) are the reference's top 20 in its
     * order. With JGraphT's default absolute tolerance of 0.0001 the iteration stopped after one or two steps (scores up
     * to 27 % off) and, rounded to four decimals, 19 of the 20 key actors were others, in the order of their ids.
     */
    @Test
    void pageRankAtCityScaleIsTheConvergedOne() {
        for (long seed = 1; seed <= 3; seed++) {
            AnalysisGraph.Network network = city(new Random(seed), 20_000, 100_000, 48);
            CompactGraph graph = CompactGraph.of(network);
            double[] published = graph.pageRank();
            Map<String, Double> reference = new PageRank<>(jgrapht(network), 0.85, 10_000, 1e-15).getScores();
            List<Integer> order = new ArrayList<>();
            for (int v = 0; v < graph.size(); v++) {
                double exact = reference.get(graph.id(v));
                assertEquals(exact, org.kiezwerk.commons.api.Figures.significant(published[v]), exact * 1e-5,
                        "PageRank of " + graph.id(v) + ", seed " + seed);
                order.add(v);
            }
            // as NetworkAnalyses sorts the key actors
            order.sort(java.util.Comparator.comparingDouble((Integer v) -> -org.kiezwerk.commons.api.Figures.significant(published[v]))
                    .thenComparing(graph::id));
            List<String> expected = reference.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(20).map(Map.Entry::getKey).toList();
            List<String> keyActors = order.stream().limit(20).map(graph::id).toList();
            for (int i = 0; i < 20; i++) {
                // two scores within the rounding's reach may be told apart either way
                double a = reference.get(expected.get(i));
                double b = reference.get(keyActors.get(i));
                assertTrue(expected.get(i).equals(keyActors.get(i)) || Math.abs(a - b) <= a * 1e-5,
                        "key actor " + (i + 1) + ", seed " + seed + ": " + keyActors + " against " + expected);
            }
        }
    }

    /** A city as the benchmark generates one: quarters of equal size, most ties inside a quarter, strengths as the ties'. */
    private static AnalysisGraph.Network city(Random random, int actors, int ties, int quarters) {
        List<AnalysisGraph.Node> nodes = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            nodes.add(node("o" + i));
        }
        int perQuarter = actors / quarters;
        List<AnalysisGraph.Tie> list = new ArrayList<>();
        while (list.size() < ties) {
            int a = random.nextInt(actors);
            int b = random.nextDouble() < 0.8 ? Math.min(actors - 1, a / perQuarter * perQuarter + random.nextInt(perQuarter))
                    : random.nextInt(actors);
            if (a != b) {
                // a cooperation (strength 1-5 of 5, halved unconfirmed) or a co-production (weight 1-3)
                double strength = random.nextDouble() < 0.6 ? (1 + random.nextInt(5)) / 5.0 * (random.nextBoolean() ? 1 : 0.5)
                        : 1 + random.nextInt(3);
                list.add(new AnalysisGraph.Tie("o" + a, "o" + b, strength, "x"));
            }
        }
        return new AnalysisGraph.Network(nodes, list);
    }

    /**
     * Planted groups, each a clique or nearly, joined by single ties between one member of each (as the analytics
     * test's two groups of four): with random ids (so in random order) one label propagation run sometimes merges
     * groups over such a tie; the best of the runs by modularity finds every group, on every one of the networks.
     */
    @Test
    void findsPlantedGroupsJoinedBySingleTies() {
        int singleRunMerged = 0;
        for (long seed = 1; seed <= 1500; seed++) {
            Random random = new Random(seed);
            int groups = 2 + random.nextInt(3);
            List<List<String>> planted = new ArrayList<>();
            List<AnalysisGraph.Tie> ties = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                List<String> members = new ArrayList<>();
                for (int i = 4 + random.nextInt(3); i > 0; i--) {
                    members.add(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
                }
                for (int a = 0; a < members.size(); a++) {
                    for (int b = a + 1; b < members.size(); b++) {
                        if (random.nextDouble() < 0.9 || b == a + 1) { // nearly a clique, always connected
                            ties.add(sorted(members.get(a), members.get(b)));
                        }
                    }
                }
                if (g > 0) { // one tie to an earlier group, from a member other than its first
                    List<String> earlier = planted.get(random.nextInt(g));
                    ties.add(sorted(earlier.get(random.nextInt(earlier.size())), members.get(1 + random.nextInt(members.size() - 1))));
                }
                planted.add(members);
            }
            // as AnalysisGraph.load gives them: organisations by id, ties by their ends' ids
            ties.sort(java.util.Comparator.comparing(AnalysisGraph.Tie::a).thenComparing(AnalysisGraph.Tie::b));
            List<AnalysisGraph.Node> nodes = planted.stream().flatMap(List::stream).sorted().map(CompactGraphTest::node).toList();
            CompactGraph graph = CompactGraph.of(new AnalysisGraph.Network(nodes, ties));

            Set<Set<String>> expected = new HashSet<>();
            planted.forEach(members -> expected.add(Set.copyOf(members)));
            assertEquals(expected, groups(graph, graph.bestCommunities(100, NetworkAnalyses.COMMUNITY_RUNS, 42)), "seed " + seed);
            if (!groups(graph, graph.communities(100, new Random(42))).equals(expected)) {
                singleRunMerged++;
            }
        }
        // the networks are the hard case: a single run (the analyses before) misses some of them (79 of the 1,500)
        System.out.printf("planted groups: a single label propagation run missed them in %d of 1500 networks, the best of %d runs in none%n",
                singleRunMerged, NetworkAnalyses.COMMUNITY_RUNS);
        assertTrue(singleRunMerged > 0, "a single run found every planted group");
    }

    @Test
    void modularityOfSmallGraphsWorkedOutByHand() {
        // two triangles joined by one tie, all strength 1: m = 7; each side has 3 ties inside and degree sum 7
        CompactGraph graph = CompactGraph.of(new AnalysisGraph.Network(
                List.of(node("a"), node("b"), node("c"), node("d"), node("e"), node("f")),
                List.of(tie("a", "b"), tie("b", "c"), tie("c", "a"), tie("c", "d"), tie("d", "e"), tie("e", "f"), tie("f", "d"))));
        assertEquals(2 * (3.0 / 7 - 0.25), graph.modularity(new int[] {0, 0, 0, 1, 1, 1}), 1e-12);
        assertEquals(0.0, graph.modularity(new int[] {0, 0, 0, 0, 0, 0}), 1e-12);
        assertTrue(graph.modularity(new int[] {0, 0, 1, 1, 0, 1}) < 0);
    }

    private static Set<Set<String>> groups(CompactGraph graph, int[] community) {
        Set<Set<String>> groups = new HashSet<>();
        clusters(graph, community).forEach(members -> groups.add(Set.copyOf(members)));
        return groups;
    }

    private static AnalysisGraph.Tie sorted(String a, String b) {
        return a.compareTo(b) < 0 ? tie(a, b) : tie(b, a);
    }

    @Test
    void articulationPointsOfSmallGraphsWorkedOutByHand() {
        // a-b-c and c-d-e-c (a triangle): b and c split the network, a, d and e do not; f alone
        CompactGraph graph = CompactGraph.of(new AnalysisGraph.Network(
                List.of(node("a"), node("b"), node("c"), node("d"), node("e"), node("f")),
                List.of(tie("a", "b"), tie("b", "c"), tie("c", "d"), tie("d", "e"), tie("e", "c"))));
        boolean[] cut = graph.cutpoints();
        assertArrayEquals(new boolean[] {false, true, true, false, false, false}, cut);
    }

    @Test
    void keepsAPairsFirstTieAndDropsSelfTiesAndStrangers() {
        CompactGraph graph = CompactGraph.of(new AnalysisGraph.Network(List.of(node("a"), node("b"), node("c")),
                List.of(new AnalysisGraph.Tie("a", "b", 0.5, "x"), new AnalysisGraph.Tie("b", "a", 0.9, "x"),
                        new AnalysisGraph.Tie("a", "a", 1, "x"), new AnalysisGraph.Tie("a", "z", 1, "x"),
                        new AnalysisGraph.Tie("c", "b", 0.0, "x"))));
        assertEquals(1, graph.degree(0));
        assertEquals(0.5, graph.weightedDegree(0), 0.0);
        assertEquals(2, graph.degree(1));
        assertEquals(CompactGraph.MIN_STRENGTH, graph.weightedDegree(2), 0.0); // the weakest tie still counts a little
    }

    private static List<List<String>> clusters(CompactGraph graph, int[] community) {
        List<List<String>> clusters = new ArrayList<>();
        for (int v = 0; v < graph.size(); v++) {
            if (community[v] == clusters.size()) {
                clusters.add(new ArrayList<>());
            }
            clusters.get(community[v]).add(graph.id(v));
        }
        return clusters;
    }

    /** Groups with most ties inside (as the city's quarters), some across, some weak, repeated, self or stray ties, and loners. */
    private static AnalysisGraph.Network network(Random random, int size) {
        List<AnalysisGraph.Node> nodes = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random); // not sorted by id, as when persons follow the organisations
        for (int i : order) {
            nodes.add(node("n" + i));
        }
        int groups = 2 + random.nextInt(12);
        List<AnalysisGraph.Tie> ties = new ArrayList<>();
        int count = size * (1 + random.nextInt(6));
        Set<String> pairs = new HashSet<>();
        for (int t = 0; t < count; t++) {
            int a = random.nextInt(size);
            int b = random.nextDouble() < 0.8 ? (a % groups) + groups * random.nextInt(Math.max(1, size / groups)) : random.nextInt(size);
            if (b >= size || a % 17 == 5) {
                continue; // some actors without ties
            }
            double strength = random.nextDouble() < 0.05 ? 0.0005 : 0.2 + random.nextInt(5) / 5.0;
            boolean flipped = random.nextBoolean();
            ties.add(new AnalysisGraph.Tie("n" + (flipped ? b : a), "n" + (flipped ? a : b), strength, "x"));
            if (random.nextDouble() < 0.02 && pairs.add(a + ":" + b)) {
                ties.add(new AnalysisGraph.Tie("n" + b, "n" + a, strength + 1, "x")); // the same pair again: the first counts
            }
        }
        ties.add(new AnalysisGraph.Tie("n0", "stranger", 1, "x"));
        return new AnalysisGraph.Network(nodes, ties);
    }

    /** As the key actors built their graph before: vertices in the nodes' order, ties in theirs, strengths at least 0.001. */
    private static Graph<String, DefaultWeightedEdge> jgrapht(AnalysisGraph.Network network) {
        return weighted(network, false);
    }

    private static Graph<String, DefaultWeightedEdge> distances(AnalysisGraph.Network network) {
        return weighted(network, true);
    }

    private static Graph<String, DefaultWeightedEdge> weighted(AnalysisGraph.Network network, boolean lengths) {
        Graph<String, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        network.nodes().forEach(node -> graph.addVertex(node.id()));
        for (AnalysisGraph.Tie tie : network.ties()) {
            if (!graph.containsVertex(tie.a()) || !graph.containsVertex(tie.b()) || tie.a().equals(tie.b())) {
                continue;
            }
            double weight = Math.max(tie.strength(), 0.001);
            Graphs.addEdge(graph, tie.a(), tie.b(), lengths ? 1.0 / weight : weight);
        }
        return graph;
    }

    private static AnalysisGraph.Node node(String id) {
        return new AnalysisGraph.Node(id, id, "association");
    }

    private static AnalysisGraph.Tie tie(String a, String b) {
        return new AnalysisGraph.Tie(a, b, 1, "x");
    }
}
