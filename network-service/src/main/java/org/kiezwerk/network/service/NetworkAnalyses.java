package org.kiezwerk.network.service;

import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.kiezwerk.commons.api.Figures;
import org.kiezwerk.network.config.GraphConfig;
import org.kiezwerk.network.graph.AnalysisGraph;
import org.kiezwerk.network.graph.CityGraph;
import org.kiezwerk.network.graph.PersonNames;

/**
 * The brief's questions about the network's shape, answered with JGraphT's algorithms (on arrays, {@link CompactGraph})
 * on the ties read from Neo4j:
 * who is central (degree, weighted PageRank), who bridges (betweenness; brokers reach several
 * communities), whose leaving would split the network (articulation points), and which groups exist
 * (label propagation from five seeds, the partition with the highest modularity kept, so that the same graph
 * gives the same answer and a label that spreads over a bridge in one run does not merge two groups).
 */
@ApplicationScoped
public class NetworkAnalyses {

    @Inject
    AnalysisGraph graph;

    @Inject
    GraphConfig config;

    @Inject
    CityGraph city;

    @Inject
    PersonNames personNames;

    /** @param betweennessError the standard error of a sampled betweenness; null when it is exact */
    public record KeyActor(String id, String name, String kind, int degree, double weightedDegree, double pageRank,
            double betweenness, Double betweennessError, boolean articulationPoint, int community, int communitiesReached,
            boolean broker) {
    }

    public record KeyActors(String scope, int organisations, int ties, String betweennessMethod, List<KeyActor> actors) {
    }

    public record Member(String id, String name) {
    }

    public record Community(int id, int size, List<Member> members, int tiesInside, int tiesToOthers) {
    }

    public record Communities(String scope, int organisations, List<Community> communities) {
    }

    public KeyActors keyActors(String area, int limit) {
        return keyActors(area, limit, Set.of());
    }

    /** @param personScopes the consent scopes of the persons the caller may see; they count as actors too */
    @Timed(value = "kiezwerk.analysis", extraTags = {"analysis", "key-actors"},
            description = "How long the network analyses take")
    public KeyActors keyActors(String area, int limit, Set<String> personScopes) {
        Analysis analysis = analyse(area, personScopes);
        List<KeyActor> actors = new ArrayList<>(analysis.actors.values());
        actors.sort(Comparator.comparingDouble(KeyActor::pageRank).reversed().thenComparing(KeyActor::id));
        return new KeyActors(scope(area), analysis.network.nodes().size(), analysis.network.ties().size(),
                analysis.betweennessMethod, actors.stream().limit(limit).toList());
    }

    public Communities communities(String area) {
        return communities(area, Set.of());
    }

    @Timed(value = "kiezwerk.analysis", extraTags = {"analysis", "communities"},
            description = "How long the network analyses take")
    public Communities communities(String area, Set<String> personScopes) {
        Analysis analysis = analyse(area, personScopes);
        List<Community> communities = new ArrayList<>();
        int[][] ties = tiesPerCommunity(analysis.clusters, analysis.network.ties());
        for (int i = 0; i < analysis.clusters.size(); i++) {
            Set<String> members = analysis.clusters.get(i);
            communities.add(new Community(i, members.size(), members.stream().sorted()
                    .map(id -> new Member(id, analysis.names.get(id))).toList(), ties[0][i], ties[1][i]));
        }
        communities.sort(Comparator.comparingInt(Community::size).reversed().thenComparingInt(Community::id));
        return new Communities(scope(area), analysis.network.nodes().size(), communities);
    }

    /**
     * Per community, its ties inside (both ends in it) and its ties to others (one end in it), in one pass over the ties.
     * (Once per community, as before, a city with thousands of actors without ties — each its own community — took
     * thousands of passes over 100,000 ties for every request.)
     *
     * @return [0][community] ties inside, [1][community] ties to others
     */
    static int[][] tiesPerCommunity(List<Set<String>> clusters, List<AnalysisGraph.Tie> ties) {
        Map<String, Integer> communityOf = new HashMap<>();
        for (int i = 0; i < clusters.size(); i++) {
            for (String id : clusters.get(i)) {
                communityOf.put(id, i);
            }
        }
        int[] inside = new int[clusters.size()];
        int[] toOthers = new int[clusters.size()];
        for (AnalysisGraph.Tie tie : ties) {
            Integer a = communityOf.get(tie.a());
            Integer b = communityOf.get(tie.b());
            if (a != null && a.equals(b)) {
                inside[a]++;
                continue;
            }
            if (a != null) {
                toOthers[a]++;
            }
            if (b != null) {
                toOthers[b]++;
            }
        }
        return new int[][] {inside, toOthers};
    }

