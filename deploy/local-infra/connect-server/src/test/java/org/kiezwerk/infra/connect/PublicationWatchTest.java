package org.kiezwerk.infra.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The supervisor's question "is the outbox published yet?", against a real PostgreSQL on a free port of its own. */
class PublicationWatchTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
            s.execute("create database waiting");
            s.execute("create database ready");
        }
        try (Connection c = admin("ready"); Statement s = c.createStatement()) {
            s.execute("create table outbox_message (id uuid primary key)");
            s.execute("create publication " + OutboxConnectors.PUBLICATION + " for table outbox_message");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void asksEveryTimeOnOneConnectionUntilTheOutboxIsPublished() throws Exception {
        try (PublicationWatch watch = new PublicationWatch(postgres.getPort())) {
            List<Integer> backends = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                assertFalse(watch.published("waiting"));
                backends.add(watchBackend("waiting"));
            }
            assertEquals(1, backends.stream().distinct().count(), "one backend for all questions: " + backends);

            // the service's migration runs: the next question sees it, and the connection is let go
            try (Connection c = admin("waiting"); Statement s = c.createStatement()) {
                s.execute("create table outbox_message (id uuid primary key)");
                s.execute("create publication " + OutboxConnectors.PUBLICATION + " for table outbox_message");
            }
            assertTrue(watch.published("waiting"));
            assertEquals(0, watch.open());
            assertEquals(-1, watchBackend("waiting"));
        }
    }

    @Test
    void aPublishedOutboxKeepsNoConnection() throws Exception {
        try (PublicationWatch watch = new PublicationWatch(postgres.getPort())) {
            assertTrue(watch.published("ready"));
            assertEquals(0, watch.open());
        }
    }

    @Test
    void aConnectionLostIsOpenedAgain() throws Exception {
        try (PublicationWatch watch = new PublicationWatch(postgres.getPort())) {
            // no such database yet: the question fails, and nothing is kept
            assertThrows(SQLException.class, () -> watch.published("missing"));
            assertEquals(0, watch.open());
        }
        try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
            s.execute("create database waiting3");
        }
        try (PublicationWatch watch = new PublicationWatch(postgres.getPort())) {
            assertFalse(watch.published("waiting3"));
            int first = watchBackend("waiting3");
            try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
                s.execute("select pg_terminate_backend(" + first + ")");
            }
            // the question on the dead connection fails once; the next opens a new one
            assertThrows(SQLException.class, () -> watch.published("waiting3"));
            assertEquals(0, watch.open());
            assertFalse(watch.published("waiting3"));
            int second = watchBackend("waiting3");
            assertTrue(second > 0 && second != first, first + " then " + second);
        }
    }

    /** The pid of the watch's backend in the database, -1 if none. */
    private static int watchBackend(String database) throws Exception {
        List<Integer> pids = new ArrayList<>();
        // a terminated backend may be listed for a moment after its client saw the connection end
        for (int attempt = 0; attempt < 100; attempt++) {
            pids.clear();
            try (Connection c = admin("postgres"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select pid from pg_stat_activity where datname = '" + database
                            + "' and application_name = '" + PublicationWatch.APPLICATION_NAME + "'")) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
            if (pids.size() <= 1) {
                return pids.isEmpty() ? -1 : pids.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError(pids.size() + " backends of the watch in " + database + ": " + pids);
    }

    private static Connection admin(String database) throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }
}
