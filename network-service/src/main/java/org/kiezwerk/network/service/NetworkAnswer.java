package org.kiezwerk.network.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.kiezwerk.network.graph.AnalysisGraph;

/** A network read for an answer (an export, an ego network): how large it is, and writing it in a format. */
public final class NetworkAnswer {

    private final AnalysisGraph.Network network;

    NetworkAnswer(AnalysisGraph.Network network) {
        this.network = network;
    }

    /** Its organisations (and persons) and ties together. */
    public int elements() {
        return network.nodes().size() + network.ties().size();
    }

    /** Written to the caller as it goes ({@link NetworkFormats}). */
    public void write(NetworkExports.Format format, OutputStream out) throws IOException {
        NetworkFormats.write(network, format, out);
    }

    /** Written whole, for a small one. */
    public String written(NetworkExports.Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
