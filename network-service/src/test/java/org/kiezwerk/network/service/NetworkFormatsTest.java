package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.jgrapht.nio.BaseEventDrivenImporter;
import org.jgrapht.nio.gexf.SimpleGEXFImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.graph.AnalysisGraph;

/**
 * Fast: each export format, written as it streams, holds every organisation (those without ties too), its name and
 * kind, and every tie with both ends in the network with its strength. Checked on seeded random networks whose names
 * carry what each format must escape, by reading every format back: GraphML and GEXF validated against their XML
 * schemas and read by JGraphT's importers, Cytoscape.js JSON and CSV by Jackson.
 */
class NetworkFormatsTest {

    private static final String[] WORDS = {"Kita", "Sonnenschein", "Müller & Söhne", "<Tafel>", "\"Nord\"", "Pfarrei St. Anna",
            "O'Brien", "a, b; c", "Straße", "Verein\u0007", "😀 Treff", "e.V.", "&amp;", "]]>", "Zentrum"};
    private static final String[] KINDS = {"association", "parish", "day_care", "initiative", null};

    /** A network with its expected reading: node id → name, kind; tie "a|b" → strength. */
    record Expected(AnalysisGraph.Network network, Map<String, String> names, Map<String, String> kinds, Map<String, Double> ties) {
    }

    static Expected network(long seed) {
        Random random = new Random(seed);
        int size = 20 + random.nextInt(60);
        List<AnalysisGraph.Node> nodes = new ArrayList<>();
        Map<String, String> names = new TreeMap<>();
        Map<String, String> kinds = new HashMap<>();
        for (int i = 0; i < size; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            String name = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + i;
            String kind = KINDS[random.nextInt(KINDS.length)];
            nodes.add(new AnalysisGraph.Node(id, name, kind));
            names.put(id, name);
            kinds.put(id, kind);
        }
        List<AnalysisGraph.Tie> ties = new ArrayList<>();
        Map<String, Double> expected = new HashMap<>();
        int loners = size / 4; // the last quarter has no ties
        for (int t = 0; t < size * 2; t++) {
            String a = nodes.get(random.nextInt(size - loners)).id();
            String b = nodes.get(random.nextInt(size - loners)).id();
            if (a.compareTo(b) >= 0 || expected.containsKey(a + "|" + b)) {
                continue;
            }
            double strength = Math.round((0.2 + random.nextDouble() * 3) * 1e6) / 1e6;
            ties.add(new AnalysisGraph.Tie(a, b, strength, "combined"));
            expected.put(a + "|" + b, strength);
        }
        // a tie to an organisation outside the network (another area): not written in any format
        ties.add(new AnalysisGraph.Tie(nodes.get(0).id(), UUID.randomUUID().toString(), 1.0, "combined"));
        return new Expected(new AnalysisGraph.Network(nodes, ties), names, kinds, expected);
    }

