package org.kiezwerk.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.ManagedProcess;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The write path under load: how long an accepted write takes to reach the graph, what it costs in
 * CPU, and what the system answers beyond what it sustains. Partners are created through the
 * gateway (an API key, the gateway's rate limit lifted for the benchmark) at fixed rates, one after
 * the other in one run: partner-service writes each with an outbox row, Debezium's outbox connector
 * in Kafka Connect publishes it, network-service projects it into Neo4j.
 *
 * <p>Open loop: each write is sent at its scheduled moment whether or not the earlier ones have been
 * answered, so that a system that cannot keep up shows it (queueing, refusals) instead of slowing
 * the generator down. The lag of a write runs from sending it to its Organisation node's projectedAt
 * in Neo4j (a poller asks for it over Bolt every 200 ms), split at the Kafka record's timestamp (a reader
 * of the partner topic beside the network's consumer). CPU:
 * utime+stime of every process the benchmark started (and their children: PostgreSQL's backends)
 * over each rate's measured seconds, divided by the writes accepted in them.
 *
 * <p>Run with deploy/local/benchmark.sh write-lag. Settings (system properties): rates
 * (20,100,250,400), seconds (20 per rate), warmup (240 s of writes by 4 writers, each waiting for its answer; then the graph catches up:
 * the JVMs' C2 compiler takes a method after some 5,000-15,000 calls, and with a 60 s warm-up the six JVMs were still
 * compiling the write path through the measured rates, a third of the machine's CPU),
 * direct (false: through the gateway; true: straight to partner-service).
 */
public final class WriteLagBenchmark {

    /**
     * How often the poller asks Neo4j which waiting writes have arrived. The lag itself is read from
     * the node (projectedAt, set by the projection's transaction), so polling seldom costs no accuracy,
     * and keeps the measuring from eating the CPU it measures (every 2 ms cost Neo4j a third of a core).
     * Every 200 ms since round 11, 50 before; the report gives what the poller costs beside Neo4j left alone.
     */
    private static final long POLL_MILLIS = 200;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final Map<String, String> credentials;
    private final BenchmarkSystem system;
    private final Driver driver;

    private WriteLagBenchmark(URI target, Map<String, String> credentials, BenchmarkSystem system, Driver driver) {
        this.target = target;
        this.credentials = credentials;
        this.system = system;
        this.driver = driver;
    }

    public static void main(String[] args) throws Exception {
        int[] rates = Arrays.stream(System.getProperty("rates", "20,100,250,400").split(",")).mapToInt(r -> Integer.parseInt(r.trim())).toArray();
        int seconds = Integer.getInteger("seconds", 20);
        int warmup = Integer.getInteger("warmup", 240);
        boolean direct = Boolean.getBoolean("direct");
        // from empty servers every time: earlier runs' writes (a few 10,000 each, all in one area) made later runs
        // slower (a store larger than Neo4j's page cache, an area node with 100,000s of ties)
        BenchmarkSystem.emptied("var/benchmark-write-lag", java.util.Set.of("postgres-binaries"));
        try (BenchmarkSystem system = BenchmarkSystem.in("var/benchmark-write-lag", Map.of("KIEZWERK_NEO4J_BOLT_PORT", "17887"))) {
            system.servers(LocalInfra.Server.POSTGRES, LocalInfra.Server.KAFKA, LocalInfra.Server.NEO4J, LocalInfra.Server.TRACES);
            system.service(LocalInfra.Service.PARTNER).service(LocalInfra.Service.NETWORK);
            if (!direct) {
                system.service(LocalInfra.Service.GATEWAY, BenchmarkSystem.UNLIMITED_GATEWAY);
            }
            URI target = BenchmarkSystem.at(direct ? BenchmarkSystem.PORTS.partner() : BenchmarkSystem.PORTS.gateway());
            Map<String, String> credentials = direct ? Map.of("Authorization", system.authorization()) : Map.of("X-API-Key", system.adminKey());
            try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + system.infra().settings().boltPort(), AuthTokens.none())) {
                WriteLagBenchmark benchmark = new WriteLagBenchmark(target, credentials, system, driver);
                // the city every partner is in, written straight to the service (the gateway takes it too, but this needs no retry)
                benchmark.put(BenchmarkSystem.at(BenchmarkSystem.PORTS.partner()), Map.of("Authorization", system.authorization()),
                        "/api/v1/neighbourhoods/" + UUID.nameUUIDFromBytes("lag-city".getBytes()),
                        "{\"code\":\"lagstadt\",\"name\":\"Lagstadt\",\"level\":\"city\"}");
                // warm-up: class loading, JIT and connections everywhere, so that the measured runs see steady state
                benchmark.warmUp(warmup);
                double[] pollerCpu = benchmark.pollerCpuPerSecond();
                StringBuilder report = new StringBuilder("# Write path: accepted write → graph, under load\n\nMeasured ")
                        .append(OffsetDateTime.now().withNano(0)).append(" on ").append(Runtime.getRuntime().availableProcessors())
                        .append(" cores by `deploy/local/benchmark.sh write-lag`, against real PostgreSQL, Kafka, Kafka Connect")
                        .append(" (Debezium outbox connector), Neo4j, partner-service, network-service")
                        .append(direct ? "" : " and the gateway").append(", each in its own process; writes ")
                        .append(direct ? "straight to partner-service" : "through the gateway (API key, rate limit lifted)")
                        .append(", after ").append(warmup).append(" s of writes by 4 writers one after the other to warm up; ").append(seconds)
                        .append(" s per rate, open loop.\n\n");
                List<Result> results = new ArrayList<>();
                for (int rate : rates) {
                    results.add(benchmark.run(rate, seconds));
                }
                report.append(table(results, pollerCpu));
                summarise(results);
                system.report("write-lag-benchmark.md", report.toString());
            }
        }
    }

    /** What one rate gave. */
    record Result(int rate, int seconds, int sent, int accepted, Map<Integer, Integer> refused, int withRetryAfter, int reached,
            List<Long> lags, Map<Integer, Long> maxLagPerSecond, Map<Integer, Long> p99PerSecond, Map<String, Long> cpuNanos,
            double elapsed, int lost, List<Long> answering, List<Long> publishing, List<Long> projecting) {
    }

    private Result run(int rate, int seconds) throws Exception {
        Map<String, Long> waiting = new ConcurrentHashMap<>(); // id of an accepted write → sent at (epoch millis)
        Map<String, Long> projectedAt = new ConcurrentHashMap<>();
        Map<String, Integer> secondOf = new ConcurrentHashMap<>();
        Map<String, long[]> stages = new ConcurrentHashMap<>(); // id → {sent, answered, published (Kafka timestamp)} epoch millis
        Map<Integer, Integer> refused = new ConcurrentSkipListMap<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger withRetryAfter = new AtomicInteger();
        AtomicInteger acceptedInWindow = new AtomicInteger();
        int total = rate * seconds;
        CountDownLatch answered = new CountDownLatch(total);
        List<long[]> lags = Collections.synchronizedList(new ArrayList<>()); // {second sent, lag nanos}
        AtomicBoolean sending = new AtomicBoolean(true);
        Map<String, Long> cpuBefore = cpuNanos();
        long start = System.nanoTime();
        long windowEnd = start + seconds * 1_000_000_000L;
        Thread clock = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                long at = start + i * 1_000_000_000L / rate;
                long wait;
                while ((wait = at - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                String id = UUID.randomUUID().toString();
                int second = i / rate;
                secondOf.put(id, second);
                // the lag runs from sending: the 201 can reach a busy client after the node is in the graph
                long sentAt = System.currentTimeMillis();
                sendAsync(id).whenComplete((response, failure) -> {
                    try {
                        int status = failure != null ? -1 : response.statusCode();
                        if (status == 201 || status == 200) {
                            stages.computeIfAbsent(id, k -> new long[] {0, 0, 0})[0] = sentAt;
                            stages.get(id)[1] = System.currentTimeMillis();
                            waiting.put(id, sentAt);
                            accepted.incrementAndGet();
                            if (System.nanoTime() <= windowEnd) {
                                acceptedInWindow.incrementAndGet();
                            }
                        } else {
                            if (refused.merge(status, 1, Integer::sum) == 1) {
                                System.out.println("first " + status + ": " + (response != null ? response.body() : failure));
                            }
                            if (response != null && response.headers().firstValue("Retry-After").isPresent()) {
                                withRetryAfter.incrementAndGet();
                            }
                        }
                    } finally {
                        answered.countDown();
                    }
                });
            }
            sending.set(false);
        }, "write-clock");
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = publishedTimes(stages, reading);
        clock.start();
        Map<String, Long> cpuWindow = null;
        long deadline = windowEnd + 60_000_000_000L; // a write not in the graph a minute after the run is lost
        try (Session session = driver.session()) {
            while (System.nanoTime() < deadline && (sending.get() || answered.getCount() > 0 || !waiting.isEmpty())) {
                if (cpuWindow == null && System.nanoTime() >= windowEnd) {
                    cpuWindow = difference(cpuNanos(), cpuBefore);
                }
                List<String> ids = new ArrayList<>(waiting.keySet());
                if (!ids.isEmpty()) {
                    for (var r : session.run("UNWIND $ids AS id MATCH (o:Organisation {id: id})"
                            + " RETURN o.id AS id, o.projectedAt.epochMillis AS at", Map.of("ids", ids)).list()) {
                        Long sentAt = waiting.remove(r.get("id").asString());
                        if (sentAt != null) {
                            projectedAt.put(r.get("id").asString(), r.get("at").asLong());
                            long lagMillis = Math.max(0, r.get("at").asLong() - sentAt);
                            lags.add(new long[] {secondOf.get(r.get("id").asString()), lagMillis * 1_000_000L});
                        }
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        clock.join();
        reading.set(false);
        reader.join();
        if (cpuWindow == null) {
            cpuWindow = difference(cpuNanos(), cpuBefore);
        }
        double elapsed = (Math.min(System.nanoTime(), windowEnd) - start) / 1e9;
        List<Long> sorted = new ArrayList<>(lags.stream().map(l -> l[1]).toList());
        Collections.sort(sorted);
        Map<Integer, List<Long>> bySecond = new TreeMap<>();
        for (long[] lag : new ArrayList<>(lags)) {
            bySecond.computeIfAbsent((int) lag[0], s -> new ArrayList<>()).add(lag[1]);
        }
        Map<Integer, Long> maxPerSecond = new TreeMap<>();
        Map<Integer, Long> p99PerSecond = new TreeMap<>();
        bySecond.forEach((s, l) -> {
            Collections.sort(l);
            maxPerSecond.put(s, l.get(l.size() - 1));
            p99PerSecond.put(s, (long) (pct(l, 0.99) * 1e6));
        });
        Map<String, Long> cpuPerWrite = new LinkedHashMap<>(cpuWindow);
        cpuPerWrite.put("(accepted in window)", (long) acceptedInWindow.get());
        // where the lag goes: sent → answered, sent → published by the connector (the record's timestamp), published → projected
        List<Long> answering = new ArrayList<>();
        List<Long> publishing = new ArrayList<>();
        List<Long> projecting = new ArrayList<>();
        stages.forEach((id, t) -> {
            if (t[0] > 0 && t[2] > 0 && projectedAt.containsKey(id)) {
                answering.add((t[1] - t[0]) * 1_000_000L);
                publishing.add(Math.max(0, t[2] - t[0]) * 1_000_000L);
                projecting.add(Math.max(0, projectedAt.get(id) - t[2]) * 1_000_000L);
            }
        });
        Collections.sort(answering);
        Collections.sort(publishing);
        Collections.sort(projecting);
        Result result = new Result(rate, seconds, total, accepted.get(), refused, withRetryAfter.get(), sorted.size(), sorted,
                maxPerSecond, p99PerSecond, cpuPerWrite, elapsed, waiting.size(), answering, publishing, projecting);
        System.out.printf(Locale.ROOT, "%s %d/s: accepted %d, refused %s, reached %d, lost %d, p50 %.1f p99 %.1f max %.1f ms%n",
                "rate", rate, result.accepted(), refused, result.reached(), result.lost(),
                pct(sorted, 0.5), pct(sorted, 0.99), pct(sorted, 1.0));
        return result;
    }

    /**
     * Reads the partner topic from its end, beside the network's consumer, and notes when the connector
     * published each write (the record's timestamp, set by Connect's producer): it splits the lag into
     * the part before Kafka (service, WAL, connector) and the part after (consumer, projection, Neo4j).
     */
    private Thread publishedTimes(Map<String, long[]> stages, AtomicBoolean reading) {
        Thread reader = new Thread(() -> {
            java.util.Properties props = new java.util.Properties();
            props.put("bootstrap.servers", "127.0.0.1:" + system.infra().settings().kafkaPort());
            props.put("enable.auto.commit", "false");
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props,
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                var partitions = consumer.partitionsFor("kiezwerk.partners.v1").stream()
                        .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (reading.get()) {
                    for (var record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.key() != null && record.value() != null) {
                            stages.computeIfAbsent(record.key(), k -> new long[] {0, 0, 0})[2] = record.timestamp();
                        }
                    }
                }
            }
        }, "published-times");
        reader.start();
        return reader;
    }

    /** Closed loop (each writer waits for its answer): warms every process up without overloading it. */
    private void warmUp(int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger written = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread writer = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        if (sendAsync(UUID.randomUUID().toString()).get().statusCode() == 201) {
                            written.incrementAndGet();
                        }
                    } catch (Exception e) {
                        LockSupport.parkNanos(100_000_000L);
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        System.out.printf(Locale.ROOT, "warm-up: %d writes in %d s%n", written.get(), seconds);
        // the writers paced themselves on the 201, not on the graph: the first rate starts once the graph has
        // caught up (a last write is in it), or its first seconds would measure the warm-up's backlog
        String last = UUID.randomUUID().toString();
        long waitFrom = System.nanoTime();
        if (sendAsync(last).get().statusCode() == 201) {
            try (Session session = driver.session()) {
                while (System.nanoTime() - waitFrom < 120_000_000_000L && session.run("MATCH (o:Organisation {id: $id}) RETURN count(o) AS n",
                        Map.of("id", last)).single().get("n").asLong() == 0) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        }
        System.out.printf(Locale.ROOT, "the graph caught up %.1f s after the warm-up%n", (System.nanoTime() - waitFrom) / 1e9);
        Thread.sleep(1000);
    }

    /** The headline figures per rate for the load benchmark (BenchmarkSummary), keys prefixed by the rate, e.g. r20.lag.p99.ms. */
    private static void summarise(List<Result> results) {
        for (Result r : results) {
            String rate = "r" + r.rate() + ".";
            int inWindow = r.cpuNanos().get("(accepted in window)").intValue();
            long cpu = r.cpuNanos().entrySet().stream().filter(e -> !e.getKey().startsWith("(")).mapToLong(Map.Entry::getValue).sum();
            BenchmarkSummary.figure(rate + "lag.p50.ms", pct(r.lags(), 0.5));
            BenchmarkSummary.figure(rate + "lag.p99.ms", pct(r.lags(), 0.99));
            BenchmarkSummary.figure(rate + "worst.second.p99.ms", r.p99PerSecond().values().stream().mapToLong(Long::longValue).max().orElse(0) / 1e6);
            BenchmarkSummary.figure(rate + "cpu.ms.per.write", inWindow == 0 ? Double.NaN : cpu / 1e6 / inWindow);
            BenchmarkSummary.figure(rate + "jit.cpu.ms.per.write", inWindow == 0 ? Double.NaN : r.cpuNanos().getOrDefault(JIT, 0L) / 1e6 / inWindow);
            BenchmarkSummary.figure(rate + "accepted.per.s", inWindow / r.elapsed());
            // a clean refusal is 429 or 503 with Retry-After; anything else (500, 502, 504, no answer) is an error
            BenchmarkSummary.figure(rate + "errors", r.refused().entrySet().stream().filter(e -> e.getKey() != 429 && e.getKey() != 503)
                    .mapToInt(Map.Entry::getValue).sum());
            BenchmarkSummary.figure(rate + "lost", r.lost());
            BenchmarkSummary.figure(rate + "published.p99.ms", pct(r.publishing(), 0.99));
            BenchmarkSummary.figure(rate + "projected.p99.ms", pct(r.projecting(), 0.99));
        }
    }

    private static String table(List<Result> results, double[] pollerCpuPerSecond) {
        StringBuilder out = new StringBuilder("""
                | rate (sent) | accepted | refused/failed by status (with Retry-After) | reached the graph | lost | lag p50 | p95 | p99 | max | worst second's p99 | CPU per accepted write, all processes |
                |---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (Result r : results) {
            int inWindow = r.cpuNanos().get("(accepted in window)").intValue();
            long cpu = r.cpuNanos().entrySet().stream().filter(e -> !e.getKey().startsWith("(")).mapToLong(Map.Entry::getValue).sum();
            long worst = r.p99PerSecond().values().stream().mapToLong(Long::longValue).max().orElse(0);
            out.append(String.format(Locale.ROOT, "| %d/s (%d) | %d | %s | %d | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2f ms |%n",
                    r.rate(), r.sent(), r.accepted(), r.refused().isEmpty() ? "none" : r.refused() + " (" + r.withRetryAfter() + ")",
                    r.reached(), r.lost(), pct(r.lags(), 0.5), pct(r.lags(), 0.95), pct(r.lags(), 0.99), pct(r.lags(), 1.0), worst / 1e6,
                    inWindow == 0 ? Double.NaN : cpu / 1e6 / inWindow));
        }
        out.append("\nLag: from sending the write (client clock) to the node's projectedAt (set in the projection's transaction, same"
                + " machine clock; the commit after it is not included): the write's own answer time is inside it, so it bounds the lag after acceptance from above. Lost: accepted, but not in the graph a minute after the rate's last write."
                        + " Refused: status −1 is a request that got no answer within 10 s (or none at all).\n\n");
        out.append("CPU per accepted write and process (ms; CPU over the rate's seconds ÷ writes accepted in them):\n\n| process |");
        for (Result r : results) {
            out.append(" ").append(r.rate()).append("/s |");
        }
        out.append("\n|---|").append("---:|".repeat(results.size())).append('\n');
        for (String process : results.get(0).cpuNanos().keySet()) {
            if (process.startsWith("(")) {
                continue;
            }
            out.append("| ").append(process).append(" |");
            for (Result r : results) {
                int inWindow = r.cpuNanos().get("(accepted in window)").intValue();
                out.append(String.format(Locale.ROOT, " %.2f |", r.cpuNanos().getOrDefault(process, 0L) / 1e6 / Math.max(1, inWindow)));
            }
            out.append('\n');
        }
        out.append("| of which the JVMs' JIT compilers (C1/C2 threads) |");
        for (Result r : results) {
            int inWindow = r.cpuNanos().get("(accepted in window)").intValue();
            out.append(String.format(Locale.ROOT, " %.2f |", r.cpuNanos().getOrDefault(JIT, 0L) / 1e6 / Math.max(1, inWindow)));
        }
        out.append('\n');
        out.append("\nWhere the lag goes (p50 / p99 / max, ms): sent → answered (201 read by the client); sent → published (the Kafka"
                + " record's timestamp, set by Kafka Connect's producer: the service, PostgreSQL's WAL and the connector); published → projected"
                + " (network-service's consumer, the projection, Neo4j's commit up to projectedAt):\n\n| rate | answered | published | projected |\n|---|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %d/s | %s | %s | %s |%n", r.rate(), stage(r.answering()), stage(r.publishing()), stage(r.projecting())));
        }
        double pollerOwn = Math.max(0, pollerCpuPerSecond[1] - pollerCpuPerSecond[0]);
        out.append(String.format(Locale.ROOT, "%nAfter the rates, with no writes: Neo4j took %.1f ms of CPU per second left alone for 5 s and %.1f ms"
                + " with the lag poller asking every " + POLL_MILLIS + " ms for 20 ids for 5 s, so the poller's own queries cost about %.1f ms a"
                + " second; at 20 writes/s that is %.2f ms per write of the Neo4j figure, less at higher rates.%n",
                pollerCpuPerSecond[0], pollerCpuPerSecond[1], pollerOwn, pollerOwn / 20));
        out.append("\nLag per second of sending (p99 / max, ms), to show whether it stays flat:\n\n");
        for (Result r : results) {
            out.append("- ").append(r.rate()).append("/s: ");
            List<String> cells = new ArrayList<>();
            r.p99PerSecond().forEach((s, p99) -> cells.add(String.format(Locale.ROOT, "%.0f/%.0f", p99 / 1e6, r.maxLagPerSecond().get(s) / 1e6)));
            out.append(String.join(" ", cells)).append('\n');
        }
        return out.toString();
    }

    /**
     * Neo4j's CPU per second left alone for 5 s, then while the poller asks for 20 ids that are not
     * there for 5 s: the difference is the measuring's own cost (before round 11 only the second was
     * reported, and it included Neo4j's own background work).
     */
    private double[] pollerCpuPerSecond() throws Exception {
        Map<String, Long> idleBefore = cpuNanos();
        long idleStart = System.nanoTime();
        Thread.sleep(5_000);
        double idle = difference(cpuNanos(), idleBefore).getOrDefault("neo4j", 0L) / 1e6 / ((System.nanoTime() - idleStart) / 1e9);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        Map<String, Long> before = cpuNanos();
        long start = System.nanoTime();
        try (Session session = driver.session()) {
            while (System.nanoTime() - start < 5_000_000_000L) {
                session.run("UNWIND $ids AS id MATCH (o:Organisation {id: id}) RETURN o.id AS id", Map.of("ids", ids)).list();
                Thread.sleep(POLL_MILLIS);
            }
        }
        return new double[] {idle, difference(cpuNanos(), before).getOrDefault("neo4j", 0L) / 1e6 / ((System.nanoTime() - start) / 1e9)};
    }

    private static String stage(List<Long> sorted) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", pct(sorted, 0.5), pct(sorted, 0.99), pct(sorted, 1.0));
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** CPU time of every process the benchmark started, each with its children, and of the PostgreSQL server by role (walsender, backends, other). */
    private Map<String, Long> cpuNanos() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        system.postgresServerCpuByRole().forEach((role, time) -> cpu.put("postgres " + role, time.toNanos()));
        for (ManagedProcess process : system.started()) {
            ProcessHandle handle = process.running().orElse(null);
            long total = 0;
            if (handle != null) {
                total += handle.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
                for (ProcessHandle child : handle.descendants().toList()) {
                    total += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
                }
            }
            cpu.put(process.name(), total);
        }
        cpu.put(JIT, system.started().stream().flatMap(p -> p.running().stream())
                .flatMap(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants()))
                .mapToLong(WriteLagBenchmark::compilerNanos).sum());
        return cpu;
    }

    /** Key of the JVMs' JIT compiler threads' CPU, part of the processes' figures (a key in parentheses is not summed). */
    private static final String JIT = "(JIT compilers)";

    /** CPU of a JVM's C1/C2 compiler threads, from /proc (clock ticks of 10 ms); 0 where that cannot be read. */
    private static long compilerNanos(ProcessHandle process) {
        long ticks = 0;
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", Long.toString(process.pid()), "task");
        try (var threads = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path thread : threads.toList()) {
                try {
                    String stat = java.nio.file.Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (java.io.IOException | RuntimeException gone) {
            return 0;
        }
        return ticks * 10_000_000L;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        return d;
    }

    private java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(String id) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve("/api/v1/partners/" + id)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(String.format(Locale.ROOT,
                        "{\"name\":\"Lag-Verein %s\",\"kind\":\"association\",\"neighbourhoods\":[\"lagstadt\"]}", id)));
        credentials.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void put(URI service, Map<String, String> headers, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            System.out.println("PUT " + path + ": " + response.statusCode() + " " + response.body());
        }
    }
}
