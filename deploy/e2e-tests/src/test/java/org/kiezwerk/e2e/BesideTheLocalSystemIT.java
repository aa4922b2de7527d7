package org.kiezwerk.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kiezwerk.infra.InfraSettings;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.ManagedProcess;
import org.kiezwerk.infra.ServiceIdentity;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The tests and a user's local system (deploy/local/run.sh) run at once without touching each other.
 * When the local system's default ports are free, a stand-in for it — its PostgreSQL, Kafka, Neo4j and
 * partner-service on those ports, with its data in a temporary folder, never the repository's var/ —
 * is started and given marker data (a partner through its partner-service, a table, a topic, a node); then the tests' system writes (a partner through the gateway, on into Kafka and the
 * graph), and the stand-in's data must be exactly as before while the tests' answers know nothing of
 * the marker. When those ports are busy a real local system runs: it is not touched, and only the
 * separation of ports and folders is checked. This is the one test that may start anything on the
 * local system's ports, and only when they are free.
 */
@ExtendWith(TheSystem.class)
class BesideTheLocalSystemIT {

    @Test
    void theTestsUseOtherPortsAndAnotherDataFolderThanTheLocalSystem() {
        InfraSettings tests = TheSystem.infra.settings();
        InfraSettings local = localDefaults(tests.root());
        assertNotEquals(local.varDir(), tests.varDir());
        // var/test sits beside the local system's folders in var/, never in one of them (nor they in it)
        for (String folder : List.of("postgres", "postgres-binaries", "kafka", "neo4j", "traces", "run", "logs", "secrets")) {
            assertFalse(tests.varDir().startsWith(local.varDir().resolve(folder)), tests.varDir() + " in the local system's " + folder);
            assertFalse(local.varDir().resolve(folder).startsWith(tests.varDir()), tests.varDir() + " holds the local system's " + folder);
        }
        Set<Integer> localPorts = ports(local, LocalInfra.ServicePorts.LOCAL_RUN);
        Set<Integer> testPorts = ports(tests, TheSystem.PORTS);
        Set<Integer> shared = new TreeSet<>(localPorts);
        shared.retainAll(testPorts);
        assertEquals(Set.of(), shared, "ports used by both the local system and the tests");
    }