    private static String scope(String area) {
        return area == null ? "city" : area;
    }

    private record Analysis(AnalysisGraph.Network network, Map<String, String> names, List<Set<String>> clusters,
            Map<String, KeyActor> actors, String betweennessMethod) {
    }

    /** @param structure the city copy's {@link CityGraph.Copy#structure()} it was computed from; null if read from Neo4j */
    private record Cached(AnalysisGraph.Fingerprint fingerprint, Analysis analysis, Object structure) {
    }

    private final AtomicLong computed = new AtomicLong();
    private final AtomicLong renames = new AtomicLong();

    /** For operators: how often the key actors and communities were computed in full (seconds of CPU each at city scale). */
    @Inject
    void countComputations(MeterRegistry registry) {
        FunctionCounter.builder("kiezwerk.analysis.computed", computed, AtomicLong::get)
                .description("How often the network analyses were computed in full (not answered from the cache)").register(registry);
    }

    /** How often an analysis was computed, and how often one was carried over to new names and kinds (for the tests). */
    record Counts(long computed, long renamed) {
    }

    Counts counts() {
        return new Counts(computed.get(), renames.get());
    }

    /** The analyses run off the request threads; one asked for while it is computed joins it (see {@link #analyse}). */
    private static final ExecutorService ANALYSES = Executors.newFixedThreadPool(2,
            work -> {
                Thread thread = new Thread(work, "network-analysis");
                thread.setDaemon(true);
                return thread;
            });

    /** Repeated questions come from here until the graph changes (any replica's change: the fingerprint is read from Neo4j). */
    private final Map<String, Cached> cache = leastRecentlyAskedGoes(CACHED_ANALYSES);

    /** At most this many analyses are kept (areas x the scopes asked). */
    static final int CACHED_ANALYSES = 200;

