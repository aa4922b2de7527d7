package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.graph.AnalysisGraph;

/** Fast: the CSV edge list holds every actor, those without a tie as rows of their own. */
class NetworkExportsTest {

    @Test
    void anActorWithoutTiesIsARowOfItsOwn() throws Exception {
        AnalysisGraph.Network network = new AnalysisGraph.Network(List.of(node("a", "Kita Sonnenschein"), node("b", "Pfarrei St. Anna"),
                node("c", "Lauftreff"), node("d", "Tafel, Nord")), List.of(
                new AnalysisGraph.Tie("a", "b", 0.8, "COOPERATES"),
                new AnalysisGraph.Tie("b", "stranger", 1, "COOPERATES"))); // the other end outside: not written, as before
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> read = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(NetworkExports.csv(network))) {
            rows = read.readAll();
        }
        assertEquals(List.of(
                Map.of("source", "a", "source_name", "Kita Sonnenschein", "target", "b", "target_name", "Pfarrei St. Anna", "weight", "0.8"),
                Map.of("source", "c", "source_name", "Lauftreff", "target", "", "target_name", "", "weight", ""),
                Map.of("source", "d", "source_name", "Tafel, Nord", "target", "", "target_name", "", "weight", "")), rows);
    }

    private static AnalysisGraph.Node node(String id, String name) {
        return new AnalysisGraph.Node(id, name, "association");
    }
}
