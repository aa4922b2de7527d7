package org.kiezwerk.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.ManagedProcess;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The write path: how long an accepted write takes to reach the graph. Partners are created on
 * partner-service at a fixed rate (default 20 writes/s for 30 s); partner-service writes them with
 * an outbox row, Debezium's outbox connector in Kafka Connect publishes them, network-service
 * projects them into Neo4j. The lag of each write runs from partner-service's answer (the commit)
 * to the moment its Organisation node is in Neo4j, which a poller asks for every 2 ms over Bolt.
 * Also: CPU time of all processes (the JVMs and their children) per accepted write.
 *
 * <p>Run with deploy/local/benchmark.sh write-lag. Settings: rate (20), seconds (30).
 */
public final class WriteLagBenchmark {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("rate", 20);
        int seconds = Integer.getInteger("seconds", 30);
        try (BenchmarkSystem system = BenchmarkSystem.in("var/benchmark-write-lag", Map.of("KIEZWERK_NEO4J_BOLT_PORT", "17887"))) {
            system.servers(LocalInfra.Server.POSTGRES, LocalInfra.Server.KAFKA, LocalInfra.Server.NEO4J, LocalInfra.Server.TRACES);
            system.service(LocalInfra.Service.PARTNER).service(LocalInfra.Service.NETWORK);
            URI partner = BenchmarkSystem.at(BenchmarkSystem.PORTS.partner());
            String authorization = system.authorization();
            try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + system.infra().settings().boltPort(), AuthTokens.none())) {
                WriteLagBenchmark benchmark = new WriteLagBenchmark();
                benchmark.put(partner, authorization, "/api/v1/neighbourhoods/" + UUID.nameUUIDFromBytes("lag-city".getBytes()),
                        "{\"code\":\"lagstadt\",\"name\":\"Lagstadt\",\"level\":\"city\"}");
                // warm up: the first writes pay for class loading and connections everywhere
                benchmark.run(partner, authorization, driver, rate, 5, system);
                String report = benchmark.run(partner, authorization, driver, rate, seconds, system);
                system.report("write-lag-benchmark.md", "# Write path: accepted write → graph\n\n"
                        + "Measured " + OffsetDateTime.now().withNano(0) + " on " + Runtime.getRuntime().availableProcessors()
                        + " cores, against real PostgreSQL, Kafka, Kafka Connect (Debezium outbox connector), Neo4j,"
                        + " partner-service and network-service, each in its own process.\n\n" + report);
            }
        }
    }

    private String run(URI partner, String authorization, Driver driver, int rate, int seconds, BenchmarkSystem system) throws Exception {
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        long cpuBefore = cpuNanos(system);
        int total = rate * seconds;
        ExecutorService writers = Executors.newFixedThreadPool(8);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        List<Integer> failures = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long at = start + i * 1_000_000_000L / rate;
            clock.schedule(() -> writers.submit(() -> {
                String id = UUID.randomUUID().toString();
                try {
                    int status = put(partner, authorization, "/api/v1/partners/" + id, String.format(Locale.ROOT,
                            "{\"name\":\"Lag-Verein %s\",\"kind\":\"association\",\"neighbourhoods\":[\"lagstadt\"]}", id));
                    if (status == 201 || status == 200) {
                        accepted.put(id, System.nanoTime());
                    } else {
                        failures.add(status);
                    }
                } catch (Exception e) {
                    failures.add(-1);
                }
            }), at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        // the poller: which accepted partners are in the graph now?
        long deadline = start + (seconds + 60) * 1_000_000_000L;
        int seen = 0;
        try (var session = driver.session()) {
            while (System.nanoTime() < deadline && (seen + failures.size() < total)) {
                List<String> waiting = new ArrayList<>(accepted.keySet());
                if (!waiting.isEmpty()) {
                    List<String> found = session.run("UNWIND $ids AS id MATCH (o:Organisation {id: id}) RETURN o.id AS id",
                            Map.of("ids", waiting)).list(r -> r.get("id").asString());
                    long now = System.nanoTime();
                    for (String id : found) {
                        Long acceptedAt = accepted.remove(id);
                        if (acceptedAt != null) {
                            lags.add(now - acceptedAt);
                            seen++;
                        }
                    }
                }
                Thread.sleep(2);
            }
        }
        clock.shutdown();
        writers.shutdown();
        writers.awaitTermination(30, TimeUnit.SECONDS);
        long cpu = cpuNanos(system) - cpuBefore;
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, """
                | rate | writes accepted | refused/failed | reached the graph | lag p50 | p95 | p99 | max | CPU per accepted write (all processes) |
                |---|---|---|---|---|---|---|---|---|
                | %d/s for %d s | %d | %d | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |

                Lag: from partner-service's 201 to the node in Neo4j (poller resolution ~2 ms plus one Bolt query).
                A write not in the graph within 60 s after the run would count as lost: %d.
                """, rate, seconds, sorted.size() + accepted.size(), failures.size(), sorted.size(),
                pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99), pct(sorted, 1.0),
                (sorted.size() + accepted.size()) == 0 ? 0.0 : cpu / 1e6 / (sorted.size() + accepted.size()), accepted.size());
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** CPU time of every process the benchmark started and of their children (PostgreSQL's backends). */
    private static long cpuNanos(BenchmarkSystem system) {
        long total = 0;
        for (ManagedProcess process : system.started()) {
            ProcessHandle handle = process.running().orElse(null);
            if (handle == null) {
                continue;
            }
            total += handle.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            for (ProcessHandle child : handle.descendants().toList()) {
                total += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            }
        }
        return total;
    }

    private int put(URI service, String authorization, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            System.out.println("PUT " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.statusCode();
    }
}