    /**
     * When full, the least recently asked analysis goes. (Emptied whole when full, as before, a walk over a big city's
     * areas and scopes — 109 areas x 3 scopes in Berlin — dropped the city-wide analysis each time: seconds to compute.)
     */
    static <V> Map<String, V> leastRecentlyAskedGoes(int most) {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > most;
            }
        });
    }

    /** The consent scopes an anonymous reader sees: what the directory's network map shows. */
    static final Set<String> ANONYMOUS = Set.of("public");

    private volatile AnalysisGraph.Fingerprint lastSeen;

    /**
     * Keeps the city-wide analysis for anonymous readers ready, so that the first visitor of the
     * network map after a change does not wait for it (seconds at city scale). It is computed only
     * once the graph has stayed unchanged for one interval: a busy graph is not analysed on every
     * change.
     */
    @Scheduled(every = "${kiezwerk.graph.analysis-warm-up:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void warmUp() {
        try {
            AnalysisGraph.Fingerprint now = graph.fingerprint();
            boolean quiet = now.equals(lastSeen);
            lastSeen = now;
            if (quiet && !isReady(null, ANONYMOUS, now)) {
                analyse(null, ANONYMOUS);
            }
        } catch (RuntimeException e) {
            // Neo4j away, say: the next request computes it as usual
            Logger.getLogger(NetworkAnalyses.class).debugf("analysis warm-up skipped: %s", e.toString());
        }
    }

    /**
     * The in-memory copy was read again after a change: the anonymous readers' city-wide analysis is
     * computed right away, so that the first question after the change finds it ready — at most once per
     * warm-up interval ({@link AnalysisPacing}): after a change within the interval of the last one computed
     * here, the first question computes it (or the warm-up, once the graph is quiet).
     */
    void onReload(@ObservesAsync CityGraph.Reloaded reloaded) {
        if ("off".equals(config.analysisWarmUp()) || !running.isEmpty()) {
            return; // while one is computed, changes in a row (each tie brought in in place) do not queue up more
        }
        try {
            analyse(null, ANONYMOUS, pacing());
        } catch (RuntimeException e) {
            Logger.getLogger(NetworkAnalyses.class).debugf("analysis after reload skipped: %s", e.toString());
        }
    }

    /** Whether the analysis of {@code area} for these scopes is ready for this state of the graph. */
    boolean isReady(String area, Set<String> personScopes, AnalysisGraph.Fingerprint state) {
        Cached cached = cache.get(cacheKey(area, personScopes));
        return cached != null && cached.fingerprint().equals(state);
    }

    private static String cacheKey(String area, Set<String> personScopes) {
        return (area == null ? "" : area) + "|" + new TreeSet<>(personScopes);
    }

    private volatile AnalysisPacing pacing;

    /** At most one analysis in the background per warm-up interval (a copy brought up to date computes none). */
    private AnalysisPacing pacing() {
        AnalysisPacing now = pacing;
        if (now == null) {
            pacing = now = AnalysisPacing.of(config.analysisWarmUp());
        }
        return now;
    }

    /** The same analysis asked for while it is being computed waits for that computation instead of starting another. */
    private final Map<Running, CompletableFuture<Analysis>> running = new ConcurrentHashMap<>();

    private record Running(String key, AnalysisGraph.Fingerprint state) {
    }

    private Analysis analyse(String area, Set<String> personScopes) {
        return analyse(area, personScopes, null);
    }

    /**
     * @param background for an analysis nobody asked for yet: whether one may be computed now; null for a question
     * @return null if in the background it was not its turn
     */
    private Analysis analyse(String area, Set<String> personScopes, AnalysisPacing background) {
        // city-wide, the current in-memory copy answers without a whole-graph read; else Neo4j as before
        // (right after a change, the copy being brought up to date in place takes milliseconds: worth waiting for)
        Optional<CityGraph.Copy> copy = area == null ? city.currentAfterReload() : Optional.empty();
        AnalysisGraph.Fingerprint now = copy.map(CityGraph.Copy::state).orElseGet(graph::fingerprint);
        String key = cacheKey(area, personScopes);
        Cached cached = cache.get(key);
        if (cached != null && cached.fingerprint().equals(now)) {
            return cached.analysis();
        }
        if (cached != null && copy.isPresent() && cached.structure() == copy.get().structure()) {
            // since it was computed only names or kinds changed (a partner edited): every figure stays, exactly
            // as computing again would give them (the analyses read ids and ties only), with today's names
            Analysis renamedAnalysis = renamed(cached.analysis(), copy.get());
            cache.put(key, new Cached(now, renamedAnalysis, cached.structure()));
            renames.incrementAndGet();
            return renamedAnalysis;
        }
        if (background != null && !background.mayStart(System.nanoTime())) {
            return null; // a stream of changes: the warm-up computes it once the graph is quiet, a question at once
        }
        Running runKey = new Running(key, now);
        CompletableFuture<Analysis> mine = new CompletableFuture<>();
        CompletableFuture<Analysis> theirs = running.putIfAbsent(runKey, mine);
        if (theirs != null) {
            return join(theirs);
        }
        try {
            ANALYSES.execute(() -> {
                try {
                    mine.complete(compute(area, personScopes, copy));
                } catch (Throwable e) {
                    mine.completeExceptionally(e);
                }
            });
            Analysis analysis = join(mine);
            cache.put(key, new Cached(now, analysis, copy.map(CityGraph.Copy::structure).orElse(null)));
            return analysis;
        } finally {
            running.remove(runKey, mine);
        }
    }

    private static <T> T join(CompletableFuture<T> analysis) {
        try {
            return analysis.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** The analysis with the organisations' names and kinds as the copy has them now. */
    private static Analysis renamed(Analysis analysis, CityGraph.Copy copy) {
        Map<String, String> names = new HashMap<>(analysis.names());
        List<AnalysisGraph.Node> nodes = new ArrayList<>();
        for (AnalysisGraph.Node node : analysis.network().nodes()) {
            int i = copy.number(node.id());
            if (i < 0 || copy.person(i)) {
                nodes.add(node); // persons: their names did not change (a change to a person reads the copy whole)
                continue;
            }
            String name = copy.name(i, n -> n);
            names.put(node.id(), name);
            nodes.add(new AnalysisGraph.Node(node.id(), name, copy.kind(i)));
        }
        Map<String, KeyActor> actors = new HashMap<>();
        analysis.actors().forEach((id, a) -> {
            int i = copy.number(id);
            boolean organisation = i >= 0 && !copy.person(i);
            actors.put(id, organisation ? new KeyActor(id, copy.name(i, n -> n), copy.kind(i), a.degree(), a.weightedDegree(),
                    a.pageRank(), a.betweenness(), a.betweennessError(), a.articulationPoint(), a.community(),
                    a.communitiesReached(), a.broker()) : a);
        });
        return new Analysis(new AnalysisGraph.Network(nodes, analysis.network().ties()), names, analysis.clusters(), actors,
                analysis.betweennessMethod());
    }

    private Analysis compute(String area, Set<String> personScopes, Optional<CityGraph.Copy> copy) {
        computed.incrementAndGet();
        AnalysisGraph.Network network = copy.map(CityGraph.Copy::organisations).orElseGet(() -> graph.load(area));
        if (!personScopes.isEmpty()) {
            // the key people between the organisations: persons whose consent lets this caller see them
            AnalysisGraph.Network persons = copy.map(c -> c.persons(personScopes, personNames::open))
                    .orElseGet(() -> graph.persons(area, personScopes));
            List<AnalysisGraph.Node> nodes = new ArrayList<>(network.nodes());
            nodes.addAll(persons.nodes());
            List<AnalysisGraph.Tie> ties = new ArrayList<>(network.ties());
            Set<String> known = new HashSet<>();
            nodes.forEach(node -> known.add(node.id()));
            persons.ties().stream().filter(t -> known.contains(t.a()) && known.contains(t.b())).forEach(ties::add);
            network = new AnalysisGraph.Network(nodes, ties);
        }
        Map<String, String> names = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        for (AnalysisGraph.Node node : network.nodes()) {
            names.put(node.id(), node.name());
            kinds.put(node.id(), node.kind());
        }
        // arrays rather than JGraphT's object graphs: a fraction of the memory (the heap is capped at 160 MB) and no
        // hash lookup per tie; the same results as JGraphT's algorithms (CompactGraph)
        CompactGraph graph = CompactGraph.of(network);
        int n = graph.size();
        // articulation points and communities meanwhile on a thread of their own (they only read the graph): the
        // betweenness keeps both cores busy only part of the time, and these wait for nothing
        CompletableFuture<boolean[]> cutpointsLater = new CompletableFuture<>();
        CompletableFuture<int[]> communitiesLater = new CompletableFuture<>();
        Thread parts = new Thread(() -> {
            try {
                cutpointsLater.complete(graph.cutpoints());
                communitiesLater.complete(graph.bestCommunities(100, COMMUNITY_RUNS, 42));
            } catch (Throwable e) {
                cutpointsLater.completeExceptionally(e);
                communitiesLater.completeExceptionally(e);
            }
        }, "network-analysis-parts");
        parts.setDaemon(true);
        parts.start();
        double[] pageRank = n == 0 ? new double[0] : graph.pageRank();
        double[] betweenness = new double[n];
        double[] betweennessErrors = null;
        String method;
        if (n <= config.exactBetweennessLimit()) {
            Map<String, Double> exact = new BetweennessCentrality<>(graph.distances(), true).getScores();
            for (int v = 0; v < n; v++) {
                betweenness[v] = exact.getOrDefault(graph.id(v), 0.0);
            }
            method = "exact";
        } else {
            SampledBetweenness.Estimate estimate = SampledBetweenness.estimate(graph, config.betweennessSamples(), 42);
            betweenness = estimate.scores();
            betweennessErrors = estimate.standardErrors();
            method = "sampled: Brandes from " + estimate.sources() + " of " + estimate.vertices()
                    + " organisations with ties (seeded), betweennessError is each score's standard error";
        }
        boolean[] cutpoints = join(cutpointsLater);
        int[] communityOf = join(communitiesLater);
        List<Set<String>> clusters = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (communityOf[v] == clusters.size()) {
                clusters.add(new LinkedHashSet<>());
            }
            clusters.get(communityOf[v]).add(graph.id(v));
        }
        Map<String, KeyActor> actors = new HashMap<>();
        for (int v = 0; v < n; v++) {
            Set<Integer> reached = new HashSet<>();
            for (int p = graph.from(v); p < graph.to(v); p++) {
                reached.add(communityOf[graph.neighbour(p)]);
            }
            reached.remove(communityOf[v]);
            String id = graph.id(v);
            actors.put(id, new KeyActor(id, names.get(id), kinds.get(id), graph.degree(v), round(graph.weightedDegree(v)),
                    Figures.significant(pageRank[v]), Figures.significant(betweenness[v]),
                    betweennessErrors == null ? null : Figures.significant(betweennessErrors[v]),
                    cutpoints[v], communityOf[v], reached.size(), !reached.isEmpty()));
        }
        return new Analysis(network, names, clusters, actors, method);
    }

    /** Label propagation runs per analysis, the best by modularity kept (about 70 ms each at city scale, beside the betweenness). */
    static final int COMMUNITY_RUNS = 5;

    /** A weighted degree: a sum of tie strengths, each at least 0.001. */
    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
