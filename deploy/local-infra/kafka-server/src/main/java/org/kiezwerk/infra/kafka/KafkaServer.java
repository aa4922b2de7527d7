package org.kiezwerk.infra.kafka;

import static org.kiezwerk.infra.server.ServerProcess.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A single Kafka 4 node in KRaft mode (broker and controller in one process). Formats its storage on
 * first start, then creates Kiezwerk's topics if they are missing.
 */
public final class KafkaServer {

    public static void main(String[] args) throws Exception {
        int port = port("port");
        int controllerPort = port("controllerPort");
        Path dataDir = directory("dataDir");
        Path logDirs = dataDir.resolve("kraft-logs");
        Path config = dataDir.resolve("server.properties");
        writeConfig(config, port, controllerPort, logDirs);

        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            log("kafka formatting storage in " + logDirs + " (cluster " + clusterId + ")");
            int exit = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", config.toString()}, System.out);
            if (exit != 0) {
                fail("kafka", new IllegalStateException("storage format exited with " + exit));
            }
        }

        Thread readiness = new Thread(() -> {
            try {
                createTopicsWhenReady(port);
                announceReady("kafka", "127.0.0.1:" + port);
            } catch (Exception e) {
                fail("kafka", e);
            }
        }, "kafka-readiness");
        readiness.setDaemon(true);
        onShutdown("kafka", () -> { }); // Kafka's own hook stops the broker; this one withdraws the ready file
        readiness.start();
        // Kafka's own main installs the shutdown hook that stops the server cleanly on SIGTERM.
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static void writeConfig(Path config, int port, int controllerPort, Path logDirs) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDirs.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // topics are created explicitly below, with the right cleanup policy
        p.setProperty("auto.create.topics.enable", "false");
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "written by the Kiezwerk local infrastructure on every start");
        }
    }

    private static void createTopicsWhenReady(int port) throws Exception {
        Map<String, Object> conf = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(conf)) {
            awaitAnswer("Kafka on port " + port, Duration.ofSeconds(90),
                    () -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String aggregateTopic : List.of("kiezwerk.partners.v1", "kiezwerk.events.v1", "kiezwerk.ties.v1")) {
                // compacted: the key is the aggregate id and the value its full current state
                if (!existing.contains(aggregateTopic)) {
                    missing.add(new NewTopic(aggregateTopic, 3, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")));
                }
                // ties have no consumer that dead-letters (the gateway's webhook feed skips what it cannot read)
                if (!aggregateTopic.equals("kiezwerk.ties.v1") && !existing.contains(aggregateTopic + ".dlq")) {
                    missing.add(new NewTopic(aggregateTopic + ".dlq", 1, (short) 1));
                }
            }
            if (!existing.contains("kiezwerk.outbox.parked")) {
                // what the outbox connector could not deliver (connect-server ParkedRecords); read by the services
                missing.add(new NewTopic("kiezwerk.outbox.parked", 1, (short) 1));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log("kafka created topics " + missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
