package org.kiezwerk.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line of the local system: {@code run} (infrastructure, services and demo data, in the
 * foreground until Ctrl-C), {@code infra} (only the servers, in the foreground), {@code stop}
 * (everything that PID files name) and {@code status}.
 */
public final class LocalInfraCommand {

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        LocalInfra infra = new LocalInfra(InfraSettings.fromEnvironment());
        switch (command) {
            case "run" -> run(infra, true);
            case "infra" -> run(infra, false);
            case "stop" -> infra.stopEverything();
            case "status" -> status(infra);
            default -> {
                System.err.println("usage: LocalInfraCommand run|infra|stop|status");
                System.exit(2);
            }
        }
    }

    private static void run(LocalInfra infra, boolean withServices) throws Exception {
        // filled while starting, read by the shutdown hook: Ctrl-C during start-up stops what is up so far
        List<ManagedProcess> started = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            LocalInfra.log("stopping ...");
            infra.stop(started);
            LocalInfra.log("everything stopped");
            stopped.countDown();
        }, "local-infra-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        long begin = System.nanoTime();
        try {
            infra.ensureRunning(EnumSet.allOf(LocalInfra.Server.class), started);
            if (withServices) {
                infra.startServices(LocalInfra.ServicePorts.LOCAL_RUN, started);
                seedDemoNeighbourhood(infra.settings());
            }
        } catch (RuntimeException e) {
            System.err.println("[local-infra] " + e.getMessage());
            System.exit(1); // the shutdown hook stops what was started
        }
        printTable(infra.settings(), withServices, (System.nanoTime() - begin) / 1_000_000_000);
        // deploy/local/stop.sh stops the processes from another terminal: once none of them runs, this
        // command has nothing left to wait for and returns (it used to wait until Ctrl-C)
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            if (stoppedFromOutside(started)) {
                LocalInfra.log("everything was stopped from outside (deploy/local/stop.sh)");
                return;
            }
        }
    }

    /** Whether every process this command started is gone (stopped by deploy/local/stop.sh); not when it started none. */
    static boolean stoppedFromOutside(List<ManagedProcess> started) {
        return !started.isEmpty() && started.stream().noneMatch(process -> process.running().isPresent());
    }

    /**
     * Loads the demo neighbourhood through the gateway, once: a marker file keeps restarts from
     * undoing changes made since.
     */
    private static void seedDemoNeighbourhood(InfraSettings settings) throws IOException, InterruptedException {
        Path marker = settings.varDir().resolve("demo-neighbourhood.seeded");
        Path demo = settings.root().resolve(DemoNeighbourhood.FILE);
        if (Files.exists(marker) || !Files.exists(demo)) {
            return;
        }
        int count = DemoNeighbourhood.load(demo, URI.create("http://127.0.0.1:8080/"),
                java.util.Map.of("X-API-Key", new LocalSecrets(settings.varDir()).adminKey()));
        Files.writeString(marker, count + " demo records loaded" + System.lineSeparator());
        LocalInfra.log("demo neighbourhood: " + count + " records (neighbourhoods, partners, offers, resources) loaded through the gateway");
    }

    private static void printTable(InfraSettings s, boolean withServices, long seconds) {
        StringBuilder table = new StringBuilder("\nKiezwerk is up (" + seconds + " s). Ctrl-C stops everything.\n\n");
        if (withServices) {
            row(table, "Directory in the browser", "http://127.0.0.1:8080/");
            row(table, "Gateway (the public API)", "http://127.0.0.1:8080/api/v1");
            row(table, "Swagger UI (the whole API)", "http://127.0.0.1:8080/q/swagger-ui  (document: /openapi)");
            row(table, "partner-service", "http://127.0.0.1:8081  (OpenAPI /q/openapi, health /q/health)");
            row(table, "event-service", "http://127.0.0.1:8082  (OpenAPI /q/openapi, health /q/health)");
            row(table, "network-service", "http://127.0.0.1:8083  (OpenAPI /q/openapi, health /q/health)");
            row(table, "gateway health", "http://127.0.0.1:8080/q/health");
            row(table, "Admin API key (X-API-Key)", new LocalSecrets(s.varDir()).adminKeyFile().toString());
        }
        row(table, "Traces (OpenTelemetry)", "http://127.0.0.1:" + s.otlpPort() + "/  (OTLP/HTTP in: /v1/traces)");
        row(table, "Neo4j Bolt", "bolt://127.0.0.1:" + s.boltPort()
                + (s.neo4jPassword().isEmpty() ? "  (auth off)" : "  (user neo4j)"));
        row(table, "Kafka", "127.0.0.1:" + s.kafkaPort());
        row(table, "Kafka Connect (outboxes)", "http://127.0.0.1:" + s.connectPort() + "/connectors  (REST)");
        row(table, "PostgreSQL", "jdbc:postgresql://127.0.0.1:" + s.postgresPort() + "/{partner,event,gateway}  (user postgres)");
        row(table, "Data and logs", s.varDir().toString());
        System.out.println(table);
    }

    private static void row(StringBuilder table, String what, String where) {
        table.append(String.format("  %-30s %s%n", what, where));
    }

    private static void status(LocalInfra infra) {
        for (LocalInfra.Server server : LocalInfra.Server.values()) {
            ManagedProcess process = infra.server(server);
            System.out.printf("%-16s %s%n", process.name(), process.running().map(h -> "running (pid " + h.pid() + ")")
                    .orElse(process.portInUse() ? "port " + process.port() + " answers (not ours)" : "stopped"));
        }
    }
}
