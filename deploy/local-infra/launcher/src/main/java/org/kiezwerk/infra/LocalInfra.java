package org.kiezwerk.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local Kiezwerk system without Docker: PostgreSQL, Kafka and Neo4j from Maven artifacts and the
 * four Quarkus services, each in its own process, with data and logs under {@code var/}.
 */
public final class LocalInfra {

    /** The infrastructure servers, in start order. */
    public enum Server {
        POSTGRES("postgres", "postgres-server", "org.kiezwerk.infra.postgres.PostgresServer", "-Xmx256m"),
        KAFKA("kafka", "kafka-server", "org.kiezwerk.infra.kafka.KafkaServer", "-Xmx512m"),
        /** Kafka Connect with Debezium: carries the services' outbox rows from PostgreSQL's WAL to Kafka. */
        CONNECT("connect", "connect-server", "org.kiezwerk.infra.connect.ConnectServer", "-Xmx256m"),
        NEO4J("neo4j", "neo4j-server", "org.kiezwerk.infra.neo4j.Neo4jServer", "-Xmx512m"),
        /** Receives the services' OpenTelemetry spans and shows them: a collector and viewer in one. */
        TRACES("traces", "trace-server", "org.kiezwerk.infra.traces.TraceServer", "-Xmx128m");

        final String id;
        final String module;
        final String mainClass;
        final String heap;

        Server(String id, String module, String mainClass, String heap) {
            this.id = id;
            this.module = module;
            this.mainClass = mainClass;
            this.heap = heap;
        }

