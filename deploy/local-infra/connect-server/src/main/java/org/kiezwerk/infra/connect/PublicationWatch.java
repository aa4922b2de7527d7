package org.kiezwerk.infra.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a service's migration has added its outbox table to the publication yet, asked every half
 * second per database until it has. One connection per database is kept for those questions: a new
 * one each time made PostgreSQL start a backend process and fill its catalog caches twice a second:
 * about a tenth of a core, PostgreSQL's and Connect's together, for as long as a service was not running
 * (docs/benchmarks/idle-runs/2026-12-07-connect-supervisor.md; the benchmarks without event-service paid it
 * throughout). A connection that fails is opened again next time.
 */
final class PublicationWatch implements AutoCloseable {

    /** How the watch's connections name themselves in pg_stat_activity. */
    static final String APPLICATION_NAME = "kiezwerk-connect-supervisor";

    private final int postgresPort;
    private final Map<String, Connection> connections = new HashMap<>();

    PublicationWatch(int postgresPort) {
        this.postgresPort = postgresPort;
    }

    /** Whether the database's outbox table is in the outbox publication. */
    boolean published(String database) throws SQLException {
        Connection c = connections.get(database);
        if (c == null || c.isClosed()) {
            c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database
                    + "?ApplicationName=" + APPLICATION_NAME, "postgres", "");
            connections.put(database, c);
        }
        try (PreparedStatement s = c.prepareStatement("select 1 from pg_publication_tables where pubname = ?"
                + " and schemaname = 'public' and tablename = 'outbox_message'")) {
            s.setString(1, OutboxConnectors.PUBLICATION);
            try (ResultSet rs = s.executeQuery()) {
                boolean published = rs.next();
                if (published) {
                    forget(database);
                }
                return published;
            }
        } catch (SQLException e) {
            forget(database);
            throw e;
        }
    }

    /** Closes the database's connection: it is published, or the connection failed. */
    private void forget(String database) {
        Connection c = connections.remove(database);
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken: nothing left to release
            }
        }
    }

    /** The databases with a connection open. */
    int open() {
        return connections.size();
    }

    @Override
    public void close() {
        for (String database : Map.copyOf(connections).keySet()) {
            forget(database);
        }
    }
}
