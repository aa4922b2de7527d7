package org.kiezwerk.network.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.gexf.GEXFAttributeType;
import org.jgrapht.nio.gexf.GEXFExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.kiezwerk.network.graph.AnalysisGraph;
import org.kiezwerk.network.graph.CityGraph;

/**
 * The network in the formats analysts' tools read: GraphML and GEXF (written by JGraphT's exporters,
 * for Gephi, yEd, NetworkX), Cytoscape.js JSON, and a CSV edge list. Organisations with name and
 * kind; ties with their combined strength.
 */
@ApplicationScoped
public class NetworkExports {

    public enum Format { GRAPHML, GEXF, CYTOSCAPE, CSV }

    @Inject
    AnalysisGraph graph;

    @Inject
    CityGraph city;

    @Inject
    ObjectMapper json;

    public String export(String area, Format format) {
        AnalysisGraph.Network network = graph.load(area);
        return write(network, format);
    }

    /** With the persons the caller may see (their consent scope) and their affiliations and acquaintances. */
    public String export(String area, Format format, Set<String> visibleScopes) {
        AnalysisGraph.Network organisations = graph.load(area);
        AnalysisGraph.Network persons = graph.persons(area, visibleScopes);
        Set<String> known = new HashSet<>();
        organisations.nodes().forEach(n -> known.add(n.id()));
        persons.nodes().forEach(n -> known.add(n.id()));
        List<AnalysisGraph.Node> nodes = new ArrayList<>(organisations.nodes());
        nodes.addAll(persons.nodes());
        List<AnalysisGraph.Tie> ties = new ArrayList<>(organisations.ties());
        persons.ties().stream().filter(t -> known.contains(t.a()) && known.contains(t.b())).forEach(ties::add);
        return write(new AnalysisGraph.Network(nodes, ties), format);
    }

    /**
     * The organisations within {@code depth} ties of one, over ties of at least {@code minStrength}.
     * Read outward from the centre in one statement, so the answer costs what the neighbourhood
     * holds, not the city.
     */
    public String egoNetwork(String actor, int depth, double minStrength) {
        // from the in-memory copy while it is current (the same ties by the same rules), else from Neo4j
        AnalysisGraph.Network network = city.current().map(copy -> copy.egoNetwork(actor, depth, minStrength))
                .orElseGet(() -> graph.egoNetwork(actor, depth, minStrength));
        return write(network, Format.CYTOSCAPE);
    }

    /** The ego network over only these tie kinds, as they were in a period: one ring of neighbours per query. */
    public String egoNetwork(String actor, int depth, double minStrength, Set<String> kinds, LocalDate from,
            LocalDate to) {
        return egoNetwork(actor, depth, (ids, within) -> graph.tiesOf(ids, minStrength, within, kinds, from, to));
    }

    /** The ties of some organisations (a = one of them), optionally only to others among {@code within}. */
    private interface TiesOf {
        List<AnalysisGraph.Tie> read(Set<String> ids, Set<String> within);
    }