        public static Server of(String id) {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The Quarkus services, in start order (the gateway last). */
    public enum Service {
        PARTNER("partner-service", 8081),
        EVENT("event-service", 8082),
        NETWORK("network-service", 8083),
        GATEWAY("gateway", 8080);

        final String id;
        final int defaultPort;

        Service(String id, int defaultPort) {
            this.id = id;
            this.defaultPort = defaultPort;
        }

        public String id() {
            return id;
        }
    }

    /** The services' HTTP ports; the tests use other ports than the local run. */
    public record ServicePorts(int gateway, int partner, int event, int network) {
        public static final ServicePorts LOCAL_RUN = new ServicePorts(8080, 8081, 8082, 8083);

        public int of(Service service) {
            return switch (service) {
                case GATEWAY -> gateway;
                case PARTNER -> partner;
                case EVENT -> event;
                case NETWORK -> network;
            };
        }
    }

    /**
     * The services' JVM settings, the same wherever a service runs (here, the benchmarks, the e2e tests;
     * k8s and compose pass them as JAVA_TOOL_OPTIONS): a service must stay below 300 MB resident after
     * load (docs/benchmarks/memory.md). The heap is only part of that: metaspace, compiled code, thread
     * stacks and malloc arenas come on top, so each is capped; the serial collector suits a heap this
     * small on two cores (G1's regions and remembered sets cost more than they save here), and the heap
     * starts small and gives back what a burst (an import) took, instead of keeping its peak resident.
     * The JIT's compiler arenas and other freed native memory stay with glibc until trimmed, so the JVM
     * trims its native heap every 2 s (JDK 17.0.9 and later; it took 30-40 MB off after load).
     * {@code KIEZWERK_SERVICE_JVM_OPTIONS} replaces them, for comparisons.
     */
    public static final String SERVICE_JVM_OPTIONS = "-Xms32m -Xmx160m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
            + " -Xss512k -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=96m -XX:TrimNativeHeapInterval=2000";

    /** glibc gives each thread that allocates its own 64 MB arena; two are enough for a JVM's own malloc use. */
    public static final Map<String, String> SERVICE_NATIVE_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final InfraSettings settings;

    public LocalInfra(InfraSettings settings) {
        this.settings = settings;
    }

    public InfraSettings settings() {
        return settings;
    }

    public ManagedProcess server(Server server) {
        Path moduleDir = settings.root().resolve("deploy/local-infra").resolve(server.module);
        Path classpathFile = moduleDir.resolve("target/server.classpath");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("the " + server.id + " server is not built (" + classpathFile
                    + " is missing); run ./mvnw -DskipTests package first");
        }
        String classpath;
        try {
            classpath = moduleDir.resolve("target/classes") + java.io.File.pathSeparator
                    + Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path readyFile = settings.runDir().resolve(server.id + ".ready");
        List<String> command = new ArrayList<>(detached());
        command.addAll(List.of(javaBinary(), server.heap, "-XX:+UseSerialGC", ManagedProcess.marker(server.id),
                "-Dkiezwerk.readyFile=" + readyFile,
                "-Dkiezwerk.dataDir=" + settings.varDir().resolve(server.id)));
        int port = switch (server) {
            case POSTGRES -> {
                command.add("-Dkiezwerk.port=" + settings.postgresPort());
                command.add("-Dkiezwerk.binDir=" + settings.varDir().resolve("postgres-binaries"));
                // one database per owner: the directory, the events, the gateway's API keys
                command.add("-Dkiezwerk.databases=partner,event,gateway");
                yield settings.postgresPort();
            }
            case KAFKA -> {
                command.add("-Dkiezwerk.port=" + settings.kafkaPort());
                command.add("-Dkiezwerk.controllerPort=" + settings.kafkaControllerPort());
                yield settings.kafkaPort();
            }
            case CONNECT -> {
                command.add("-Dkiezwerk.port=" + settings.connectPort());
                command.add("-Dkiezwerk.kafkaPort=" + settings.kafkaPort());
                command.add("-Dkiezwerk.postgresPort=" + settings.postgresPort());
                // the databases whose outbox it reads (each service's migration creates the publication)
                command.add("-Dkiezwerk.outboxes=partner,event");
                yield settings.connectPort();
            }
            case NEO4J -> {
                command.add("-Dkiezwerk.port=" + settings.boltPort());
                command.add("-Dkiezwerk.pageCacheMb=128");
                yield settings.boltPort();
            }
            case TRACES -> {
                command.add("-Dkiezwerk.port=" + settings.otlpPort());
                yield settings.otlpPort();
            }
        };
        command.addAll(List.of("-cp", classpath, server.mainClass));
        // the password travels in the environment, not on the command line that `ps` shows
        Map<String, String> env = Map.of("KIEZWERK_NEO4J_PASSWORD", settings.neo4jPassword());
        ManagedProcess process = new ManagedProcess(server.id, command, env, port,
                settings.logDir().resolve(server.id + ".log"), settings.runDir().resolve(server.id + ".pid"),
                () -> Files.exists(readyFile));
        return process;
    }

    public ManagedProcess service(Service service, ServicePorts ports) {
        return service(service, ports, service.id, ports.of(service), Map.of());
    }

    /** Another instance of a service beside the first (same database, topics and consumer group), for scale-out tests. */
    public ManagedProcess startSecondInstance(Service service, ServicePorts ports, int port, List<ManagedProcess> started) {
        ManagedProcess process = service(service, ports, service.id + "-2", port, Map.of());
        if (process.running().isPresent() || process.portInUse()) {
            throw new IllegalStateException(service.id + "-2: port " + port + " is already in use");
        }
        start(process, started);
        return process;
    }

    private ManagedProcess service(Service service, ServicePorts ports, String name, int port, Map<String, String> extraEnvironment) {
        Path jar = settings.root().resolve(service.id).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(service.id + " is not built (" + jar
                    + " is missing); run ./mvnw -DskipTests package first");
        }
        List<String> command = new ArrayList<>(detached());
        command.add(javaBinary());
        command.addAll(serviceJvmOptions());
        command.addAll(List.of(ManagedProcess.marker(name), "-Dquarkus.http.port=" + port, "-jar", jar.toString()));
        Map<String, String> env = new HashMap<>(serviceEnvironment());
        // the launcher's own environment wins (the process inherits it), for comparisons
        SERVICE_NATIVE_ENVIRONMENT.forEach((variable, value) -> {
            if (!System.getenv().containsKey(variable)) {
                env.put(variable, value);
            }
        });
        LocalSecrets secrets = new LocalSecrets(settings.varDir()).ensure();
        env.putAll(service == Service.GATEWAY ? secrets.gatewayEnvironment() : secrets.serviceEnvironment());
        // the local profile: built-in defaults (no database password, say) are fine here, not in production
        env.put("QUARKUS_PROFILE", "local");
        env.put("KIEZWERK_GATEWAY_PARTNER_SERVICE_URL", "http://127.0.0.1:" + ports.partner());
        env.put("KIEZWERK_GATEWAY_EVENT_SERVICE_URL", "http://127.0.0.1:" + ports.event());
        env.put("KIEZWERK_GATEWAY_NETWORK_SERVICE_URL", "http://127.0.0.1:" + ports.network());
        env.putAll(extraEnvironment);
        URI health = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        return new ManagedProcess(name, command, env, port,
                settings.logDir().resolve(name + ".log"), settings.runDir().resolve(name + ".pid"),
                () -> httpOk(health));
    }

