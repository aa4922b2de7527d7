package org.kiezwerk.network.service;

import io.micrometer.core.annotation.Timed;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.kiezwerk.commons.api.Figures;
import org.kiezwerk.network.domain.Health;
import org.kiezwerk.network.graph.AnalysisGraph;
import org.kiezwerk.network.graph.CityGraph;
import org.kiezwerk.network.graph.HealthGraph;

/**
 * How healthy the network is: actors, ties, density, clustering, components, the share of
 * confirmed cooperation ties and of events put on together — now, as stored snapshots (one a day
 * by schedule, more on request), and as the change between two moments.
 */
@ApplicationScoped
public class NetworkHealth {

    private static final Logger LOG = Logger.getLogger(NetworkHealth.class);

    @Inject
    AnalysisGraph graph;

    @Inject
    HealthGraph health;

    public record Change(Health.Snapshot from, Health.Snapshot to, Map<String, Double> difference) {
    }

    @Inject
    CityGraph city;

    @Inject
    Areas areas;

    /** The figures of a network's structure: what the ties alone decide. */
    record Structure(long actors, long ties, double density, double clustering, long components, double largestComponentShare) {
    }

    /** The city's structure and the copy's structure it was computed from (the same object while no actor or tie changed). */
    private record CityStructure(Object of, Structure structure) {
    }

    private volatile CityStructure cityStructure;

    /**
     * The figures now. The city's structure comes from the in-memory copy and is computed once per state of the ties,
     * one computation at a time (the directory shows these figures to anonymous visitors: read from Neo4j and built
     * as JGraphT's graph for every request, they took 4 s of CPU and some 40 MB each, and six at once exhausted the heap);
     * an area's is read from Neo4j. The shares of confirmed ties and co-produced events are counted by Cypher each time.
     */
    @Timed(value = "kiezwerk.analysis", extraTags = {"analysis", "health"},
            description = "How long the network analyses take")
    public Health.Snapshot now(String area, boolean scheduled) {
        // a city holding every organisation has the city's structure: from the copy, not read whole from Neo4j per request
        Structure s = area == null || areas.ofOrganisations(area) == null ? cityStructure() : structure(graph.load(area));
        Health.Shares shares = health.shares(area);
        return new Health.Snapshot(area == null ? "city" : area, OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString(),
                scheduled, s.actors(), s.ties(), s.density(), s.clustering(), s.components(), s.largestComponentShare(),
                shares.cooperations() == 0 ? 0 : round((double) shares.confirmed() / shares.cooperations()),
                shares.events() == 0 ? 0 : round((double) shares.coProduced() / shares.events()), shares.events());
    }

    private Structure cityStructure() {
        Optional<CityGraph.Copy> copy = city.currentAfterReload();
        CityStructure known = cityStructure;
        if (copy.isPresent() && known != null && known.of() == copy.get().structure()) {
            return known.structure();
        }
        synchronized (this) {
            known = cityStructure;
            if (copy.isPresent() && known != null && known.of() == copy.get().structure()) {
                return known.structure(); // computed by the caller this one waited for
            }
            if (copy.isEmpty()) {
                return structure(graph.load(null)); // changes keep coming: from Neo4j, still one at a time
            }
            Structure computed = structure(copy.get().organisations());
            cityStructure = new CityStructure(copy.get().structure(), computed);
            return computed;
        }
    }

    /** On arrays ({@link CompactGraph}): the same figures JGraphT's ConnectivityInspector and ClusteringCoefficient give. */
    static Structure structure(AnalysisGraph.Network network) {
        CompactGraph g = CompactGraph.of(network);
        long n = g.size();
        long e = g.ties();
        int[] components = g.componentSizes();
        long largest = Arrays.stream(components).max().orElse(0);
        return new Structure(n, e, n < 2 ? 0 : Figures.significant(2.0 * e / (n * (n - 1))), round(g.averageClustering()),
                components.length, n == 0 ? 0 : round((double) largest / n));
    }

    public Health.Snapshot snapshot(String area) {
        Health.Snapshot snapshot = now(area, false);
        health.save(snapshot);
        return snapshot;
    }

    /** Once a day, city-wide: the series the change between two dates is read from. */
    @Scheduled(cron = "${kiezwerk.graph.health-snapshot-cron:0 30 3 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        try {
            health.save(now(null, true));
        } catch (RuntimeException e) {
            LOG.warnf("no health snapshot today: %s", e.getMessage()); // tomorrow's will do; nothing depends on it
        }
    }

    public List<Health.Snapshot> snapshots(String area, String from, String to) {
        return health.between(area == null ? "city" : area, from, to);
    }

    /** The latest snapshot at or before each moment, and what changed between them. */
    public Optional<Change> change(String area, String from, String to) {
        List<Health.Snapshot> before = health.between(area == null ? "city" : area, null, from);
        List<Health.Snapshot> after = health.between(area == null ? "city" : area, null, to);
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        Health.Snapshot a = before.get(before.size() - 1);
        Health.Snapshot b = after.get(after.size() - 1);
        Map<String, Double> difference = new LinkedHashMap<>();
        difference.put("actors", (double) (b.actors() - a.actors()));
        difference.put("ties", (double) (b.ties() - a.ties()));
        difference.put("density", Figures.significant(b.density() - a.density()));
        difference.put("clustering", round(b.clustering() - a.clustering()));
        difference.put("components", (double) (b.components() - a.components()));
        difference.put("largestComponentShare", round(b.largestComponentShare() - a.largestComponentShare()));
        difference.put("confirmedShare", round(b.confirmedShare() - a.confirmedShare()));
        difference.put("coProducedShare", round(b.coProducedShare() - a.coProducedShare()));
        difference.put("events", (double) (b.events() - a.events()));
        return Optional.of(new Change(a, b, difference));
    }

    /** A share (0 to 1) or the change of one. (A density shrinks with the network's size: significant digits, see Figures.) */
    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
