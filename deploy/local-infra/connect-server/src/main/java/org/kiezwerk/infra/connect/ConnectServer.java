package org.kiezwerk.infra.connect;

import static org.kiezwerk.infra.server.ServerProcess.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka Connect worker in standalone mode (offsets in a file under the data directory) running
 * one Debezium outbox connector per service database. Before it reports ready it makes sure each
 * database has its replication slot, so that every outbox row written from then on is kept in the
 * WAL until the connector has delivered it, however late the connector starts. It registers a
 * database's connector once the service's migration has added its outbox table to the publication, and
 * restarts a failed task (a PostgreSQL restart, say) every few seconds until it runs again.
 */
public final class ConnectServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        int port = port("port");
        int kafkaPort = port("kafkaPort");
        int postgresPort = port("postgresPort");
        Path dataDir = directory("dataDir");
        List<String> databases = List.of(setting("outboxes").split(","));
        Path workerConfig = dataDir.resolve("worker.properties");
        writeWorkerConfig(workerConfig, port, kafkaPort, dataDir);

        try {
            for (String database : databases) {
                ensureSlot(postgresPort, database.trim());
            }
        } catch (Exception e) {
            fail("connect", e);
        }

        String rest = "http://127.0.0.1:" + port;
        Thread supervisor = new Thread(() -> {
            try {
                awaitAnswer("Kafka Connect on port " + port, Duration.ofSeconds(90),
                        () -> get(rest + "/connectors").statusCode() == 200);
                announceReady("connect", rest + " outboxes " + databases);
                supervise(rest, postgresPort, kafkaPort, databases);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                fail("connect", e);
            }
        }, "connect-supervisor");
        supervisor.setDaemon(true);
        onShutdown("connect", () -> { }); // Connect's own hook stops the worker; this one withdraws the ready file
        supervisor.start();
        // Connect's own main installs the shutdown hook that stops the worker cleanly on SIGTERM.
        org.apache.kafka.connect.cli.ConnectStandalone.main(new String[] {workerConfig.toString()});
    }

    private static void writeWorkerConfig(Path config, int port, int kafkaPort, Path dataDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "127.0.0.1:" + kafkaPort);
        p.setProperty("listeners", "http://127.0.0.1:" + port);
        // standalone: the source offsets (the LSN reached) in a file that survives restarts
        p.setProperty("offset.storage.file.filename", dataDir.resolve("connect.offsets").toString());
        // committing the offsets is what lets Debezium confirm the LSN to PostgreSQL (and free WAL)
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.setProperty("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.setProperty("header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter");
        p.setProperty("connector.client.config.override.policy", "All");
        // the worker's producer: acknowledged by all replicas, idempotent, in order per partition
        p.setProperty("producer.acks", "all");
        p.setProperty("producer.enable.idempotence", "true");
        p.setProperty("producer.linger.ms", "1");
        p.setProperty("plugin.discovery", "only_scan");
        // the task error counts (records skipped, say) for Prometheus, at /kiezwerk/metrics
        p.setProperty("rest.extension.classes", ConnectorMetrics.class.getName());
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "written by the Kiezwerk local infrastructure on every start");
        }
    }

    /** The slot exists before any service writes its outbox: WAL is kept from then on until delivered. */
    private static void ensureSlot(int postgresPort, String database) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
        awaitAnswer("PostgreSQL database " + database, Duration.ofSeconds(60), () -> {
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                return c.isValid(2);
            }
        });
        String slot = OutboxConnectors.slotName(database);
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            // the publication must be older than the slot (pgoutput reads it as of each change); the
            // service's migration adds its outbox table to it
            try (PreparedStatement exists = c.prepareStatement("select 1 from pg_publication where pubname = ?")) {
                exists.setString(1, OutboxConnectors.PUBLICATION);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        try (java.sql.Statement create = c.createStatement()) {
                            create.execute("create publication " + OutboxConnectors.PUBLICATION + " with (publish = 'insert')");
                        }
                        log("connect created publication " + OutboxConnectors.PUBLICATION + " in database " + database);
                    }
                }
            }
            try (PreparedStatement exists = c.prepareStatement("select 1 from pg_replication_slots where slot_name = ?")) {
                exists.setString(1, slot);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement create = c.prepareStatement("select pg_create_logical_replication_slot(?, 'pgoutput')")) {
                create.setString(1, slot);
                create.execute();
            }
            log("connect created replication slot " + slot + " in database " + database);
        }
    }

    /** Registers each database's connector once its publication exists; restarts failed tasks. */
    private static void supervise(String rest, int postgresPort, int kafkaPort, List<String> databases) throws InterruptedException {
        java.util.Set<String> registered = new java.util.HashSet<>();
        PublicationWatch publications = new PublicationWatch(postgresPort);
        while (true) {
            for (String db : databases) {
                String database = db.trim();
                String name = OutboxConnectors.connectorName(database);
                try {
                    if (!registered.contains(database)) {
                        if (publications.published(database)) {
                            Map<String, String> config = OutboxConnectors.config(database, "127.0.0.1", postgresPort, "postgres", "");
                            HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(rest + "/connectors/" + name + "/config"))
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofString(OutboxConnectors.toJson(config))));
                            if (put.statusCode() / 100 == 2) {
                                registered.add(database);
                                log("connect registered connector " + name);
                            } else {
                                log("connect could not register " + name + ": " + put.statusCode() + " " + put.body());
                            }
                        }
                    } else {
                        HttpResponse<String> status = get(rest + "/connectors/" + name + "/status");
                        if (status.statusCode() == 200 && status.body().contains("\"FAILED\"")) {
                            log("connect restarting failed connector " + name + ": " + status.body());
                            send(HttpRequest.newBuilder(URI.create(rest + "/connectors/" + name
                                    + "/restart?includeTasks=true&onlyFailed=true")).POST(HttpRequest.BodyPublishers.noBody()));
                        }
                    }
                } catch (Exception e) {
                    log("connect supervisor: " + name + ": " + e);
                }
            }
            Thread.sleep(registered.size() == databases.size() ? 5_000 : 500);
        }
    }

    private static HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(uri)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