    /** What the services need to find the servers: the same variables the launcher reads. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new HashMap<>(Map.of(
                "KIEZWERK_POSTGRES_PORT", Integer.toString(settings.postgresPort()),
                "KIEZWERK_KAFKA_PORT", Integer.toString(settings.kafkaPort()),
                "KIEZWERK_NEO4J_BOLT_PORT", Integer.toString(settings.boltPort()),
                "KIEZWERK_OTLP_PORT", Integer.toString(settings.otlpPort())));
        // an empty value would count as "set to nothing" and override the services' defaults
        if (!settings.neo4jPassword().isEmpty()) {
            env.put("KIEZWERK_NEO4J_PASSWORD", settings.neo4jPassword());
        }
        return env;
    }

    /**
     * Starts those of the given servers that are not already running and returns what it started,
     * so that a caller stops only its own. A port already answering counts as running (for example a
     * server left over by a killed test run, or one an operator runs).
     */
    public List<ManagedProcess> ensureRunning(Collection<Server> servers) {
        List<ManagedProcess> started = new ArrayList<>();
        ensureRunning(servers, started);
        return started;
    }

    /**
     * As above, but adds each process to {@code started} as soon as it is spawned, before it is
     * ready: a caller's shutdown hook (Ctrl-C during start-up) then stops it too.
     */
    public void ensureRunning(Collection<Server> requested, List<ManagedProcess> started) {
        int before = started.size();
        java.util.Set<Server> servers = java.util.EnumSet.noneOf(Server.class);
        servers.addAll(requested);
        // PostgreSQL and Kafka together: the services publish through their outboxes, which the
        // outbox connector carries from PostgreSQL to Kafka
        if (servers.contains(Server.POSTGRES) && servers.contains(Server.KAFKA)) {
            servers.add(Server.CONNECT);
        }
        try {
            for (Server server : Server.values()) {
                if (servers.contains(server)) {
                    ManagedProcess process = server(server);
                    if (needsStart(process)) {
                        start(process, started);
                    }
                }
            }
        } catch (RuntimeException e) {
            stop(started.subList(before, started.size()));
            throw e;
        }
    }

    public List<ManagedProcess> startServices(ServicePorts ports) {
        List<ManagedProcess> started = new ArrayList<>();
        startServices(ports, started);
        return started;
    }

    /** Starts the four services; like {@link #ensureRunning(Collection, List)} it records each at once. */
    public void startServices(ServicePorts ports, List<ManagedProcess> started) {
        int before = started.size();
        try {
            for (Service service : Service.values()) {
                ManagedProcess process = service(service, ports);
                if (process.running().isPresent() || process.portInUse()) {
                    throw new IllegalStateException(service.id + ": port " + process.port()
                            + " is already in use; stop the other process (or ./deploy/local/stop.sh) first");
                }
                start(process, started);
            }
        } catch (RuntimeException e) {
            stop(started.subList(before, started.size()));
            throw e;
        }
    }

    /** Starts one service (for benchmarks and tools that need only part of the system). */
    public void startService(Service service, ServicePorts ports, List<ManagedProcess> started) {
        startService(service, ports, started, Map.of());
    }

    /** As above, with settings of its own (for example a benchmark's higher rate limit). */
    public void startService(Service service, ServicePorts ports, List<ManagedProcess> started, Map<String, String> extraEnvironment) {
        startServiceAs(service.id, service, ports, started, extraEnvironment);
    }

    /**
     * One more instance of a service beside the usual one, under a name of its own (its log, pid and
     * ready files), on {@code ports.of(service)}: a second gateway with other settings, say.
     */
    public void startServiceAs(String name, Service service, ServicePorts ports, List<ManagedProcess> started,
            Map<String, String> extraEnvironment) {
        ManagedProcess process = service(service, ports, name, ports.of(service), extraEnvironment);
        if (process.running().isPresent() || process.portInUse()) {
            throw new IllegalStateException(service.id + ": port " + process.port() + " is already in use");
        }
        start(process, started);
    }