    @Test
    void aLocalSystemBesideTheTestsIsNeitherUsedNorDisturbed(@TempDir Path userData) throws Exception {
        InfraSettings local = InfraSettings.from(Map.of("KIEZWERK_ROOT", TheSystem.infra.settings().root().toString(),
                "KIEZWERK_VAR_DIR", userData.toString()));
        List<Integer> busy = ports(local, LocalInfra.ServicePorts.LOCAL_RUN).stream().filter(BesideTheLocalSystemIT::answers).toList();
        assumeTrue(busy.isEmpty(), "a local system seems to run (ports " + busy + " answer): it is left alone, no stand-in is started");
        LocalInfra user = new LocalInfra(local);
        List<ManagedProcess> started = new ArrayList<>();
        try {
            user.ensureRunning(EnumSet.of(LocalInfra.Server.POSTGRES, LocalInfra.Server.KAFKA, LocalInfra.Server.NEO4J), started);
            // PostgreSQL and Kafka bring the outbox connector's Kafka Connect worker with them
            assertEquals(4, started.size(), "the stand-in's servers are ours: " + started);
            // and the user's directory on its default port, writing into those servers
            user.startService(LocalInfra.Service.PARTNER, LocalInfra.ServicePorts.LOCAL_RUN, started);
            String usersDirectory = "http://127.0.0.1:" + LocalInfra.ServicePorts.LOCAL_RUN.partner();
            Map<String, String> usersAdmin = ServiceIdentity.localAdminHeaders(local.varDir());

            String markerName = "Nachbarschaftshaus Markierung " + UUID.randomUUID().toString().substring(0, 8);
            String markerId = writeMarkers(local, usersDirectory, usersAdmin, markerName);
            awaitOutboxDelivered(local);
            Snapshot before = snapshot(local);
            assertEquals(1, before.markerRows(), "the marker is in the stand-in's PostgreSQL");
            assertEquals(1, before.partners(), "the user's one partner");
            long announced = before.topicEnds().entrySet().stream().filter(e -> e.getKey().startsWith("kiezwerk.partners.v1-"))
                    .mapToLong(Map.Entry::getValue).sum();
            assertTrue(announced >= 1, "the user's partner was announced in the user's Kafka: " + before.topicEnds());
            assertTrue(before.topicEnds().containsKey("users-own-topic-0") && before.topicEnds().get("users-own-topic-0") == 1,
                    before.topicEnds().toString());
            assertEquals(1, before.markerNodes());

            // the tests' system writes: a partner through the gateway, into its PostgreSQL, Kafka and graph
            String name = "Stadtteilladen Nebenan " + UUID.randomUUID().toString().substring(0, 8);
            String id = given().baseUri(TheSystem.gateway()).contentType(ContentType.JSON)
                    .body(Map.of("name", name, "kind", "community_centre", "neighbourhoods", List.of(quarter())))
                    .when().post("/api/v1/partners?duplicateCheck=false").then().statusCode(201).extract().path("id");
            awaitInNetwork(id);

            assertEquals(before, snapshot(local), "the stand-in local system's data changed while the tests wrote");
            // the user's system still answers with the user's data
            given().baseUri(usersDirectory).headers(usersAdmin).when().get("/api/v1/partners/" + markerId)
                    .then().statusCode(200).body("name", is(markerName));
            given().baseUri(TheSystem.gateway()).queryParam("q", markerName).when().get("/api/v1/partners")
                    .then().statusCode(200).body("items", empty());
            given().baseUri(TheSystem.gateway()).when().get("/api/v1/network/actors/" + markerId).then().statusCode(404);
        } finally {
            user.stop(started);
        }
    }

    /** What the local system holds: PostgreSQL tables and the marker, Kafka topics with their end offsets, the graph's nodes. */
    record Snapshot(Set<String> tables, int markerRows, int partners, Map<String, Long> topicEnds, long nodes, long markerNodes) {
    }

