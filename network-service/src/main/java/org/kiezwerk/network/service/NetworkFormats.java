package org.kiezwerk.network.service;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.kiezwerk.network.graph.AnalysisGraph;

/**
 * Writes a network in the formats analysts' tools read — GraphML, GEXF 1.2, Cytoscape.js JSON and a CSV edge list —
 * straight to the answer's stream, element by element (StAX for the XML, Jackson's streaming generators for JSON and
 * CSV). Nothing the size of the answer is built in memory: a city of 20,000 organisations and 100,000 ties is some
 * 20 MB in each format, and building it as a string took more than 100 MB of heap (the service has 160 MB).
 * <p>
 * Every format holds every organisation (those without ties too) and every tie whose two ends are in the network,
 * with its combined strength. An organisation without a kind has no kind attribute (not the text "null").
 */
public final class NetworkFormats {

    static final String GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";
    static final String GEXF_NS = "http://www.gexf.net/1.2draft";
    private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final JsonFactory JSON = new JsonFactory();
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema CSV_COLUMNS = CsvSchema.builder().addColumn("source").addColumn("source_name")
            .addColumn("target").addColumn("target_name").addColumn("weight").build().withHeader();

    private NetworkFormats() {
    }

    public static void write(AnalysisGraph.Network network, NetworkExports.Format format, OutputStream out) throws IOException {
        // one buffer between the writers and the connection; closing the writers leaves the stream to its owner
        BufferedOutputStream buffered = new BufferedOutputStream(new NonClosing(out), 64 * 1024);
        switch (format) {
            case GRAPHML -> xml(buffered, w -> graphml(network, w));
            case GEXF -> xml(buffered, w -> gexf(network, w));
            case CYTOSCAPE -> cytoscape(network, buffered);
            case CSV -> csv(network, buffered);
        }
        buffered.flush();
    }