    private static String written(AnalysisGraph.Network network, NetworkExports.Format format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NetworkFormats.write(network, format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the names become in XML: the characters XML 1.0 does not allow replaced. */
    private static Map<String, String> inXml(Map<String, String> names) {
        Map<String, String> readable = new TreeMap<>();
        names.forEach((id, name) -> readable.put(id, name.replace('\u0007', '\uFFFD')));
        return readable;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void graphmlIsValidAndHoldsEveryOrganisationAndTie(long seed) throws Exception {
        Expected expected = network(seed);
        String graphml = written(expected.network(), NetworkExports.Format.GRAPHML);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(getClass().getResource("/graphml.xsd"))
                .newValidator().validate(new StreamSource(new StringReader(graphml)));
        Map<String, String> names = new TreeMap<>();
        Map<String, String> kinds = new HashMap<>();
        Graph<String, DefaultWeightedEdge> graph = read(new GraphMLImporter<>(), graphml, names, kinds, "name", "kind");
        assertEquals(inXml(expected.names()), names);
        assertKinds(expected, kinds, graph);
        assertTies(expected, graph);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void gexfIsValidAndHoldsEveryOrganisationAndTieWithItsWeight(long seed) throws Exception {
        Expected expected = network(seed);
        String gexf = written(expected.network(), NetworkExports.Format.GEXF);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(getClass().getResource("/gexf.xsd"))
                .newValidator().validate(new StreamSource(new StringReader(gexf)));
        Map<String, String> names = new TreeMap<>();
        Map<String, String> kinds = new HashMap<>();
        Graph<String, DefaultWeightedEdge> graph = read(new SimpleGEXFImporter<>(), gexf, names, kinds, "label", "kind");
        assertEquals(inXml(expected.names()), names);
        assertKinds(expected, kinds, graph);
        assertTies(expected, graph); // JGraphT's exporter wrote no weights here: Gephi read every tie as 1
    }

    private static Graph<String, DefaultWeightedEdge> read(BaseEventDrivenImporter<String, DefaultWeightedEdge> importer, String text,
            Map<String, String> names, Map<String, String> kinds, String nameKey, String kindKey) {
        Graph<String, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        importer.addVertexAttributeConsumer((vertexAndKey, value) -> {
            if (vertexAndKey.getSecond().equals(nameKey)) {
                names.put(vertexAndKey.getFirst(), value.getValue());
            } else if (vertexAndKey.getSecond().equals(kindKey)) {
                kinds.put(vertexAndKey.getFirst(), value.getValue());
            }
        });
        if (importer instanceof GraphMLImporter<String, DefaultWeightedEdge> graphml) {
            graphml.setVertexFactory(id -> id);
            graphml.importGraph(graph, new StringReader(text));
        } else if (importer instanceof SimpleGEXFImporter<String, DefaultWeightedEdge> gexf) {
            gexf.setVertexFactory(id -> id);
            gexf.importGraph(graph, new StringReader(text));
        }
        return graph;
    }

    private static void assertKinds(Expected expected, Map<String, String> kinds, Graph<String, DefaultWeightedEdge> graph) {
        assertEquals(expected.names().keySet(), new java.util.TreeSet<>(graph.vertexSet()), "every organisation, those without ties too");
        expected.kinds().forEach((id, kind) -> assertEquals(kind, kinds.get(id), "kind of " + id + " (none when it has none)"));
    }

    private static void assertTies(Expected expected, Graph<String, DefaultWeightedEdge> graph) {
        Map<String, Double> ties = new HashMap<>();
        for (DefaultWeightedEdge edge : graph.edgeSet()) {
            String a = graph.getEdgeSource(edge);
            String b = graph.getEdgeTarget(edge);
            ties.put(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a, graph.getEdgeWeight(edge));
        }
        assertEquals(expected.ties(), ties);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void cytoscapeHoldsEveryOrganisationAndTie(long seed) throws Exception {
        Expected expected = network(seed);
        JsonNode elements = new ObjectMapper().readTree(written(expected.network(), NetworkExports.Format.CYTOSCAPE)).get("elements");
        Map<String, String> names = new TreeMap<>();
        for (JsonNode node : elements.get("nodes")) {
            JsonNode data = node.get("data");
            names.put(data.get("id").asText(), data.get("label").asText());
            String kind = expected.kinds().get(data.get("id").asText());
            assertEquals(kind, data.has("kind") ? data.get("kind").asText() : null);
        }
        assertEquals(expected.names(), names);
        Map<String, Double> ties = new HashMap<>();
        for (JsonNode edge : elements.get("edges")) {
            JsonNode data = edge.get("data");
            assertEquals(data.get("source").asText() + "~" + data.get("target").asText(), data.get("id").asText());
            ties.put(data.get("source").asText() + "|" + data.get("target").asText(), data.get("weight").asDouble());
        }
        assertEquals(expected.ties(), ties);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void csvHoldsEveryTieAndEachOrganisationWithoutTiesAsARowOfItsOwn(long seed) throws Exception {
        Expected expected = network(seed);
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> read = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(written(expected.network(), NetworkExports.Format.CSV))) {
            rows = read.readAll();
        }
        Map<String, Double> ties = new HashMap<>();
        Map<String, String> names = new TreeMap<>();
        for (Map<String, String> row : rows) {
            names.put(row.get("source"), row.get("source_name"));
            if (row.get("target").isEmpty()) {
                assertEquals("", row.get("weight"));
                assertFalse(ties.keySet().stream().anyMatch(t -> t.contains(row.get("source"))), "a lone row only for an actor without ties");
            } else {
                names.put(row.get("target"), row.get("target_name"));
                ties.put(row.get("source") + "|" + row.get("target"), Double.parseDouble(row.get("weight")));
            }
        }
        assertEquals(expected.ties(), ties);
        assertEquals(expected.names(), names);
    }

    @Test
    void aCallerWhoGoesAwayStopsTheExport() {
        Expected expected = network(4);
        // the connection breaks after 1 kB: the writer gives up with the stream's error rather than writing on
        OutputStream breaking = new OutputStream() {
            int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1024) {
                    throw new IOException("connection reset");
                }
            }
        };
        for (NetworkExports.Format format : NetworkExports.Format.values()) {
            // a network large enough to pass the writer's buffer
            List<AnalysisGraph.Node> nodes = new ArrayList<>(expected.network().nodes());
            for (int i = 0; i < 2_000; i++) {
                nodes.add(new AnalysisGraph.Node(UUID.randomUUID().toString(), "Verein " + i, "association"));
            }
            AnalysisGraph.Network big = new AnalysisGraph.Network(nodes, expected.network().ties());
            IOException gone = assertThrows(IOException.class, () -> NetworkFormats.write(big, format, breaking), format.name());
            assertTrue(String.valueOf(gone.getMessage()).contains("connection reset") || gone.getCause() != null, format.name());
        }
    }

    @Test
    void charactersXmlDoesNotAllowAreReplacedAndOthersKept() {
        assertEquals("Verein\uFFFD Nord", NetworkFormats.xmlText("Verein\u0007 Nord"));
        assertEquals("😀 Müller\tTafel", NetworkFormats.xmlText("😀 Müller\tTafel"));
        assertEquals("a\uFFFDb", NetworkFormats.xmlText("a\uD800b")); // an unpaired surrogate
    }
}