    private String egoNetwork(String actor, int depth, TiesOf tiesOf) {
        List<AnalysisGraph.Node> centre = graph.organisations(List.of(actor));
        if (centre.isEmpty()) {
            return write(new AnalysisGraph.Network(List.of(), List.of()), Format.CYTOSCAPE);
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
        return write(new AnalysisGraph.Network(nodes, among), Format.CYTOSCAPE);
    }

    /** One tie per pair, lower id first, as the whole-graph reads give them. */
    private static void keep(Map<String, AnalysisGraph.Tie> ties, AnalysisGraph.Tie tie) {
        boolean ordered = tie.a().compareTo(tie.b()) < 0;
        String a = ordered ? tie.a() : tie.b();
        String b = ordered ? tie.b() : tie.a();
        ties.putIfAbsent(a + "|" + b, new AnalysisGraph.Tie(a, b, tie.strength(), tie.kind()));
    }

    private String write(AnalysisGraph.Network network, Format format) {
        return switch (format) {
            case GRAPHML -> graphml(network);
            case GEXF -> gexf(network);
            case CYTOSCAPE -> cytoscape(network);
            case CSV -> csv(network);
        };
    }

    private static Graph<String, DefaultWeightedEdge> build(AnalysisGraph.Network network, double minStrength) {
        Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        network.nodes().forEach(n -> g.addVertex(n.id()));
        for (AnalysisGraph.Tie tie : network.ties()) {
            if (g.containsVertex(tie.a()) && g.containsVertex(tie.b()) && tie.strength() >= minStrength) {
                Graphs.addEdge(g, tie.a(), tie.b(), tie.strength());
            }
        }
        return g;
    }

    private static Map<String, AnalysisGraph.Node> byId(AnalysisGraph.Network network) {
        Map<String, AnalysisGraph.Node> nodes = new HashMap<>();
        network.nodes().forEach(n -> nodes.put(n.id(), n));
        return nodes;
    }

    private static String graphml(AnalysisGraph.Network network) {
        Graph<String, DefaultWeightedEdge> g = build(network, 0);
        Map<String, AnalysisGraph.Node> nodes = byId(network);
        GraphMLExporter<String, DefaultWeightedEdge> exporter = new GraphMLExporter<>(v -> v);
        exporter.registerAttribute("name", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        exporter.registerAttribute("kind", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        exporter.setVertexAttributeProvider(v -> attributes(nodes.get(v)));
        exporter.setExportEdgeWeights(true);
        StringWriter out = new StringWriter();
        exporter.exportGraph(g, out);
        return out.toString();
    }

    private static String gexf(AnalysisGraph.Network network) {
        Graph<String, DefaultWeightedEdge> g = build(network, 0);
        Map<String, AnalysisGraph.Node> nodes = byId(network);
        GEXFExporter<String, DefaultWeightedEdge> exporter = new GEXFExporter<>(v -> v, new EdgeIds<>());
        exporter.registerAttribute("kind", GEXFExporter.AttributeCategory.NODE, GEXFAttributeType.STRING);
        exporter.setVertexAttributeProvider(v -> {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            attributes.put("label", DefaultAttribute.createAttribute(nodes.get(v).name()));
            attributes.put("kind", DefaultAttribute.createAttribute(nodes.get(v).kind()));
            return attributes;
        });
        exporter.setEdgeAttributeProvider(e -> Map.of("weight", DefaultAttribute.createAttribute(g.getEdgeWeight(e))));
        StringWriter out = new StringWriter();
        exporter.exportGraph(g, out);
        return out.toString();
    }

    private String cytoscape(AnalysisGraph.Network network) {
        Map<String, AnalysisGraph.Node> nodes = byId(network);
        List<Map<String, Object>> nodeElements = new ArrayList<>();
        for (AnalysisGraph.Node node : network.nodes()) {
            nodeElements.add(Map.of("data", Map.of("id", node.id(), "label", node.name(), "kind", node.kind())));
        }
        List<Map<String, Object>> edgeElements = new ArrayList<>();
        for (AnalysisGraph.Tie tie : network.ties()) {
            if (nodes.containsKey(tie.a()) && nodes.containsKey(tie.b())) {
                edgeElements.add(Map.of("data", Map.of("id", tie.a() + "~" + tie.b(), "source", tie.a(), "target", tie.b(),
                        "weight", tie.strength())));
            }
        }
        try {
            return json.writeValueAsString(Map.of("elements", Map.of("nodes", nodeElements, "edges", edgeElements)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An edge list, and after it each actor without a tie as a row of its own with target and weight empty (as Gephi's
     * spreadsheet import takes a lone node): without those rows a city's organisations without ties were simply
     * missing, and with them the number of actors, the density and the components an analyst computes.
     */
    static String csv(AnalysisGraph.Network network) {
        Map<String, AnalysisGraph.Node> nodes = byId(network);
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.builder().addColumn("source").addColumn("source_name").addColumn("target")
                .addColumn("target_name").addColumn("weight").build().withHeader();
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> tied = new HashSet<>();
        for (AnalysisGraph.Tie tie : network.ties()) {
            if (nodes.containsKey(tie.a()) && nodes.containsKey(tie.b())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("source", tie.a());
                row.put("source_name", nodes.get(tie.a()).name());
                row.put("target", tie.b());
                row.put("target_name", nodes.get(tie.b()).name());
                row.put("weight", tie.strength());
                rows.add(row);
                tied.add(tie.a());
                tied.add(tie.b());
            }
        }
        for (AnalysisGraph.Node node : network.nodes()) { // in the network's order
            if (tied.add(node.id())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("source", node.id());
                row.put("source_name", node.name());
                row.put("target", "");
                row.put("target_name", "");
                row.put("weight", "");
                rows.add(row);
            }
        }
        try {
            return mapper.writer(schema).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Attribute> attributes(AnalysisGraph.Node node) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        attributes.put("name", DefaultAttribute.createAttribute(node.name()));
        attributes.put("kind", DefaultAttribute.createAttribute(node.kind()));
        return attributes;
    }

    /** Edge ids for GEXF: e0, e1, ... in export order. */
    private static final class EdgeIds<E> implements Function<E, String> {
        private final Map<E, String> ids = new HashMap<>();

        @Override
        public String apply(E edge) {
            return ids.computeIfAbsent(edge, e -> "e" + ids.size());
        }
    }
}
