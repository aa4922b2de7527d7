package org.kiezwerk.network.service;

import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.Graphs;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.alg.shortestpath.YenKShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.kiezwerk.network.graph.CityGraph;
import org.kiezwerk.network.graph.PathGraph;
import org.kiezwerk.network.graph.PersonNames;

/**
 * "How do I reach the parish council?": the k best chains of people and organisations who know each
 * other (Yen's k shortest paths). A tie's cost is 1 / strength, so strong and confirmed ties make
 * short chains; persons appear only if their consent scope allows the asker to see them.
 *
 * <p>Only the neighbourhoods of both ends are read: they grow from each end, nearest first (a
 * bidirectional Dijkstra in batches, one query per batch), until no chain through anything not yet
 * read can be cheaper than the k-th found. Every tie costs at least 1 (strengths are at most 1), so
 * a chain leaving what was read costs at least the distance to its nearest unread actor from one end
 * plus the same from the other: the answer is the same as a search of the whole graph.
 *
 * <p>While the in-memory copy of the city is current ({@link CityGraph}) the search runs on it instead
 * ({@link NearbyPaths}: same ties, same strengths, same bound, so the same answer, without a Dijkstra
 * over everything read per batch), organisations' names included (the copy is current only while no write
 * through this service has touched the graph since it was read); the persons on an answer are checked in Neo4j.
 */
@ApplicationScoped
public class IntroductionPaths {

    /** How far (in cost) each side's reading reaches past its nearest unread actor per batch: one strong tie. */
    private static final double STEP = 1.0;

    /** For equally strong ties between the same two actors: which kind names the step. */
    private static final List<String> KIND_ORDER = List.of("cooperation", "co_production", "affiliation", "acquaintance");

    @Inject
    PathGraph graph;

    @Inject
    CityGraph city;

    @Inject
    PersonNames personNames;

    public record Step(String id, String type, String name, String via) {
    }

    public record Path(int hops, double cost, List<Step> steps) {
    }

    /** What the search reads of the graph: the actors asked for, and the current ties around those it reached. */
    interface Reader {
        List<PathGraph.Actor> actors(Collection<String> ids);

        List<PathGraph.Link> links(Collection<String> organisations, Collection<String> persons);
    }

    @Timed(value = "kiezwerk.analysis", extraTags = {"analysis", "introduction-paths"},
            description = "How long the network analyses take")
    public List<Path> between(String from, String to, int k, Set<String> scopes) {
        Optional<CityGraph.Copy> copy = city.current();
        if (copy.isPresent()) {
            Optional<List<Path>> found = personsStillThere(inMemory(copy.get(), from, to, k, scopes, personNames::open), scopes);
            if (found.isPresent()) {
                return found.get();
            }
            // a person on the answer is gone or hidden since the copy was read: search Neo4j itself
        }
        return between(from, to, k, reader(graph, scopes));
    }

    /**
     * The answer, if every person on it is still in Neo4j and visible to the asker, with their names as Neo4j has
     * them. The copy is current only as far as this replica knows: another replica's erasure reaches it with the
     * next check (seconds), and a person's name must not outlive a withdrawal by that long. Chains of organisations
     * only (most) need no read.
     */
    private Optional<List<Path>> personsStillThere(List<Path> found, Set<String> scopes) {
        Set<String> persons = new HashSet<>();
        found.forEach(path -> path.steps().stream().filter(step -> step.type().equals("person")).forEach(step -> persons.add(step.id())));
        if (persons.isEmpty()) {
            return Optional.of(found);
        }
        Map<String, String> names = new HashMap<>();
        graph.actors(persons, scopes).forEach(actor -> names.put(actor.id(), actor.name()));
        if (!names.keySet().containsAll(persons)) {
            return Optional.empty();
        }
        return Optional.of(found.stream().map(path -> new Path(path.hops(), path.cost(), path.steps().stream()
                .map(step -> names.containsKey(step.id()) ? new Step(step.id(), step.type(), names.get(step.id()), step.via()) : step)
                .toList())).toList());
    }

    /** Neo4j as the search reads it, for a caller who may see these consent scopes. */
    static Reader reader(PathGraph graph, Set<String> scopes) {
        return new Reader() {
            @Override
            public List<PathGraph.Actor> actors(Collection<String> ids) {
                return graph.actors(ids, scopes);
            }

            @Override
            public List<PathGraph.Link> links(Collection<String> organisations, Collection<String> persons) {
                return graph.links(organisations, persons, scopes);
            }
        };
    }

