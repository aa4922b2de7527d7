package org.kiezwerk.benchmark;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.ManagedProcess;

/**
 * What the gateway costs: the same requests sent to partner-service directly and through the
 * gateway (anonymous, and with an API key, which adds the key check and the signed identity),
 * one client after the other, on real PostgreSQL and Kafka. Writes a report with the latency
 * percentiles of each and the difference.
 *
 * <p>Then the throughput of many callers at once, directly and through the gateway.
 *
 * <p>Run with deploy/local/benchmark.sh gateway. Settings (system properties): runs (2000 per
 * request), warmup (300), partners (200), clients (32), seconds (10 per throughput run).
 */
public final class GatewayBenchmark {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The port of the baseline gateway (-Dbaseline). */
    static final int BASELINE_PORT = 18188;
    /** The port of the bare reverse proxy ({@link BareProxy}), the floor of what a hop costs. */
    static final int BARE_PORT = 18187;

    private final BenchmarkSystem system;

    GatewayBenchmark(BenchmarkSystem system) {
        this.system = system;
    }

    private static Map<String, String> recorded(BenchmarkSystem system, String name) {
        // -DprofileSettings=<file.jfc>: other recording settings (a copy of the JDK's profile.jfc sampling every 1 ms, say)
        return Map.of("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=" + System.getProperty("profileSettings", "profile")
                + ",dumponexit=true,filename="
                + system.infra().settings().varDir().resolve(name + ".jfr"));
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> both = new HashMap<>(a);
        both.putAll(b);
        return both;
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 2000);
        int warmup = Integer.getInteger("warmup", 300);
        int partners = Integer.getInteger("partners", 200);
        try (BenchmarkSystem system = BenchmarkSystem.in("var/benchmark")) {
            // -Dprofile=true: a flight recording of the gateway and partner-service (var/benchmark/.../*.jfr), written when they stop
            boolean profile = Boolean.getBoolean("profile");
            system.servers(LocalInfra.Server.POSTGRES, LocalInfra.Server.KAFKA, LocalInfra.Server.TRACES)
                    .service(LocalInfra.Service.PARTNER, profile ? recorded(system, "partner-service") : Map.of())
                    .service(LocalInfra.Service.GATEWAY, profile ? with(BenchmarkSystem.UNLIMITED_GATEWAY, recorded(system, "gateway"))
                            : BenchmarkSystem.UNLIMITED_GATEWAY);
            LocalInfra.ServicePorts ports = BenchmarkSystem.PORTS;
            system.bareProxy(BARE_PORT, ports.partner());
            // -Dbaseline=<folder>: a second gateway from another build (its gateway/target/quarkus-app, e.g. main's)
            // beside this one, measured in the same run, request by request and window by window
            String baselineRoot = System.getProperty("baseline", "");
            URI baseline = null;
            if (!baselineRoot.isBlank()) {
                LocalInfra.ServicePorts other = new LocalInfra.ServicePorts(BASELINE_PORT, ports.partner(), ports.event(), ports.network());
                // -DbaselineEnv=NAME=value;NAME=value: settings of the baseline's own (the same build with one thing
                // switched off, say, to find what a part of the gateway costs)
                Map<String, String> baselineEnv = new HashMap<>(BenchmarkSystem.UNLIMITED_GATEWAY);
                for (String setting : System.getProperty("baselineEnv", "").split(";")) {
                    if (setting.contains("=")) {
                        baselineEnv.put(setting.substring(0, setting.indexOf('=')).trim(), setting.substring(setting.indexOf('=') + 1).trim());
                    }
                }
                system.serviceBuiltIn(Path.of(baselineRoot), "gateway-baseline", LocalInfra.Service.GATEWAY, other, baselineEnv);
                baseline = BenchmarkSystem.at(BASELINE_PORT);
            }
            String report = new GatewayBenchmark(system).run(BenchmarkSystem.at(ports.partner()), BenchmarkSystem.at(ports.gateway()),
                    BenchmarkSystem.at(BARE_PORT), baseline, system.authorization(), system.adminKey(), partners, runs, warmup);
            system.report("gateway-benchmark.md", report);
        }
    }

    String run(URI service, URI gateway, URI bare, URI baseline, String authorization, String apiKey, int partners, int runs, int warmup)
            throws Exception {
        String area = "gatewaybench";
        send(HttpRequest.newBuilder(service.resolve("/api/v1/neighbourhoods/" + UUID.nameUUIDFromBytes(area.getBytes())))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + area + "\",\"name\":\"Gateway-Bench\",\"level\":\"quarter\"}")));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < partners; i++) {
            String id = UUID.nameUUIDFromBytes(("gateway-bench-" + i).getBytes()).toString();
            send(HttpRequest.newBuilder(service.resolve("/api/v1/partners/" + id)).header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Verein Gateway " + i + "\",\"kind\":\"association\","
                            + "\"neighbourhoods\":[\"" + area + "\"]}")));
            ids.add(id);
        }
        StringBuilder report = new StringBuilder("# Gateway overhead\n\n");
        report.append("Measured ").append(OffsetDateTime.now().withNano(0)).append(" on this machine (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores), `deploy/local/benchmark.sh gateway`: ")
                .append(runs).append(" requests of each kind after ").append(warmup)
                .append(" to warm up, one client, one request at a time (HTTP/1.1 keep-alive; direct and the two gateway paths take turns,")
                .append(" request by request), against partner-service on real ")
                .append("PostgreSQL; the same requests directly, through the gateway, and through a bare Vert.x reverse proxy ")
                .append("(`BareProxy`: the gateway's proxy module and nothing else, one event loop per core with its own keep-alive ")
                .append("pool; what one more hop costs on this machine).\n\n")
                .append("| request | path | p50 ms | p95 ms | p99 ms | mean ms |\n|---|---|---:|---:|---:|---:|\n");
        Map<String, double[]> results = new LinkedHashMap<>();
        for (String[] kind : new String[][] {{"read one partner", "/api/v1/partners/%s"},
                {"search (q, 20 results)", "/api/v1/partners?q=Verein&neighbourhood=" + area + "&limit=20"}}) {
            List<String> paths = new ArrayList<>(List.of("direct", "bare Vert.x proxy", "gateway, anonymous", "gateway, API key"));
            List<URI> bases = new ArrayList<>(List.of(service, bare, gateway, gateway));
            List<String> keys = new ArrayList<>(Arrays.asList(null, null, null, apiKey));
            if (baseline != null) {
                paths.addAll(List.of("baseline gateway, anonymous", "baseline gateway, API key"));
                bases.addAll(List.of(baseline, baseline));
                keys.addAll(Arrays.asList(null, apiKey));
            }
            double[][] timed = time(bases, kind[1], ids, keys, runs, warmup);
            for (int p = 0; p < paths.size(); p++) {
                String path = paths.get(p);
                double[] millis = timed[p];
                results.put(kind[0] + "|" + path, millis);
                report.append("| ").append(kind[0]).append(" | ").append(path).append(" | ").append(format(percentile(millis, 50)))
                        .append(" | ").append(format(percentile(millis, 95))).append(" | ").append(format(percentile(millis, 99)))
                        .append(" | ").append(format(Arrays.stream(millis).average().orElse(0))).append(" |\n");
            }
        }
        report.append("\nOverhead (gateway minus direct):\n\n| request | path | p50 ms | p95 ms |\n|---|---|---:|---:|\n");
        for (String kind : List.of("read one partner", "search (q, 20 results)")) {
            double[] direct = results.get(kind + "|direct");
            for (String path : baseline == null ? List.of("bare Vert.x proxy", "gateway, anonymous", "gateway, API key")
                    : List.of("bare Vert.x proxy", "gateway, anonymous", "gateway, API key", "baseline gateway, anonymous",
                            "baseline gateway, API key")) {
                double[] via = results.get(kind + "|" + path);
                report.append("| ").append(kind).append(" | ").append(path).append(" | ")
                        .append(format(percentile(via, 50) - percentile(direct, 50))).append(" | ")
                        .append(format(percentile(via, 95) - percentile(direct, 95))).append(" |\n");
            }
        }
        // for the load benchmark: the larger added p50 of the two kinds, with an API key (the costlier path)
        BenchmarkSummary.figure("added.p50.ms.c1", Math.max(
                percentile(results.get("read one partner|gateway, API key"), 50) - percentile(results.get("read one partner|direct"), 50),
                percentile(results.get("search (q, 20 results)|gateway, API key"), 50) - percentile(results.get("search (q, 20 results)|direct"), 50)));
        // the floor: what one more hop through a proxy with nothing else costs on this machine
        double bareAdded = percentile(results.get("read one partner|bare Vert.x proxy"), 50) - percentile(results.get("read one partner|direct"), 50);
        BenchmarkSummary.figure("bare.added.p50.ms.c1", bareAdded);
        BenchmarkSummary.note("added.p50.ms.c1.limit", String.format(Locale.ROOT, "one more process on the way: a bare Vert.x "
                + "proxy (nothing but the proxy module) adds %.2f ms p50 to a read in the same run; the rest is the gateway's own work", bareAdded));
        int clients = Integer.getInteger("clients", 32);
        // Short windows taking turns, not a few long ones per path: two identical gateways measured in 10 s windows (2 rounds)
        // differed by 40 % in CPU per read (0.40 and 0.28 ms), in 4 s windows over 6 rounds by 10 % (gateway-overhead.md,
        // round 10). What the machine does over a minute (its neighbours, collections, the JIT settling) falls on all paths alike.
        int seconds = Integer.getInteger("seconds", 4);
        int rounds = Integer.getInteger("rounds", 6);
        int firstWarmup = Integer.getInteger("throughputWarmup", 8);
        int sliceWarmup = Integer.getInteger("sliceWarmup", 2);
        report.append("\nThroughput with ").append(clients).append(" clients at once (each a keep-alive connection, one request")
                .append(" after the other), in ").append(rounds).append(" rounds of ").append(seconds).append(" s windows per path")
                .append(" taking turns (the order reversed every other round), averaged; ").append(firstWarmup)
                .append(" s to warm up before a path's first window (with 3 s the JIT compilers took a third of the gateway's CPU in a")
                .append(" profiled run), ").append(sliceWarmup).append(" s before the others; the same machine for")
                .append(" everything (load generator, gateway, partner-service, PostgreSQL):\n\n")
                .append("| request | direct req/s | gateway (API key) req/s | gateway / direct | bare Vert.x proxy req/s | bare proxy / direct")
                .append(" | connections opened direct / gateway |\n|---|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder sideBySide = new StringBuilder("\nSide by side with the baseline gateway (-Dbaseline, another build on port ")
                .append(BASELINE_PORT).append(", the same servers and partner-service; windows in turn, ")
                .append(rounds).append(" round(s) averaged):\n\n")
                .append("| request | direct req/s | gateway req/s | gateway / direct | baseline req/s | baseline / direct |")
                .append(" gateway CPU ms/req | baseline CPU ms/req |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder cpu = new StringBuilder("\nCPU per answered request in those runs (ms; process CPU time over the measured ")
                .append("window divided by the requests answered in it; PostgreSQL with its backends):\n\n");
        for (String[] kind : new String[][] {{"read one partner", "/api/v1/partners/%s"},
                {"search (q, 20 results)", "/api/v1/partners?q=Verein&neighbourhood=" + area + "&limit=20"}}) {
            // -Drounds=N (6): the windows repeated, in turn (direct, gateway, bare proxy, baseline, then the other way round), averaged
            List<Throughput> directs = new ArrayList<>();
            List<Throughput> vias = new ArrayList<>();
            List<Throughput> bares = new ArrayList<>();
            List<Throughput> baselines = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<Runnable> turns = new ArrayList<>();
                List<Exception> failed = new ArrayList<>();
                int warmupNow = round == 0 ? firstWarmup : sliceWarmup;
                turns.add(() -> measure(directs, service, kind[1], ids, null, clients, warmupNow, seconds, failed));
                turns.add(() -> measure(vias, gateway, kind[1], ids, apiKey, clients, warmupNow, seconds, failed));
                turns.add(() -> measure(bares, bare, kind[1], ids, null, clients, warmupNow, seconds, failed));
                if (baseline != null) {
                    turns.add(() -> measure(baselines, baseline, kind[1], ids, apiKey, clients, warmupNow, seconds, failed));
                }
                if (round % 2 == 1) {
                    java.util.Collections.reverse(turns);
                }
                for (Runnable turn : turns) {
                    turn.run();
                    if (!failed.isEmpty()) {
                        throw failed.get(0);
                    }
                }
            }
            Throughput direct = Throughput.mean(directs);
            Throughput via = Throughput.mean(vias);
            Throughput bareProxy = Throughput.mean(bares);
            BenchmarkSummary.figure((kind[0].startsWith("read") ? "read" : "search") + ".ratio.c32", via.perSecond() / direct.perSecond());
            String which = kind[0].startsWith("read") ? "read" : "search";
            BenchmarkSummary.figure(which + ".bare.ratio.c32", bareProxy.perSecond() / direct.perSecond());
            BenchmarkSummary.note(which + ".ratio.c32.limit", String.format(Locale.ROOT, "CPU: everything shares 2 cores; the gateway "
                    + "spends %.2f ms per request, a bare Vert.x proxy %.2f ms and reaches %.2f of direct in the same run",
                    via.cpuMillisPerRequest().getOrDefault("gateway", 0.0), bareProxy.cpuMillisPerRequest().getOrDefault("bare-proxy", 0.0),
                    bareProxy.perSecond() / direct.perSecond()));
            report.append("| ").append(kind[0]).append(" | ").append(String.format(Locale.ROOT, "%.0f", direct.perSecond()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", via.perSecond())).append(" | ")
                    .append(format(via.perSecond() / direct.perSecond())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", bareProxy.perSecond())).append(" | ")
                    .append(format(bareProxy.perSecond() / direct.perSecond())).append(" | ")
                    .append(direct.connections()).append(" / ").append(via.connections()).append(" |\n");
            if (cpu.indexOf("|---") < 0) {
                cpu.append("| request | path | ").append(String.join(" | ", direct.cpuMillisPerRequest().keySet())).append(" |\n|---|---|")
                        .append("---:|".repeat(direct.cpuMillisPerRequest().size())).append("\n");
            }
            Map<String, Throughput> rows = new LinkedHashMap<>();
            rows.put("direct", direct);
            rows.put("gateway (API key)", via);
            rows.put("bare Vert.x proxy", bareProxy);
            if (baseline != null) {
                Throughput base = Throughput.mean(baselines);
                rows.put("baseline gateway (API key)", base);
                sideBySide.append("| ").append(kind[0]).append(" | ").append(String.format(Locale.ROOT, "%.0f", direct.perSecond()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f", via.perSecond())).append(" | ")
                        .append(format(via.perSecond() / direct.perSecond())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f", base.perSecond())).append(" | ")
                        .append(format(base.perSecond() / direct.perSecond())).append(" | ")
                        .append(format(via.cpuMillisPerRequest().getOrDefault("gateway", 0.0))).append(" | ")
                        .append(format(base.cpuMillisPerRequest().getOrDefault("gateway-baseline", 0.0))).append(" |\n");
            }
            for (Map.Entry<String, Throughput> row : rows.entrySet()) {
                cpu.append("| ").append(kind[0]).append(" | ").append(row.getKey());
                for (String process : direct.cpuMillisPerRequest().keySet()) {
                    cpu.append(" | ").append(format(row.getValue().cpuMillisPerRequest().getOrDefault(process, 0.0)));
                }
                cpu.append(" |\n");
            }
        }
        report.append(cpu);
        if (baseline != null) {
            report.append(sideBySide);
        }
        return report.toString();
    }

    /**
     * Requests per second that {@code clients} callers at once get answered (all 200, or the run fails),
     * after a warm-up; also the CPU each process spent per answered request in the measured window.
     */
    private Throughput throughput(URI base, String template, List<String> ids, String apiKey, int clients, int warmupSeconds,
            int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong counted = new AtomicLong();
        AtomicLong connections = new AtomicLong();
        long warmupEnds = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long ends = warmupEnds + seconds * 1_000_000_000L;
        List<Future<?>> callers = new ArrayList<>();
        List<byte[]> requests = requests(base, template, ids, apiKey);
        Map<String, Duration> cpuBefore = null;
        try {
            for (int c = 0; c < clients; c++) {
                int client = c;
                callers.add(pool.submit(() -> {
                    // a connection of its own per caller, kept alive, as wrk's
                    try (Caller own = new Caller(base, connections)) {
                        for (int i = client; System.nanoTime() < ends; i += clients) {
                            own.get(requests.get(Math.floorMod(i, requests.size())));
                            if (System.nanoTime() >= warmupEnds) {
                                counted.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(Math.max(0, (warmupEnds - System.nanoTime()) / 1_000_000));
            cpuBefore = cpu();
            for (Future<?> caller : callers) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Duration> cpuAfter = cpu();
        Map<String, Double> cpuPerRequest = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> entry : cpuAfter.entrySet()) {
            Duration before = cpuBefore.getOrDefault(entry.getKey(), Duration.ZERO);
            cpuPerRequest.put(entry.getKey(), entry.getValue().minus(before).toNanos() / 1e6 / Math.max(1, counted.get()));
        }
        return new Throughput(counted.get() / (double) seconds, connections.get(), cpuPerRequest);
    }

    private void measure(List<Throughput> into, URI base, String template, List<String> ids, String apiKey, int clients, int warmupSeconds,
            int seconds, List<Exception> failed) {
        try {
            into.add(throughput(base, template, ids, apiKey, clients, warmupSeconds, seconds));
        } catch (Exception e) {
            failed.add(e);
        }
    }

    record Throughput(double perSecond, long connections, Map<String, Double> cpuMillisPerRequest) {

        /** Several windows of one path: their mean rate and CPU per request, their connections added. */
        static Throughput mean(List<Throughput> windows) {
            Map<String, Double> cpu = new LinkedHashMap<>();
            for (Throughput window : windows) {
                window.cpuMillisPerRequest().forEach((process, ms) -> cpu.merge(process, ms / windows.size(), Double::sum));
            }
            return new Throughput(windows.stream().mapToDouble(Throughput::perSecond).average().orElse(0),
                    windows.stream().mapToLong(Throughput::connections).sum(), cpu);
        }
    }

    /** CPU time so far of this load generator and of every process the system started (with its children, PostgreSQL's backends). */
    private Map<String, Duration> cpu() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        cpu.put("load generator", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        if (system != null) {
            cpu.put("postgres server", system.postgresServerCpu());
            for (ManagedProcess process : system.started()) {
                process.running().ifPresent(handle -> {
                    Duration total = handle.info().totalCpuDuration().orElse(Duration.ZERO);
                    for (ProcessHandle child : handle.descendants().toList()) {
                        total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
                    }
                    cpu.put(process.name(), total);
                });
            }
        }
        return cpu;
    }

    /** Every request of a kind, written out once: the load generator only sends bytes. */
    private static List<byte[]> requests(URI base, String template, List<String> ids, String apiKey) {
        List<byte[]> requests = new ArrayList<>();
        for (String id : template.contains("%s") ? ids : List.of("")) {
            String path = template.contains("%s") ? String.format(template, id) : template;
            requests.add(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + (apiKey == null ? "" : "X-API-Key: " + apiKey + "\r\n") + "Accept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return requests;
    }

    /**
     * One caller: a plain socket with a keep-alive connection and a minimal HTTP/1.1 client, so that
     * the load generator takes little of the CPU it shares with what it measures (its own CPU per
     * request is in the report). Reconnects when the server closes the connection, and counts the
     * connections it opened.
     */
    static final class Caller implements AutoCloseable {

        private final URI base;
        private final AtomicLong connections;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;

        Caller(URI base, AtomicLong connections) {
            this.base = base;
            this.connections = connections;
        }

        /** Sends the request and reads the whole answer; fails unless it is a 200. */
        void get(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket(base.getHost(), base.getPort());
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                in = socket.getInputStream();
                out = socket.getOutputStream();
                start = end = 0;
                connections.incrementAndGet();
            }
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            StringBuilder body = status == 200 ? null : new StringBuilder();
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size, body);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length, body);
            }
            if (close) {
                close();
            }
            if (status != 200) {
                throw new IllegalStateException(new String(request, StandardCharsets.US_ASCII).lines().findFirst().orElse("")
                        + " answered " + status + ": " + body);
            }
        }

        private void fill() throws IOException {
            if (start == end) {
                start = 0;
                end = in.read(buffer);
                if (end < 0) {
                    end = 0;
                    throw new EOFException("the server closed the connection");
                }
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                fill();
                byte b = buffer[start++];
                if (b == '\n') {
                    int length = line.length();
                    return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
                }
                line.append((char) b);
            }
        }

        private void skip(long bytes, StringBuilder keep) throws IOException {
            while (bytes > 0) {
                fill();
                int n = (int) Math.min(bytes, end - start);
                if (keep != null) {
                    keep.append(new String(buffer, start, n, StandardCharsets.UTF_8));
                }
                start += n;
                bytes -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    /**
     * One request at a time, taking turns: the first path, then the second, ... — so that a moment
     * when the shared machine is slower hits every path alike.
     */
    private double[][] time(List<URI> bases, String template, List<String> ids, List<String> apiKeys, int runs, int warmup)
            throws Exception {
        double[][] millis = new double[bases.size()][runs];
        List<Caller> callers = new ArrayList<>();
        List<List<byte[]>> requests = new ArrayList<>();
        for (int p = 0; p < bases.size(); p++) {
            callers.add(new Caller(bases.get(p), new AtomicLong()));
            requests.add(requests(bases.get(p), template, ids, apiKeys.get(p)));
        }
        try {
            for (int i = -warmup; i < runs; i++) {
                for (int p = 0; p < bases.size(); p++) {
                    long start = System.nanoTime();
                    callers.get(p).get(requests.get(p).get(Math.floorMod(i, requests.get(p).size())));
                    long took = System.nanoTime() - start;
                    if (i >= 0) {
                        millis[p][i] = took / 1e6;
                    }
                }
            }
        } finally {
            for (Caller caller : callers) {
                caller.close();
            }
        }
        return millis;
    }

    private void send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + ": " + response.body());
        }
    }

    static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }
}
