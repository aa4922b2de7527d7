package org.kiezwerk.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.kiezwerk.infra.InfraSettings;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.LocalSecrets;
import org.kiezwerk.infra.ManagedProcess;
import org.kiezwerk.infra.ServiceIdentity;

/**
 * The processes one benchmark measures, on the benchmarks' own ports and in their own folder under
 * {@code var/} — never the local system's — and stopped when the benchmark ends, fails or is
 * interrupted (Ctrl-C). Environment variables of the same names override every default.
 */
final class BenchmarkSystem implements AutoCloseable {

    /** The services' ports; a benchmark may move one of them. */
    static final LocalInfra.ServicePorts PORTS = new LocalInfra.ServicePorts(18180, 18181, 18182, 18183);

    /** One benchmark client asks far more often than a visitor may: the gateway's per-client rate limit lifted, every other setting the default. */
    static final Map<String, String> UNLIMITED_GATEWAY = Map.of("KIEZWERK_GATEWAY_RATE_LIMIT_CAPACITY", "1000000",
            "KIEZWERK_GATEWAY_RATE_LIMIT_REFILL_PER_SECOND", "100000");

    private final InfraSettings defaults;
    private final LocalInfra infra;
    private final List<ManagedProcess> started = new ArrayList<>();
    private final Thread stopper;
    /** Each process's resident memory in MB just after it was ready: the "before" of this run's load. */
    private final Map<String, Long> residentAtStart = new LinkedHashMap<>();

    private BenchmarkSystem(InfraSettings defaults, LocalInfra infra) {
        this.defaults = defaults;
        this.infra = infra;
        this.stopper = new Thread(() -> infra.stop(started));
        Runtime.getRuntime().addShutdownHook(stopper);
    }

    /** @param folder the data folder below the repository, e.g. {@code var/benchmark} */
    static BenchmarkSystem in(String folder, Map<String, String> moreDefaults) {
        Map<String, String> env = new HashMap<>(System.getenv());
        InfraSettings defaults = InfraSettings.fromEnvironment();
        env.putIfAbsent("KIEZWERK_VAR_DIR", defaults.root().resolve(folder).toString());
        env.putIfAbsent("KIEZWERK_POSTGRES_PORT", "55532");
        env.putIfAbsent("KIEZWERK_KAFKA_PORT", "19192");
        env.putIfAbsent("KIEZWERK_KAFKA_CONTROLLER_PORT", "19193");
        env.putIfAbsent("KIEZWERK_OTLP_PORT", "14418");
        env.putIfAbsent("KIEZWERK_CONNECT_PORT", "18190");
        moreDefaults.forEach(env::putIfAbsent);
        return new BenchmarkSystem(defaults, new LocalInfra(InfraSettings.from(env)));
    }

    static BenchmarkSystem in(String folder) {
        return in(folder, Map.of());
    }