    /** The user's own data: a partner through the user's partner-service, and a row, a topic and a node of the user's own. */
    private static String writeMarkers(InfraSettings local, String usersDirectory, Map<String, String> usersAdmin, String markerName)
            throws Exception {
        String area = "users-own-quarter";
        given().baseUri(usersDirectory).headers(usersAdmin).contentType(ContentType.JSON)
                .body(Map.of("code", area, "name", "Eigenes Viertel", "level", "quarter"))
                .when().put("/api/v1/neighbourhoods/" + UUID.nameUUIDFromBytes(area.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .then().statusCode(anyOf(is(200), is(201)));
        String markerId = given().baseUri(usersDirectory).headers(usersAdmin).contentType(ContentType.JSON)
                .body(Map.of("name", markerName, "kind", "community_centre", "neighbourhoods", List.of(area)))
                .when().post("/api/v1/partners").then().statusCode(201).extract().path("id");
        try (Connection db = postgres(local); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE users_own_marker (id text PRIMARY KEY, name text NOT NULL)");
            sql.execute("INSERT INTO users_own_marker VALUES ('" + markerId + "', '" + markerName + "')");
        }
        try (Admin admin = Admin.create(kafka(local))) {
            admin.createTopics(List.of(new NewTopic("users-own-topic", 1, (short) 1))).all().get();
        }
        Properties producer = kafka(local);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> send = new KafkaProducer<>(producer)) {
            send.send(new ProducerRecord<>("users-own-topic", markerId, markerName)).get();
        }
        try (Driver graph = neo4j(local); Session session = graph.session()) {
            session.run("CREATE (:Organisation {id: $id, name: $name, usersOwnMarker: true})", Map.of("id", markerId, "name", markerName))
                    .consume();
        }
        return markerId;
    }

    /** The outbox connector has carried the user's partner into the user's Kafka. */
    private static void awaitOutboxDelivered(InfraSettings local) throws Exception {
        Eventually.until("the user's outbox delivered to the user's Kafka", Duration.ofSeconds(60),
                () -> snapshot(local).topicEnds().entrySet().stream().filter(e -> e.getKey().startsWith("kiezwerk.partners.v1-"))
                        .mapToLong(Map.Entry::getValue).sum() > 0);
    }

    private static Snapshot snapshot(InfraSettings local) throws Exception {
        Set<String> tables = new TreeSet<>();
        int markerRows;
        int partners;
        try (Connection db = postgres(local); Statement sql = db.createStatement()) {
            // every database the launcher creates (the services would write into these)
            for (String database : List.of("partner", "event", "gateway")) {
                try (Connection other = postgres(local, database); Statement query = other.createStatement();
                        ResultSet rows = query.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables"
                                + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rows.next()) {
                        tables.add(database + ":" + rows.getString(1));
                    }
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM users_own_marker")) {
                rows.next();
                markerRows = rows.getInt(1);
            }
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM partner")) {
                rows.next();
                partners = rows.getInt(1);
            }
        }
        Map<String, Long> ends = new TreeMap<>();
        try (Admin admin = Admin.create(kafka(local))) {
            Set<String> topics = admin.listTopics().names().get();
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            admin.listOffsets(latest).all().get().forEach((partition, offset) -> ends.put(partition.toString(), offset.offset()));
            topics.forEach(topic -> ends.putIfAbsent(topic, -1L));
        }
        try (Driver graph = neo4j(local); Session session = graph.session()) {
            long nodes = session.run("MATCH (n) RETURN count(n) AS c").single().get("c").asLong();
            long markers = session.run("MATCH (n {usersOwnMarker: true}) RETURN count(n) AS c").single().get("c").asLong();
            return new Snapshot(tables, markerRows, partners, ends, nodes, markers);
        }
    }

    private static Connection postgres(InfraSettings local) throws SQLException {
        return postgres(local, "partner");
    }

    private static Connection postgres(InfraSettings local, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + local.postgresPort() + "/" + database, "postgres", "");
    }

    private static Properties kafka(InfraSettings local) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + local.kafkaPort());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return properties;
    }

    private static Driver neo4j(InfraSettings local) {
        return GraphDatabase.driver("bolt://127.0.0.1:" + local.boltPort(), AuthTokens.none());
    }

    /** The local system's settings as deploy/local/run.sh has them: no overrides. */
    private static InfraSettings localDefaults(Path root) {
        return InfraSettings.from(Map.of("KIEZWERK_ROOT", root.toString()));
    }

    private static Set<Integer> ports(InfraSettings settings, LocalInfra.ServicePorts services) {
        return new TreeSet<>(List.of(settings.postgresPort(), settings.kafkaPort(), settings.kafkaControllerPort(), settings.boltPort(),
                settings.otlpPort(), settings.connectPort(), services.gateway(), services.partner(), services.event(), services.network()));
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String quarter() {
        String code = "e2e-nebenan";
        given().baseUri(TheSystem.gateway()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Nebenan", "level", "quarter"))
                .when().put("/api/v1/neighbourhoods/" + UUID.nameUUIDFromBytes(code.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .then().statusCode(anyOf(is(200), is(201)));
        return code;
    }

    private static void awaitInNetwork(String id) {
        Eventually.answer("organisation " + id + " in the tests' graph", Duration.ofSeconds(60),
                () -> given().baseUri(TheSystem.gateway()).when().get("/api/v1/network/actors/" + id), actor -> actor.statusCode() == 200);
    }
}
