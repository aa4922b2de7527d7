package org.kiezwerk.network.graph;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fast: no server needed. */
class GraphMigrationsTest {

    @Test
    void listsEveryMigrationFileInVersionOrder() throws IOException {
        List<String> files;
        try (Stream<Path> folder = Files.list(Path.of("src/main/resources/neo4j/migrations"))) {
            files = folder.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cypher")).sorted().toList();
        }
        assertEquals(files, GraphMigrations.MIGRATIONS, "add new migration files to GraphMigrations.MIGRATIONS");
        files.forEach(f -> assertTrue(f.matches("V\\d{4}__\\w+\\.cypher"), f + " should be named V0000__What.cypher"));
    }

    @Test
    void everyMigrationIsRepeatable() {
        for (String file : GraphMigrations.MIGRATIONS) {
            for (String statement : GraphMigrations.read(file).split(";")) {
                String cypher = statement.replaceAll("(?m)^\\s*//.*$", "").strip();
                if (cypher.startsWith("CREATE CONSTRAINT") || cypher.startsWith("CREATE INDEX")) {
                    assertTrue(cypher.contains("IF NOT EXISTS"), file + ": " + cypher);
                }
            }
        }
    }
}