    private interface XmlBody {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static void xml(OutputStream out, XmlBody body) throws IOException {
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            if (e.getCause() instanceof IOException io) {
                throw io; // the caller went away mid-way
            }
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** The same keys and layout JGraphT's GraphMLExporter wrote before, so that existing imports keep working. */
    private static void graphml(AnalysisGraph.Network network, XMLStreamWriter w) throws XMLStreamException {
        w.setDefaultNamespace(GRAPHML_NS);
        w.writeStartElement(GRAPHML_NS, "graphml");
        w.writeDefaultNamespace(GRAPHML_NS);
        w.writeNamespace("xsi", XSI_NS);
        w.writeAttribute(XSI_NS, "schemaLocation", GRAPHML_NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        line(w, 1);
        w.writeStartElement(GRAPHML_NS, "key");
        w.writeAttribute("id", "edge_weight_key");
        w.writeAttribute("for", "edge");
        w.writeAttribute("attr.name", "weight");
        w.writeAttribute("attr.type", "double");
        w.writeStartElement(GRAPHML_NS, "default");
        w.writeCharacters("1.0");
        w.writeEndElement();
        w.writeEndElement();
        key(w, "key0", "name");
        key(w, "key1", "kind");
        line(w, 1);
        w.writeStartElement(GRAPHML_NS, "graph");
        w.writeAttribute("edgedefault", "undirected");
        Set<String> ids = ids(network);
        for (AnalysisGraph.Node node : network.nodes()) {
            line(w, 2);
            w.writeStartElement(GRAPHML_NS, "node");
            w.writeAttribute("id", node.id());
            data(w, "key0", node.name());
            data(w, "key1", node.kind());
            w.writeEndElement();
        }
        for (AnalysisGraph.Tie tie : network.ties()) {
            if (ids.contains(tie.a()) && ids.contains(tie.b())) {
                line(w, 2);
                w.writeStartElement(GRAPHML_NS, "edge");
                w.writeAttribute("source", tie.a());
                w.writeAttribute("target", tie.b());
                data(w, "edge_weight_key", Double.toString(tie.strength()));
                w.writeEndElement();
            }
        }
        line(w, 1);
        w.writeEndElement();
        line(w, 0);
        w.writeEndElement();
        line(w, 0);
    }

    private static void key(XMLStreamWriter w, String id, String name) throws XMLStreamException {
        line(w, 1);
        w.writeEmptyElement(GRAPHML_NS, "key");
        w.writeAttribute("id", id);
        w.writeAttribute("for", "node");
        w.writeAttribute("attr.name", name);
        w.writeAttribute("attr.type", "string");
    }

    private static void data(XMLStreamWriter w, String key, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeStartElement(GRAPHML_NS, "data");
        w.writeAttribute("key", key);
        w.writeCharacters(xmlText(value));
        w.writeEndElement();
    }

    /** GEXF 1.2: the name as label, the kind as a node attribute, the strength as the edge's own weight (Gephi reads it). */
    private static void gexf(AnalysisGraph.Network network, XMLStreamWriter w) throws XMLStreamException {
        w.setDefaultNamespace(GEXF_NS);
        w.writeStartElement(GEXF_NS, "gexf");
        w.writeDefaultNamespace(GEXF_NS);
        w.writeNamespace("xsi", XSI_NS);
        w.writeAttribute(XSI_NS, "schemaLocation", GEXF_NS + " http://www.gexf.net/1.2draft/gexf.xsd");
        w.writeAttribute("version", "1.2");
        line(w, 1);
        w.writeStartElement(GEXF_NS, "meta");
        w.writeStartElement(GEXF_NS, "creator");
        w.writeCharacters("Kiezwerk");
        w.writeEndElement();
        w.writeEndElement();
        line(w, 1);
        w.writeStartElement(GEXF_NS, "graph");
        w.writeAttribute("defaultedgetype", "undirected");
        line(w, 2);
        w.writeStartElement(GEXF_NS, "attributes");
        w.writeAttribute("class", "node");
        w.writeEmptyElement(GEXF_NS, "attribute");
        w.writeAttribute("id", "0");
        w.writeAttribute("title", "kind");
        w.writeAttribute("type", "string");
        w.writeEndElement();
        line(w, 2);
        w.writeStartElement(GEXF_NS, "nodes");
        Set<String> ids = ids(network);
        for (AnalysisGraph.Node node : network.nodes()) {
            line(w, 3);
            if (node.kind() == null) {
                w.writeEmptyElement(GEXF_NS, "node");
            } else {
                w.writeStartElement(GEXF_NS, "node");
            }
            w.writeAttribute("id", node.id());
            w.writeAttribute("label", node.name() == null ? "" : xmlText(node.name()));
            if (node.kind() != null) {
                w.writeStartElement(GEXF_NS, "attvalues");
                w.writeEmptyElement(GEXF_NS, "attvalue");
                w.writeAttribute("for", "0");
                w.writeAttribute("value", xmlText(node.kind()));
                w.writeEndElement();
                w.writeEndElement();
            }
        }
        line(w, 2);
        w.writeEndElement();
        line(w, 2);
        w.writeStartElement(GEXF_NS, "edges");
        long edge = 0;
        for (AnalysisGraph.Tie tie : network.ties()) {
            if (ids.contains(tie.a()) && ids.contains(tie.b())) {
                line(w, 3);
                w.writeEmptyElement(GEXF_NS, "edge");
                w.writeAttribute("id", "e" + edge++);
                w.writeAttribute("source", tie.a());
                w.writeAttribute("target", tie.b());
                w.writeAttribute("weight", Double.toString(tie.strength()));
            }
        }
        line(w, 2);
        w.writeEndElement();
        line(w, 1);
        w.writeEndElement();
        line(w, 0);
        w.writeEndElement();
        line(w, 0);
    }

    /**
     * The text with each character XML 1.0 does not allow (control characters but tab, line feed and carriage return;
     * unpaired surrogates; U+FFFE, U+FFFF) replaced by U+FFFD: the writer would copy them as they are, and the whole
     * document would no longer parse. Names come from partners' own input.
     */
    static String xmlText(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
            if (!allowed && fixed == null) {
                fixed = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (fixed != null) {
                fixed.append(allowed ? c : '\uFFFD');
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    private static final String[] INDENTS = new String[4];

    static {
        for (int i = 0; i < INDENTS.length; i++) {
            char[] spaces = new char[4 * i];
            Arrays.fill(spaces, ' ');
            INDENTS[i] = "\n" + new String(spaces);
        }
    }

    /** A new line, indented: readable in an editor, ignored by the tools (whitespace between elements). */
    private static void line(XMLStreamWriter w, int depth) throws XMLStreamException {
        w.writeCharacters(INDENTS[depth]);
    }

    /** Cytoscape.js elements: {"elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}}. */
    private static void cytoscape(AnalysisGraph.Network network, OutputStream out) throws IOException {
        Set<String> ids = ids(network);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeObjectFieldStart("elements");
            json.writeArrayFieldStart("nodes");
            for (AnalysisGraph.Node node : network.nodes()) {
                json.writeStartObject();
                json.writeObjectFieldStart("data");
                json.writeStringField("id", node.id());
                json.writeStringField("label", node.name());
                if (node.kind() != null) {
                    json.writeStringField("kind", node.kind());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("edges");
            for (AnalysisGraph.Tie tie : network.ties()) {
                if (ids.contains(tie.a()) && ids.contains(tie.b())) {
                    json.writeStartObject();
                    json.writeObjectFieldStart("data");
                    json.writeStringField("id", tie.a() + "~" + tie.b());
                    json.writeStringField("source", tie.a());
                    json.writeStringField("target", tie.b());
                    json.writeNumberField("weight", tie.strength());
                    json.writeEndObject();
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    /**
     * An edge list, and after it each actor without a tie as a row of its own with target and weight empty (as Gephi's
     * spreadsheet import takes a lone node): without those rows a city's organisations without ties were simply
     * missing, and with them the number of actors, the density and the components an analyst computes.
     */
    private static void csv(AnalysisGraph.Network network, OutputStream out) throws IOException {
        Map<String, String> names = new HashMap<>();
        network.nodes().forEach(n -> names.put(n.id(), n.name()));
        Set<String> tied = new HashSet<>();
        try (SequenceWriter rows = CSV.writer(CSV_COLUMNS).writeValues(out)) {
            for (AnalysisGraph.Tie tie : network.ties()) {
                if (names.containsKey(tie.a()) && names.containsKey(tie.b())) {
                    rows.write(new Object[] {tie.a(), names.get(tie.a()), tie.b(), names.get(tie.b()), tie.strength()});
                    tied.add(tie.a());
                    tied.add(tie.b());
                }
            }
            for (AnalysisGraph.Node node : network.nodes()) { // in the network's order
                if (tied.add(node.id())) {
                    rows.write(new Object[] {node.id(), node.name(), "", "", ""});
                }
            }
        }
    }

    private static Set<String> ids(AnalysisGraph.Network network) {
        Set<String> ids = new HashSet<>(network.nodes().size() * 2);
        network.nodes().forEach(n -> ids.add(n.id()));
        return ids;
    }

    /** Lets the writers close what they opened without closing the answer's stream under them. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
