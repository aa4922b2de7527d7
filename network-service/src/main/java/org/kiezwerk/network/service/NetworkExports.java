package org.kiezwerk.network.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kiezwerk.commons.api.Admission;
import org.kiezwerk.network.config.GraphConfig;
import org.kiezwerk.network.domain.ExportsBusyException;
import org.kiezwerk.network.graph.AnalysisGraph;
import org.kiezwerk.network.graph.CityGraph;
import org.kiezwerk.network.graph.PersonNames;

/**
 * The network in the formats analysts' tools read: GraphML and GEXF (for Gephi, yEd, NetworkX), Cytoscape.js JSON,
 * and a CSV edge list ({@link NetworkFormats}). Organisations with name and kind; ties with their combined strength.
 * A whole export is written to the caller as it goes, from a network read once; at most
 * {@code kiezwerk.graph.concurrent-exports} at a time ({@link #admit}).
 */
@ApplicationScoped
public class NetworkExports {

    public enum Format { GRAPHML, GEXF, CYTOSCAPE, CSV }

    @Inject
    AnalysisGraph graph;

    @Inject
    CityGraph city;

    @Inject
    PersonNames personNames;

    @Inject
    GraphConfig config;

    @Inject
    Areas areas;

    private Admission exporting;

    @PostConstruct
    void init() {
        exporting = new Admission(config.concurrentExports());
    }

    /** A place for one more export, or {@link ExportsBusyException} when as many as allowed are being written. */
    public Admission.Place admit() {
        return exporting.enter().orElseThrow(ExportsBusyException::new);
    }

    /**
     * The organisations of an area (null: the city) and their combined ties, with the persons the caller may see
     * (their consent scope) and their affiliations and acquaintances when {@code visibleScopes} is not null. The city
     * comes from the in-memory copy while it is current (the same organisations and ties, no read of the whole
     * city from Neo4j), an area from Neo4j.
     */
    public NetworkAnswer network(String area, Set<String> visibleScopes) {
        // a city holding every organisation is the whole city (not so for persons, who may belong to no organisation)
        boolean wholeCity = area == null || visibleScopes == null && areas.ofOrganisations(area) == null;
        Optional<CityGraph.Copy> copy = wholeCity ? city.currentAfterReload() : Optional.empty();
        AnalysisGraph.Network organisations = copy.map(CityGraph.Copy::organisations).orElseGet(() -> graph.load(area));
        if (visibleScopes == null) {
            return new NetworkAnswer(organisations);
        }
        AnalysisGraph.Network persons = copy.map(c -> c.persons(visibleScopes, personNames::open))
                .orElseGet(() -> graph.persons(area, visibleScopes));
        Set<String> known = new HashSet<>();
        organisations.nodes().forEach(n -> known.add(n.id()));
        persons.nodes().forEach(n -> known.add(n.id()));
        List<AnalysisGraph.Node> nodes = new ArrayList<>(organisations.nodes());
        nodes.addAll(persons.nodes());
        List<AnalysisGraph.Tie> ties = new ArrayList<>(organisations.ties());
        persons.ties().stream().filter(t -> known.contains(t.a()) && known.contains(t.b())).forEach(ties::add);
        return new NetworkAnswer(new AnalysisGraph.Network(nodes, ties));
    }

    /**
     * The organisations within {@code depth} ties of one, over ties of at least {@code minStrength}.
     * Read outward from the centre in one statement, so the answer costs what the neighbourhood
     * holds, not the city.
     */
    public NetworkAnswer egoNetwork(String actor, int depth, double minStrength) {
        // from the in-memory copy while it is current (the same ties by the same rules), else from Neo4j
        return new NetworkAnswer(city.current().map(copy -> copy.egoNetwork(actor, depth, minStrength))
                .orElseGet(() -> graph.egoNetwork(actor, depth, minStrength)));
    }

    /** The ego network over only these tie kinds, as they were in a period: one ring of neighbours per query. */
    public NetworkAnswer egoNetwork(String actor, int depth, double minStrength, Set<String> kinds, LocalDate from,
            LocalDate to) {
        return new NetworkAnswer(egoNetwork(actor, depth, (ids, within) -> graph.tiesOf(ids, minStrength, within, kinds, from, to)));
    }

    /** The ties of some organisations (a = one of them), optionally only to others among {@code within}. */
    private interface TiesOf {
        List<AnalysisGraph.Tie> read(Set<String> ids, Set<String> within);
    }

    private AnalysisGraph.Network egoNetwork(String actor, int depth, TiesOf tiesOf) {
        List<AnalysisGraph.Node> centre = graph.organisations(List.of(actor));
        if (centre.isEmpty()) {
            return new AnalysisGraph.Network(List.of(), List.of());
        }
        Set<String> reached = new LinkedHashSet<>(List.of(actor));
        Map<String, AnalysisGraph.Tie> ties = new HashMap<>();
        Set<String> layer = Set.of(actor);
        for (int distance = 0; distance < depth && !layer.isEmpty(); distance++) {
            Set<String> next = new LinkedHashSet<>();
            for (AnalysisGraph.Tie tie : tiesOf.read(layer, null)) {
                keep(ties, tie);
                if (reached.add(tie.b())) {
                    next.add(tie.b());
                }
            }
            layer = next;
        }
        // the ties among the outermost layer (and from it back inside) are not read yet
        if (!layer.isEmpty()) {
            tiesOf.read(layer, reached).forEach(tie -> keep(ties, tie));
        }
        List<AnalysisGraph.Node> nodes = graph.organisations(reached);
        List<AnalysisGraph.Tie> among = ties.values().stream()
                .sorted(Comparator.comparing(AnalysisGraph.Tie::a).thenComparing(AnalysisGraph.Tie::b)).toList();
        return new AnalysisGraph.Network(nodes, among);
    }

    /** One tie per pair, lower id first, as the whole-graph reads give them. */
    private static void keep(Map<String, AnalysisGraph.Tie> ties, AnalysisGraph.Tie tie) {
        boolean ordered = tie.a().compareTo(tie.b()) < 0;
        String a = ordered ? tie.a() : tie.b();
        String b = ordered ? tie.b() : tie.a();
        ties.putIfAbsent(a + "|" + b, new AnalysisGraph.Tie(a, b, tie.strength(), tie.kind()));
    }
}