    /**
     * A Java program of a benchmark's own (a reference server to measure against, say) as a process
     * of its own, with its log and PID file beside the others', on loopback; ready when its port accepts.
     */
    public void startProgram(String name, String classpath, String mainClass, int port, List<String> arguments,
            List<ManagedProcess> started) {
        List<String> command = new ArrayList<>(detached());
        command.addAll(List.of(javaBinary(), "-Xmx64m", "-XX:+UseSerialGC", ManagedProcess.marker(name), "-cp", classpath, mainClass));
        command.addAll(arguments);
        ManagedProcess[] process = new ManagedProcess[1];
        process[0] = new ManagedProcess(name, command, Map.of(), port, settings.logDir().resolve(name + ".log"),
                settings.runDir().resolve(name + ".pid"), () -> process[0].portInUse());
        if (process[0].running().isPresent() || process[0].portInUse()) {
            throw new IllegalStateException(name + ": port " + port + " is already in use");
        }
        start(process[0], started);
    }

    boolean needsStart(ManagedProcess process) {
        if (process.running().isPresent()) {
            if (process.isReady() && process.portInUse()) {
                return false;
            }
            process.stop(STOP_GRACE); // a half-started leftover: start afresh
        } else if (process.portInUse()) {
            log(process.name() + " already answers on port " + process.port() + "; using it");
            return false;
        }
        try {
            Files.deleteIfExists(settings.runDir().resolve(process.name() + ".ready"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private void start(ManagedProcess process, List<ManagedProcess> started) {
        log("starting " + process);
        started.add(process);
        long begin = System.nanoTime();
        process.start(settings.startupTimeout());
        log(process.name() + " is up after " + (System.nanoTime() - begin) / 1_000_000 + " ms");
    }

    /** Stops the given processes in reverse start order. */
    public void stop(List<ManagedProcess> processes) {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ManagedProcess process = processes.get(i);
            if (process.stop(STOP_GRACE)) {
                log("stopped " + process.name());
            }
        }
    }

    /** Stops everything the PID files name, services first, and a PostgreSQL left without its JVM. */
    public void stopEverything() {
        for (String name : List.of("gateway", "network-service", "event-service", "partner-service", "partner-service-2",
                "traces", "neo4j", "connect", "kafka", "postgres")) {
            Path pidFile = settings.runDir().resolve(name + ".pid");
            ManagedProcess process = new ManagedProcess(name, List.of(), Map.of(), 0,
                    settings.logDir().resolve(name + ".log"), pidFile, () -> false);
            if (process.stop(STOP_GRACE)) {
                log("stopped " + name);
            }
            try {
                Files.deleteIfExists(settings.runDir().resolve(name + ".ready"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        stopOrphanedPostgres();
    }

    /** PostgreSQL runs as a child of its JVM; if that JVM was killed, the postmaster is still there. */
    private void stopOrphanedPostgres() {
        Path postmasterPid = settings.varDir().resolve("postgres/postmaster.pid");
        if (!Files.isRegularFile(postmasterPid)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(h -> {
                        ManagedProcess.terminate(h, STOP_GRACE);
                        log("stopped an orphaned PostgreSQL (pid " + pid + ")");
                    });
        } catch (IOException | RuntimeException e) {
            log("could not read " + postmasterPid + ": " + e.getMessage());
        }
    }

    static boolean httpOk(URI uri) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> serviceJvmOptions() {
        String options = System.getenv().getOrDefault("KIEZWERK_SERVICE_JVM_OPTIONS", SERVICE_JVM_OPTIONS);
        return forThisJdk(List.of(options.trim().split("\\s+")), Runtime.version());
    }

    /**
     * The options a service's JVM (the launcher's own JDK) accepts: {@code -XX:TrimNativeHeapInterval} came with
     * 17.0.9 and 21, and an older JDK would refuse to start with it ("Unrecognized VM option"); without it a
     * service only keeps more memory resident.
     */
    static List<String> forThisJdk(List<String> options, Runtime.Version jdk) {
        boolean trims = jdk.feature() >= 21 || jdk.feature() == 17 && jdk.update() >= 9;
        return trims ? options : options.stream().filter(o -> !o.startsWith("-XX:TrimNativeHeapInterval=")).toList();
    }

    /** Children get their own session, so that Ctrl-C reaches only the launcher, which stops them in order. */
    private static List<String> detached() {
        return Files.isExecutable(Path.of("/usr/bin/setsid")) ? List.of("/usr/bin/setsid") : List.of();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void log(String message) {
        System.out.println("[local-infra] " + message);
        System.out.flush();
    }
}
