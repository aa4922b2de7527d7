package org.kiezwerk.network.graph;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/**
 * Applies the versioned Cypher migrations in {@code neo4j/migrations} once each, in order, and
 * records each as a {@code __GraphMigration} node with its checksum. (neo4j-migrations, the usual
 * library for this, has no release for the 6.x driver that quarkus-neo4j brings.) Statements must be
 * idempotent ({@code IF NOT EXISTS}), so a migration interrupted half-way can simply run again.
 */
@ApplicationScoped
public class GraphMigrations {

    /** In order. GraphMigrationsTest checks that this lists every file in the folder. */
    public static final List<String> MIGRATIONS = List.of(
            "V0001__Organisation_id_unique.cypher",
            "V0002__SharedEvent_id_unique.cypher",
            "V0003__Cooperation_ties.cypher",
            "V0004__Person_id_unique.cypher",
            "V0005__Neighbourhood_and_target_group.cypher",
            "V0006__Saved_queries.cypher",
            "V0007__Health_snapshots.cypher",
            "V0008__Tie_outbox.cypher");

    private static final Logger LOG = Logger.getLogger(GraphMigrations.class);

    @Inject
    Driver driver;

    @Inject
    GraphConfig config;

    @Inject
    GraphDatabase database;

    @Inject
    PersonGraph persons;

    void onStart(@Observes StartupEvent event) throws InterruptedException {
        if (config.migrateAtStart()) {
            migrate();
            // a data step after the schema: persons recorded before names were sealed get sealed now
            int sealed = persons.sealLegacy();
            if (sealed > 0) {
                LOG.infof("sealed the names and consent notes of %d persons recorded before sealing", sealed);
            }
        }
    }

    public void migrate() throws InterruptedException {
        awaitGraph();
        for (String file : MIGRATIONS) {
            String cypher = read(file);
            String checksum = sha256(cypher);
            var applied = driver.executableQuery(
                    "MATCH (m:__GraphMigration {file: $file}) RETURN m.checksum AS checksum")
                    .withParameters(Map.of("file", file)).withConfig(database.queries()).execute().records();
            if (!applied.isEmpty()) {
                if (!checksum.equals(applied.get(0).get("checksum").asString())) {
                    throw new IllegalStateException("graph migration " + file
                            + " was changed after it was applied; add a new migration instead");
                }
                continue;
            }
            for (String statement : cypher.split(";")) {
                if (!statement.replaceAll("(?m)^\\s*//.*$", "").isBlank()) {
                    driver.executableQuery(statement).withConfig(database.queries()).execute();
                }
            }
            driver.executableQuery("""
                    MERGE (m:__GraphMigration {file: $file})
                    SET m.checksum = $checksum, m.installedAt = datetime()
                    """).withParameters(Map.of("file", file, "checksum", checksum)).withConfig(database.queries()).execute();
            LOG.infof("applied graph migration %s", file);
        }
    }

    /** The graph may still be starting when the service does (as after a reboot): wait a little. */
    private void awaitGraph() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                driver.verifyConnectivity();
                return;
            } catch (ServiceUnavailableException e) {
                if (attempt == 30) {
                    throw e;
                }
                LOG.warnf("Neo4j not reachable yet (%s); retrying", e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    static String read(String file) {
        try (InputStream in = GraphMigrations.class.getResourceAsStream("/neo4j/migrations/" + file)) {
            if (in == null) {
                throw new IllegalStateException("graph migration " + file + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
