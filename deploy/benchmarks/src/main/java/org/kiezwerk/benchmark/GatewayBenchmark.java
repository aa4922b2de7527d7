package org.kiezwerk.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.kiezwerk.infra.LocalInfra;

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

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 2000);
        int warmup = Integer.getInteger("warmup", 300);
        int partners = Integer.getInteger("partners", 200);
        try (BenchmarkSystem system = BenchmarkSystem.in("var/benchmark")) {
            system.servers(LocalInfra.Server.POSTGRES, LocalInfra.Server.KAFKA, LocalInfra.Server.TRACES)
                    .service(LocalInfra.Service.PARTNER)
                    .service(LocalInfra.Service.GATEWAY, BenchmarkSystem.UNLIMITED_GATEWAY);
            LocalInfra.ServicePorts ports = BenchmarkSystem.PORTS;
            String report = new GatewayBenchmark().run(BenchmarkSystem.at(ports.partner()), BenchmarkSystem.at(ports.gateway()),
                    system.authorization(), system.adminKey(), partners, runs, warmup);
            system.report("gateway-benchmark.md", report);
        }
    }

    String run(URI service, URI gateway, String authorization, String apiKey, int partners, int runs, int warmup) throws Exception {
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
                .append(" to warm up, one client, one request at a time (HTTP/1.1 keep-alive), against partner-service on real ")
                .append("PostgreSQL; the same requests directly and through the gateway.\n\n")
                .append("| request | path | p50 ms | p95 ms | p99 ms | mean ms |\n|---|---|---:|---:|---:|---:|\n");
        Map<String, double[]> results = new java.util.LinkedHashMap<>();
        for (String[] kind : new String[][] {{"read one partner", "/api/v1/partners/%s"},
                {"search (q, 20 results)", "/api/v1/partners?q=Verein&neighbourhood=" + area + "&limit=20"}}) {
            for (String path : List.of("direct", "gateway, anonymous", "gateway, API key")) {
                URI base = path.equals("direct") ? service : gateway;
                String key = path.endsWith("API key") ? apiKey : null;
                double[] millis = time(base, kind[1], ids, key, runs, warmup);
                results.put(kind[0] + "|" + path, millis);
                report.append("| ").append(kind[0]).append(" | ").append(path).append(" | ").append(format(percentile(millis, 50)))
                        .append(" | ").append(format(percentile(millis, 95))).append(" | ").append(format(percentile(millis, 99)))
                        .append(" | ").append(format(Arrays.stream(millis).average().orElse(0))).append(" |\n");
            }
        }
        report.append("\nOverhead (gateway minus direct):\n\n| request | path | p50 ms | p95 ms |\n|---|---|---:|---:|\n");
        for (String kind : List.of("read one partner", "search (q, 20 results)")) {
            double[] direct = results.get(kind + "|direct");
            for (String path : List.of("gateway, anonymous", "gateway, API key")) {
                double[] via = results.get(kind + "|" + path);
                report.append("| ").append(kind).append(" | ").append(path).append(" | ")
                        .append(format(percentile(via, 50) - percentile(direct, 50))).append(" | ")
                        .append(format(percentile(via, 95) - percentile(direct, 95))).append(" |\n");
            }
        }
        int clients = Integer.getInteger("clients", 32);
        int seconds = Integer.getInteger("seconds", 10);
        report.append("\nThroughput with ").append(clients).append(" clients at once (each a keep-alive connection, one request")
                .append(" after the other), ").append(seconds).append(" s each after 3 s to warm up, the same machine for")
                .append(" everything (load generator, gateway, partner-service, PostgreSQL):\n\n")
                .append("| request | direct req/s | gateway (API key) req/s | gateway / direct |\n|---|---:|---:|---:|\n");
        for (String[] kind : new String[][] {{"read one partner", "/api/v1/partners/%s"},
                {"search (q, 20 results)", "/api/v1/partners?q=Verein&neighbourhood=" + area + "&limit=20"}}) {
            double direct = throughput(service, kind[1], ids, null, clients, seconds);
            double via = throughput(gateway, kind[1], ids, apiKey, clients, seconds);
            report.append("| ").append(kind[0]).append(" | ").append(String.format(Locale.ROOT, "%.0f", direct))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", via)).append(" | ")
                    .append(format(via / direct)).append(" |\n");
        }
        return report.toString();
    }

    /** Requests per second that {@code clients} callers at once get answered (all 200, or the run fails), after 3 s of warm-up. */
    private double throughput(URI base, String template, List<String> ids, String apiKey, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong counted = new AtomicLong();
        long warmupEnds = System.nanoTime() + 3_000_000_000L;
        long ends = warmupEnds + seconds * 1_000_000_000L;
        List<Future<?>> callers = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                int client = c;
                callers.add(pool.submit(() -> {
                    // a client of its own per caller: its own keep-alive connection, as wrk's
                    HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
                    for (int i = client; System.nanoTime() < ends; i += clients) {
                        String path = template.contains("%s") ? String.format(template, ids.get(Math.floorMod(i, ids.size()))) : template;
                        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
                        if (apiKey != null) {
                            request.header("X-API-Key", apiKey);
                        }
                        HttpResponse<String> response = own.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
                        }
                        if (System.nanoTime() >= warmupEnds) {
                            counted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> caller : callers) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return counted.get() / (double) seconds;
    }

    private double[] time(URI base, String template, List<String> ids, String apiKey, int runs, int warmup) throws Exception {
        double[] millis = new double[runs];
        for (int i = -warmup; i < runs; i++) {
            String path = template.contains("%s") ? String.format(template, ids.get(Math.floorMod(i, ids.size()))) : template;
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
            if (apiKey != null) {
                request.header("X-API-Key", apiKey);
            }
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            if (i >= 0) {
                millis[i] = took / 1e6;
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