    /**
     * Empties the benchmark's data folder below the repository (keeping {@code keep}, such as the unpacked
     * PostgreSQL binaries), so that a run starts from empty servers; left alone when KIEZWERK_VAR_DIR
     * names another folder.
     */
    static void emptied(String folder, java.util.Set<String> keep) throws IOException {
        if (System.getenv("KIEZWERK_VAR_DIR") != null) {
            return;
        }
        Path root = InfraSettings.fromEnvironment().root().resolve(folder);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.filter(c -> !keep.contains(c.getFileName().toString())).toList()) {
                try (Stream<Path> tree = Files.walk(child)) {
                    for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    LocalInfra infra() {
        return infra;
    }

    /** The processes this system started (servers and services). */
    List<ManagedProcess> started() {
        return started;
    }

    BenchmarkSystem servers(LocalInfra.Server... servers) {
        infra.ensureRunning(List.of(servers), started);
        noteResidentAtStart();
        return this;
    }

    BenchmarkSystem service(LocalInfra.Service service) {
        return service(service, PORTS, Map.of());
    }

    BenchmarkSystem service(LocalInfra.Service service, Map<String, String> env) {
        return service(service, PORTS, env);
    }

    BenchmarkSystem service(LocalInfra.Service service, LocalInfra.ServicePorts ports, Map<String, String> env) {
        if (env.isEmpty()) {
            infra.startService(service, ports, started);
        } else {
            infra.startService(service, ports, started, env);
        }
        noteResidentAtStart();
        return this;
    }

    /**
     * One more instance of a service from another build (for an A/B of two versions side by side in
     * one run): {@code root} is a folder with {@code deploy/local-infra/pom.xml} and that build's
     * {@code <service>/target/quarkus-app}; it shares this system's servers, data and secrets.
     */
    BenchmarkSystem serviceBuiltIn(Path root, String name, LocalInfra.Service service, LocalInfra.ServicePorts ports,
            Map<String, String> env) {
        InfraSettings here = infra.settings();
        Map<String, String> there = new HashMap<>(System.getenv());
        there.putAll(Map.of("KIEZWERK_ROOT", root.toString(), "KIEZWERK_VAR_DIR", here.varDir().toString(),
                "KIEZWERK_POSTGRES_PORT", Integer.toString(here.postgresPort()), "KIEZWERK_KAFKA_PORT", Integer.toString(here.kafkaPort()),
                "KIEZWERK_KAFKA_CONTROLLER_PORT", Integer.toString(here.kafkaControllerPort()),
                "KIEZWERK_NEO4J_BOLT_PORT", Integer.toString(here.boltPort()), "KIEZWERK_OTLP_PORT", Integer.toString(here.otlpPort()),
                "KIEZWERK_CONNECT_PORT", Integer.toString(here.connectPort())));
        InfraSettings settings = InfraSettings.from(there);
        if (!settings.root().equals(root.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(root + " holds no deploy/local-infra/pom.xml");
        }
        new LocalInfra(settings).startServiceAs(name, service, ports, started, env);
        noteResidentAtStart();
        return this;
    }

    /**
     * The bare reverse proxy ({@link BareProxy}) on {@code port} in front of {@code servicePort}: the floor
     * of what a hop through a proxy costs here. It runs on the gateway's own libraries; named, not
     * loaded, since Vert.x is not on the benchmarks' classpath.
     */
    BenchmarkSystem bareProxy(int port, int servicePort) {
        Path root = defaults.root();
        String classpath = root.resolve("deploy/benchmarks/target/classes") + java.io.File.pathSeparator
                + root.resolve("gateway/target/quarkus-app/lib/main") + java.io.File.separator + "*";
        infra.startProgram("bare-proxy", classpath, "org.kiezwerk.benchmark.BareProxy", port,
                List.of(Integer.toString(port), Integer.toString(servicePort)), started);
        noteResidentAtStart();
        return this;
    }

    static URI at(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The identity the gateway would sign: writes that go straight to a service need it. */
    String authorization() {
        return ServiceIdentity.localAdminHeaders(infra.settings().varDir()).get("Authorization");
    }

    /** The admin API key this system's gateway made on its first start. */
    String adminKey() {
        return new LocalSecrets(infra.settings().varDir()).adminKey();
    }

    /** Writes the report to deploy/benchmarks/target/{file} and prints it. */
    void report(String file, String report) throws IOException {
        Path out = defaults.root().resolve("deploy/benchmarks/target").resolve(file);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("report written to " + out);
    }

    /**
     * CPU time so far of the PostgreSQL server with its backends. pg_ctl starts it apart from the JVM
     * that asked for it, so it is no descendant of that process: found by its data folder.
     */
    Duration postgresServerCpu() {
        return postgresServerCpuByRole().values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The same, by what the processes do (their titles): {@code walsender} (logical decoding for the
     * outbox connector), {@code backends} (the services' connections), {@code other} (postmaster,
     * checkpointer, WAL writer, autovacuum). A process that has ended (an autovacuum worker, say) counts in
     * {@code other}, through the postmaster's reaped children's time, so that the figures never fall.
     */
    Map<String, Duration> postgresServerCpuByRole() {
        String postgres = infra.settings().varDir().resolve("postgres").toString();
        Map<String, Duration> byRole = new LinkedHashMap<>();
        for (String role : List.of("walsender", "backends", "other")) {
            byRole.put(role, Duration.ZERO);
        }
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/postgres")).orElse(false)
                        && p.info().commandLine().map(c -> c.contains(postgres)).orElse(false))
                .peek(postmaster -> byRole.merge("other", reapedChildrenCpu(postmaster), Duration::plus))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .forEach(p -> {
                    String title = processTitle(p);
                    String role = title.contains("walsender") ? "walsender"
                            : title.matches("postgres: \\S+ \\S+ \\d.*") ? "backends" : "other";
                    byRole.merge(role, p.info().totalCpuDuration().orElse(Duration.ZERO), Duration::plus);
                });
        return byRole;
    }

    /** CPU of a process's ended and reaped children (cutime + cstime in /proc/<pid>/stat, clock ticks of 10 ms). */
    private static Duration reapedChildrenCpu(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Duration.ofMillis(10 * (Long.parseLong(fields[13]) + Long.parseLong(fields[14])));
        } catch (IOException | RuntimeException gone) {
            return Duration.ZERO;
        }
    }

    /** What ps shows: PostgreSQL writes a process's role over its argv, which ProcessHandle.Info does not report. */
    private static String processTitle(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** Resident memory (VmRSS) and its peak (VmHWM) in MB, from /proc/<pid>/status; empty off Linux or once the process is gone. */
    static Optional<long[]> residentMb(ProcessHandle process) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line) / 1024;
                }
            }
            return rss < 0 ? Optional.empty() : Optional.of(new long[] {rss, peak});
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** A started process's resident memory and peak in MB (as {@link #residentMb}), by its name. */
    Optional<long[]> resident(String name) {
        return started.stream().filter(p -> p.name().equals(name)).findFirst().flatMap(ManagedProcess::running)
                .flatMap(BenchmarkSystem::residentMb);
    }

    private static long kilobytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }

