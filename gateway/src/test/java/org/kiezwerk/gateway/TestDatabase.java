package org.kiezwerk.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.kiezwerk.infra.InfraSettings;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * The tests' PostgreSQL from deploy/local-infra (through {@link LocalInfraTestResource}, on the
 * tests' own port and data), with the database {@code gateway}. The gateway's test classes restart
 * Quarkus for their profiles; the server is started once and stopped when the test JVM ends.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private static LocalInfraTestResource servers;

    @Override
    public Map<String, String> start() {
        synchronized (TestDatabase.class) {
            if (servers == null) {
                LocalInfraTestResource resource = new LocalInfraTestResource();
                resource.init(Map.of("servers", "postgres"));
                resource.start();
                servers = resource;
                Runtime.getRuntime().addShutdownHook(new Thread(resource::stop, "stop-test-servers"));
            }
        }
        ensureDatabase(InfraSettings.fromEnvironment().postgresPort());
        return Map.of();
    }

    @Override
    public void stop() {
        // kept for the next test class; stopped by the shutdown hook
    }

    /** A server left running by an earlier build may predate the database gateway. */
    static void ensureDatabase(int port) {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        login.setProperty("password", "");
        try (Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", login);
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = 'gateway'")) {
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database gateway");
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile
                throw new IllegalStateException("cannot create the test database gateway", e);
            }
        }
    }
}