    /** The search on the in-memory copy ({@link NearbyPaths}); both ends must be there and visible to the asker. */
    private static List<Path> inMemory(CityGraph.Copy copy, String from, String to, int k, Set<String> scopes,
            UnaryOperator<String> open) {
        int s = copy.number(from);
        int t = copy.number(to);
        if (s < 0 || t < 0 || !copy.visible(s, scopes) || !copy.visible(t, scopes)) {
            return List.of();
        }
        LocalDate today = LocalDate.now();
        return NearbyPaths.between(new NearbyPaths.Graph() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public String id(int i) {
                return copy.id(i);
            }

            @Override
            public String type(int i) {
                return copy.person(i) ? "person" : "organisation";
            }

            @Override
            public String name(int i) {
                return copy.name(i, open);
            }

            @Override
            public void ties(int i, CityGraph.TieVisitor visitor) {
                copy.ties(i, scopes, today, visitor);
            }
        }, s, t, k);
    }

    /** The search itself, on whatever reads the graph (the tests: one in memory). */
    static List<Path> between(String from, String to, int k, Reader graph) {
        if (from.equals(to)) {
            return List.of();
        }
        Map<String, PathGraph.Actor> actors = new HashMap<>();
        graph.actors(List.of(from, to)).forEach(actor -> actors.put(actor.id(), actor));
        if (!actors.containsKey(from) || !actors.containsKey(to)) {
            return List.of();
        }
        Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        g.addVertex(from);
        g.addVertex(to);
        Map<String, String> kinds = new HashMap<>();
        Set<String> read = new HashSet<>(); // actors whose ties are all in g
        while (true) {
            ShortestPathAlgorithm.SingleSourcePaths<String, DefaultWeightedEdge> fromStart = new DijkstraShortestPath<>(g).getPaths(from);
            ShortestPathAlgorithm.SingleSourcePaths<String, DefaultWeightedEdge> fromEnd = new DijkstraShortestPath<>(g).getPaths(to);
            double nearestFromStart = Double.POSITIVE_INFINITY;
            double nearestFromEnd = Double.POSITIVE_INFINITY;
            for (String actor : g.vertexSet()) {
                if (!read.contains(actor)) {
                    nearestFromStart = Math.min(nearestFromStart, fromStart.getWeight(actor));
                    nearestFromEnd = Math.min(nearestFromEnd, fromEnd.getWeight(actor));
                }
            }
            // a chain through an unread actor costs at least this; infinite once one end's component is read whole
            double bound = nearestFromStart + nearestFromEnd;
            if (fromStart.getWeight(to) <= bound) {
                List<GraphPath<String, DefaultWeightedEdge>> found = Double.isInfinite(fromStart.getWeight(to)) ? List.of()
                        : new YenKShortestPath<>(g).getPaths(from, to, k);
                if (Double.isInfinite(bound) || found.size() == k && found.get(k - 1).getWeight() <= bound) {
                    return paths(found, actors, kinds);
                }
            }
            List<String> organisations = new ArrayList<>();
            List<String> persons = new ArrayList<>();
            for (String actor : g.vertexSet()) {
                if (!read.contains(actor) && (fromStart.getWeight(actor) <= nearestFromStart + STEP
                        || fromEnd.getWeight(actor) <= nearestFromEnd + STEP)) {
                    (actors.get(actor).type().equals("person") ? persons : organisations).add(actor);
                }
            }
            read.addAll(organisations);
            read.addAll(persons);
            List<PathGraph.Link> links = new ArrayList<>(graph.links(organisations, persons));
            links.sort(Comparator.comparingInt(link -> KIND_ORDER.indexOf(link.kind())));
            for (PathGraph.Link link : links) {
                add(g, actors, kinds, link);
            }
        }
    }

    private static void add(Graph<String, DefaultWeightedEdge> g, Map<String, PathGraph.Actor> actors, Map<String, String> kinds,
            PathGraph.Link link) {
        String a = link.from();
        String b = link.to().id();
        if (a.equals(b) || link.strength() <= 0) {
            return;
        }
        actors.putIfAbsent(b, link.to());
        g.addVertex(b);
        double cost = 1.0 / link.strength();
        DefaultWeightedEdge existing = g.getEdge(a, b);
        if (existing == null) {
            Graphs.addEdge(g, a, b, cost);
            kinds.put(key(a, b), link.kind());
        } else if (cost < g.getEdgeWeight(existing)) {
            g.setEdgeWeight(existing, cost); // the strongest of several ties between the same two counts
            kinds.put(key(a, b), link.kind());
        }
    }

    private static List<Path> paths(List<GraphPath<String, DefaultWeightedEdge>> found, Map<String, PathGraph.Actor> actors,
            Map<String, String> kinds) {
        List<Path> paths = new ArrayList<>();
        for (GraphPath<String, DefaultWeightedEdge> path : found) {
            List<String> vertices = path.getVertexList();
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < vertices.size(); i++) {
                PathGraph.Actor actor = actors.get(vertices.get(i));
                steps.add(new Step(actor.id(), actor.type(), actor.name(),
                        i == 0 ? null : kinds.get(key(vertices.get(i - 1), vertices.get(i)))));
            }
            paths.add(new Path(path.getLength(), Math.round(path.getWeight() * 1000) / 1000.0, steps));
        }
        return paths;
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