    private void noteResidentAtStart() {
        for (ManagedProcess process : started) {
            if (!residentAtStart.containsKey(process.name())) {
                process.running().flatMap(BenchmarkSystem::residentMb)
                        .ifPresent(mb -> residentAtStart.put(process.name(), mb[0]));
            }
        }
    }

    /**
     * Every started process's resident memory after the load against just after its start, printed
     * and kept in this run's summary ({@code rss.before|after|peak.<process>} in MB) for the load report.
     */
    void reportResidentMemory() {
        StringBuilder table = new StringBuilder("\n| process | RSS after start (MB) | RSS after load (MB) | peak RSS (MB) |\n|---|---:|---:|---:|\n");
        for (ManagedProcess process : started) {
            Optional<long[]> now = process.running().flatMap(BenchmarkSystem::residentMb);
            if (now.isEmpty()) {
                continue;
            }
            Long before = residentAtStart.get(process.name());
            table.append("| ").append(process.name()).append(" | ").append(before == null ? "–" : before)
                    .append(" | ").append(now.get()[0]).append(" | ").append(now.get()[1]).append(" |\n");
            if (before != null) {
                BenchmarkSummary.figure("rss.before." + process.name(), before);
            }
            BenchmarkSummary.figure("rss.after." + process.name(), now.get()[0]);
            BenchmarkSummary.figure("rss.peak." + process.name(), now.get()[1]);
        }
        System.out.println(table);
    }

    @Override
    public void close() {
        try {
            reportResidentMemory();
        } catch (RuntimeException e) {
            System.err.println("resident memory not reported: " + e); // the processes are stopped all the same
        }
        infra.stop(started);
        started.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running already
        }
    }
}
