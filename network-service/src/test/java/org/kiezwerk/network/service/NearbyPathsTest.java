package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.graph.CityGraph;
import org.kiezwerk.network.graph.PathGraph.Link;

/** Fast: the in-memory search answers as a search of the whole graph and as the search over Neo4j's reads. */
class NearbyPathsTest {

    /** The test's in-memory graph ({@link IntroductionPathsTest.Memory}) by numbers, as the copy offers it. */
    private static NearbyPaths.Graph numbered(IntroductionPathsTest.Memory memory) {
        List<String> ids = new ArrayList<>(memory.actors.keySet());
        Map<String, Integer> number = new HashMap<>();
        ids.forEach(id -> number.put(id, number.size()));
        List<List<Link>> around = new ArrayList<>();
        ids.forEach(id -> around.add(new ArrayList<>()));
        for (Link tie : memory.ties) {
            around.get(number.get(tie.from())).add(tie);
            around.get(number.get(tie.to().id())).add(new Link(tie.to().id(), memory.actors.get(tie.from()), tie.strength(), tie.kind()));
        }
        return new NearbyPaths.Graph() {
            @Override
            public int size() {
                return ids.size();
            }

            @Override
            public String id(int i) {
                return ids.get(i);
            }

            @Override
            public String type(int i) {
                return memory.actors.get(ids.get(i)).type();
            }

            @Override
            public String name(int i) {
                return memory.actors.get(ids.get(i)).name();
            }

            @Override
            public void ties(int i, CityGraph.TieVisitor visitor) {
                around.get(i).forEach(link -> visitor.tie(number.get(link.to().id()), link.strength(), link.kind()));
            }
        };
    }

    private static List<IntroductionPaths.Path> between(IntroductionPathsTest.Memory memory, String from, String to, int k) {
        List<String> ids = new ArrayList<>(memory.actors.keySet());
        return NearbyPaths.between(numbered(memory), ids.indexOf(from), ids.indexOf(to), k);
    }

    private static List<Double> costs(List<IntroductionPaths.Path> paths) {
        return paths.stream().map(IntroductionPaths.Path::cost).toList();
    }

    private static List<List<String>> chains(List<IntroductionPaths.Path> paths) {
        return paths.stream().map(p -> p.steps().stream().map(s -> s.id() + "/" + s.via()).toList()).toList();
    }

    @Test
    void theStrongerOfTwoTiesCountsAndNamesTheStep() {
        IntroductionPathsTest.Memory g = new IntroductionPathsTest.Memory().actor("a", "organisation").actor("b", "organisation")
                .tie("a", "b", 0.5, "cooperation").tie("a", "b", 1.0, "co_production")
                .tie("a", "b", 1.0, "cooperation");

        IntroductionPaths.Path only = between(g, "a", "b", 3).get(0);

        assertEquals(1.0, only.cost(), 1e-9);
        assertEquals("cooperation", only.steps().get(1).via()); // equally strong: the kind that comes first
    }

    @Test
    void onRandomGraphsTheAnswerIsThatOfTheWholeGraphAndOfTheSearchOverNeo4j() {
        int compared = 0;
        for (int seed = 1; seed <= 120; seed++) {
            Random random = new Random(seed);
            IntroductionPathsTest.Memory g = new IntroductionPathsTest.Memory();
            int n = 30 + random.nextInt(120);
            for (int i = 0; i < n; i++) {
                g.actor("v" + i, random.nextInt(4) == 0 ? "person" : "organisation");
            }
            int edges = n + random.nextInt(3 * n);
            String[] kinds = {"cooperation", "co_production", "affiliation", "acquaintance"};
            for (int e = 0; e < edges; e++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                if (a != b) {
                    // strengths in hundredths: equal-cost chains are rare, so the order of the chains is fixed
                    g.tie("v" + a, "v" + b, (1 + random.nextInt(100)) / 100.0, kinds[random.nextInt(4)]);
                }
            }
            String from = "v" + random.nextInt(n);
            String to = "v" + random.nextInt(n);
            if (from.equals(to)) {
                continue;
            }
            int k = 1 + random.nextInt(5);
            List<IntroductionPaths.Path> found = between(g, from, to, k);
            assertEquals(g.costsOfWholeGraph(from, to, k), costs(found), "seed " + seed);
            List<IntroductionPaths.Path> overNeo4j = IntroductionPaths.between(from, to, k, g);
            List<Double> onePast = g.costsOfWholeGraph(from, to, k + 1);
            if (onePast.stream().distinct().count() == onePast.size()) { // no chain ties with another: the order is fixed
                assertEquals(chains(overNeo4j), chains(found), "seed " + seed);
                compared++;
            }
            for (IntroductionPaths.Path path : found) {
                assertEquals(from, path.steps().get(0).id());
                assertEquals(to, path.steps().get(path.steps().size() - 1).id());
                assertEquals(path.steps().size() - 1, path.hops());
            }
        }
        assertTrue(compared > 60, "chains compared for " + compared + " seeds");
    }

    @Test
    void noPathWhenUnreachableOrTheSameActor() {
        IntroductionPathsTest.Memory g = new IntroductionPathsTest.Memory().actor("a", "organisation").actor("b", "organisation")
                .actor("c", "organisation").tie("a", "b", 1.0, "cooperation");

        assertEquals(List.of(), between(g, "a", "c", 3));
        assertEquals(List.of(), between(g, "a", "a", 3));
    }
}
