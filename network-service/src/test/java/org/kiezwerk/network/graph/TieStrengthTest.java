package org.kiezwerk.network.graph;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fast: the tie-strength rule is written once, and every statement that weighs ties takes it from there. */
class TieStrengthTest {

    @Test
    void thePlaceholdersBecomeTheRules() {
        String cypher = TieStrength.in("RETURN {cooperation} AS c, {acquaintance} AS k, {cooperation} AS again");
        assertEquals("RETURN " + TieStrength.COOPERATION + " AS c, " + TieStrength.ACQUAINTANCE + " AS k, "
                + TieStrength.COOPERATION + " AS again", cypher);
        assertFalse(cypher.contains("{"), cypher);
    }

    @Test
    void noStatementWritesTheRuleItself() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> copies = files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("TieStrength.java"))
                    .filter(p -> {
                        try {
                            String text = Files.readString(p);
                            return text.contains("strength / 5.0 * CASE") || text.contains("k.strength / 5.0");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(p -> sources.relativize(p).toString()).toList();
            assertEquals(List.of(), copies, "write {cooperation} or {acquaintance} and pass the statement through TieStrength.in");
        }
        // and the statements do use it
        String analyses = Files.readString(sources.resolve("org/kiezwerk/network/graph/AnalysisGraph.java"));
        String paths = Files.readString(sources.resolve("org/kiezwerk/network/graph/PathGraph.java"));
        assertTrue(analyses.contains("{cooperation}") && paths.contains("{cooperation}"));
    }
}
