package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.Graphs;
import org.jgrapht.alg.shortestpath.YenKShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.graph.PathGraph.Actor;
import org.kiezwerk.network.graph.PathGraph.Link;

/** Fast: introduction paths on small in-memory graphs, against a search of the whole graph. */
class IntroductionPathsTest {

    /** An in-memory graph that reads as PathGraph does: the ties of the actors asked for, and counts what was read. */
    static final class Memory implements IntroductionPaths.Reader {
        final Map<String, Actor> actors = new LinkedHashMap<>();
        final List<Link> ties = new ArrayList<>(); // each tie once, from → to
        final Set<String> read = new HashSet<>();

        Memory actor(String id, String type) {
            actors.put(id, new Actor(id, type, "Name of " + id));
            return this;
        }

        Memory tie(String a, String b, double strength, String kind) {
            ties.add(new Link(a, actors.get(b), strength, kind));
            return this;
        }

        @Override
        public List<Actor> actors(Collection<String> ids) {
            return ids.stream().filter(actors::containsKey).map(actors::get).toList();
        }

        @Override
        public List<Link> links(Collection<String> organisations, Collection<String> persons) {
            Set<String> asked = new HashSet<>(organisations);
            asked.addAll(persons);
            read.addAll(asked);
            List<Link> links = new ArrayList<>();
            for (Link tie : ties) {
                if (asked.contains(tie.from())) {
                    links.add(tie);
                }
                if (asked.contains(tie.to().id())) {
                    links.add(new Link(tie.to().id(), actors.get(tie.from()), tie.strength(), tie.kind()));
                }
            }
            return links;
        }

        /** The answer's costs from a search of the whole graph at once. */
        List<Double> costsOfWholeGraph(String from, String to, int k) {
            Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
            actors.keySet().forEach(g::addVertex);
            for (Link tie : ties) {
                double cost = 1.0 / tie.strength();
                DefaultWeightedEdge existing = g.getEdge(tie.from(), tie.to().id());
                if (existing == null) {
                    Graphs.addEdge(g, tie.from(), tie.to().id(), cost);
                } else if (cost < g.getEdgeWeight(existing)) {
                    g.setEdgeWeight(existing, cost);
                }
            }
            return new YenKShortestPath<>(g).getPaths(from, to, k).stream().map(GraphPath::getWeight)
                    .map(w -> Math.round(w * 1000) / 1000.0).toList();
        }
    }

    private static List<Double> costs(List<IntroductionPaths.Path> paths) {
        return paths.stream().map(IntroductionPaths.Path::cost).toList();
    }

    @Test
    void theStrongChainIsFirstAndEachStepNamesItsTie() {
        Memory g = new Memory().actor("centre", "organisation").actor("anna", "person").actor("club", "organisation")
                .actor("council", "organisation").actor("far", "organisation")
                .tie("centre", "anna", 1.0, "affiliation").tie("anna", "club", 1.0, "affiliation")
                .tie("club", "council", 1.0, "cooperation")
                .tie("centre", "far", 0.2, "cooperation").tie("far", "council", 0.2, "cooperation");

        List<IntroductionPaths.Path> paths = IntroductionPaths.between("centre", "council", 2, g);

        assertEquals(2, paths.size());
        IntroductionPaths.Path best = paths.get(0);
        assertEquals(3, best.hops());
        assertEquals(3.0, best.cost(), 1e-9);
        assertEquals(List.of("centre", "anna", "club", "council"), best.steps().stream().map(IntroductionPaths.Step::id).toList());
        assertEquals(java.util.Arrays.asList(null, "affiliation", "affiliation", "cooperation"),
                best.steps().stream().map(IntroductionPaths.Step::via).toList());
        assertEquals("person", best.steps().get(1).type());
        assertEquals("Name of anna", best.steps().get(1).name());
        assertEquals(10.0, paths.get(1).cost(), 1e-9); // two weak ties: 1/0.2 each
    }

    @Test
    void ofTwoTiesBetweenTheSameActorsTheStrongerCounts() {
        Memory g = new Memory().actor("a", "organisation").actor("b", "organisation")
                .tie("a", "b", 0.5, "cooperation").tie("a", "b", 1.0, "co_production");

        IntroductionPaths.Path only = IntroductionPaths.between("a", "b", 3, g).get(0);

        assertEquals(1.0, only.cost(), 1e-9);
        assertEquals("co_production", only.steps().get(1).via());
    }

    @Test
    void noPathWhenUnreachableUnknownOrTheSameActor() {
        Memory g = new Memory().actor("a", "organisation").actor("b", "organisation").actor("c", "organisation")
                .tie("a", "b", 1.0, "cooperation");

        assertEquals(List.of(), IntroductionPaths.between("a", "c", 3, g));
        assertEquals(List.of(), IntroductionPaths.between("a", "nobody", 3, g));
        assertEquals(List.of(), IntroductionPaths.between("a", "a", 3, g));
    }

    @Test
    void onRandomGraphsTheAnswerIsThatOfTheWholeGraph() {
        for (int seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            Memory g = new Memory();
            int n = 40;
            for (int i = 0; i < n; i++) {
                g.actor("v" + i, random.nextInt(4) == 0 ? "person" : "organisation");
            }
            for (int e = 0; e < 70; e++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                if (a != b) {
                    g.tie("v" + a, "v" + b, (1 + random.nextInt(5)) / 5.0, "cooperation");
                }
            }
            String from = "v" + random.nextInt(n);
            String to = "v" + random.nextInt(n);
            if (from.equals(to)) {
                continue;
            }
            List<Double> expected = g.costsOfWholeGraph(from, to, 3);
            List<IntroductionPaths.Path> found = IntroductionPaths.between(from, to, 3, g);
            assertEquals(expected, costs(found), "seed " + seed);
            for (IntroductionPaths.Path path : found) {
                assertEquals(from, path.steps().get(0).id());
                assertEquals(to, path.steps().get(path.steps().size() - 1).id());
                assertEquals(path.steps().size() - 1, path.hops());
            }
        }
    }

    @Test
    void onlyTheSurroundingsOfBothEndsAreRead() {
        // a long line, the two ends close together at its start: the far end of the line is never read
        Memory g = new Memory();
        for (int i = 0; i < 200; i++) {
            g.actor("v" + i, "organisation");
        }
        for (int i = 1; i < 200; i++) {
            g.tie("v" + (i - 1), "v" + i, 1.0, "cooperation");
        }

        List<IntroductionPaths.Path> paths = IntroductionPaths.between("v0", "v3", 1, g);

        assertEquals(List.of(3.0), costs(paths));
        assertTrue(g.read.size() < 20, "read " + g.read.size() + " actors");
    }
}
