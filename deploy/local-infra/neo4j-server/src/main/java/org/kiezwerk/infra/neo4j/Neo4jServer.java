package org.kiezwerk.infra.neo4j;

import static org.kiezwerk.infra.server.ServerProcess.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j Community 5 as an embedded DBMS in its own process, reachable only through Bolt on
 * 127.0.0.1. LOAD CSV may not read local files, and heap (set by the launcher) and page cache are
 * capped for a small machine.
 */
public final class Neo4jServer {

    public static void main(String[] args) throws Exception {
        int port = port("port");
        Path home = directory("dataDir");
        String password = System.getenv().getOrDefault("KIEZWERK_NEO4J_PASSWORD", "");
        long pageCacheMb = Long.parseLong(setting("pageCacheMb", "128"));
        boolean auth = !password.isEmpty();

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                    .build();
        } catch (Exception e) {
            fail("neo4j", e);
            return;
        }
        onShutdown("neo4j", dbms::shutdown);
        try {
            if (auth) {
                // embedded Neo4j starts with the default user "neo4j"; give it the configured password
                dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            }
            AuthToken token = auth ? AuthTokens.basic("neo4j", password) : AuthTokens.none();
            try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + port, token)) {
                awaitAnswer("Neo4j Bolt on port " + port, Duration.ofSeconds(90),
                        () -> driver.executableQuery("RETURN 1 AS one").execute().records().get(0).get("one").asInt() == 1);
            }
        } catch (Exception e) {
            fail("neo4j", e);
        }
        announceReady("neo4j", "bolt://127.0.0.1:" + port + (auth ? " (auth on)" : " (auth off)"));
        awaitShutdown();
    }
}
