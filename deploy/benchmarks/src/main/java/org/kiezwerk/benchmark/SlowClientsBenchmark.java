package org.kiezwerk.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.TreeMap;
import java.util.UUID;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.SlowClientCrowd;

/**
 * What slow and idle clients cost a normal caller: one caller reads partners through the gateway,
 * one request at a time, first alone, then — in the same run, against the same processes — while
 * 50 slow clients (half send a body one byte a second, half their request line and headers) and
 * 500 open idle connections hit the gateway, each reconnecting as soon as the gateway closes it.
 * Writes a report with the caller's latency percentiles in both phases, their ratio, and what
 * happened to the slow and idle connections.
 *
 * <p>Run with deploy/local/benchmark.sh slow-clients. Settings (system properties): seconds (30 per
 * phase), settle (15: attack time before the second phase is measured), slowClients (50),
 * idleConnections (500), partners (50).
 */
public final class SlowClientsBenchmark {

    private static final String NORMAL_ADDRESS = "127.0.0.1";
    // the attackers (SlowClientCrowd) come from 127.0.0.2 and 127.0.0.3, as they would from other machines

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("seconds", 30);
        int settle = Integer.getInteger("settle", 15);
        int slowClients = Integer.getInteger("slowClients", 50);
        int idleConnections = Integer.getInteger("idleConnections", 500);
        int partners = Integer.getInteger("partners", 50);
        try (BenchmarkSystem system = BenchmarkSystem.in("var/benchmark")) {
            system.servers(LocalInfra.Server.POSTGRES, LocalInfra.Server.KAFKA, LocalInfra.Server.TRACES)
                    .service(LocalInfra.Service.PARTNER)
                    .service(LocalInfra.Service.GATEWAY, BenchmarkSystem.UNLIMITED_GATEWAY);
            LocalInfra.ServicePorts ports = BenchmarkSystem.PORTS;
            String report = new SlowClientsBenchmark().run(BenchmarkSystem.at(ports.partner()), ports.gateway(),
                    system.authorization(), system.adminKey(), partners, seconds, settle, slowClients, idleConnections);
            system.report("slow-clients-benchmark.md", report);
        }
    }

    String run(URI service, int gatewayPort, String authorization, String apiKey, int partners, int seconds, int settle,
            int slowClients, int idleConnections) throws Exception {
        URI gateway = URI.create("http://" + NORMAL_ADDRESS + ":" + gatewayPort);
        String area = "slowclientsbench";
        send(HttpRequest.newBuilder(service.resolve("/api/v1/neighbourhoods/" + UUID.nameUUIDFromBytes(area.getBytes())))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + area + "\",\"name\":\"Slow-Bench\",\"level\":\"quarter\"}")));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < partners; i++) {
            String id = UUID.nameUUIDFromBytes(("slow-clients-bench-" + i).getBytes()).toString();
            send(HttpRequest.newBuilder(service.resolve("/api/v1/partners/" + id)).header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Verein Langsam " + i + "\",\"kind\":\"association\","
                            + "\"neighbourhoods\":[\"" + area + "\"]}")));
            ids.add(id);
        }
        long slowBefore = countSlowPartners(gateway, apiKey);
        Phase warmup = measure(gateway, ids, 5);
        Phase alone = measure(gateway, ids, seconds);
        SlowClientCrowd attack = new SlowClientCrowd(new InetSocketAddress(NORMAL_ADDRESS, gatewayPort), apiKey, slowClients,
                idleConnections, "/api/v1/partners?q=Verein", "/api/v1/partners");
        Thread attacker = new Thread(attack, "attack");
        attacker.start();
        Thread.sleep(settle * 1000L);
        int openAtStart = attack.open.get();
        Phase attacked = measure(gateway, ids, seconds);
        int openAtEnd = attack.open.get();
        attack.stop = true;
        attacker.join(10_000);
        long slowAfter = countSlowPartners(gateway, apiKey);
        return report(warmup, alone, attacked, attack, openAtStart, openAtEnd, slowAfter - slowBefore, seconds, settle,
                slowClients, idleConnections);
    }

    /** One phase: requests one after the other for the given time, with their latencies and any failures. */
    record Phase(double[] millis, Map<String, Integer> failures) {
        double percentile(int p) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }

        double max() {
            return Arrays.stream(millis).max().orElse(Double.NaN);
        }
    }

    private Phase measure(URI gateway, List<String> ids, int seconds) {
        List<Double> millis = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/partners/" + ids.get(i % ids.size())))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                if (response.statusCode() == 200) {
                    millis.add(took / 1e6);
                } else {
                    failures.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
                }
            } catch (IOException e) {
                failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Phase(millis.stream().mapToDouble(Double::doubleValue).toArray(), failures);
    }

    private long countSlowPartners(URI gateway, String apiKey) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/partners?q=Zeitlupe&limit=100"))
                .header("X-API-Key", apiKey).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body().split("Zeitlupe", -1).length - 1;
    }

    private static String report(Phase warmup, Phase alone, Phase attacked, SlowClientCrowd attack, int openAtStart, int openAtEnd,
            long slowPartnersCreated, int seconds, int settle, int slowClients, int idleConnections) {
        StringBuilder report = new StringBuilder("# Slow and idle clients: what a normal caller notices\n\n");
        report.append("Measured ").append(OffsetDateTime.now().withNano(0)).append(" on this machine (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores), `deploy/local/benchmark.sh slow-clients`: ")
                .append("one normal caller reads one partner at a time through the gateway (HTTP/1.1 keep-alive, anonymous) for ")
                .append(seconds).append(" s alone, then — same processes, same run — for ").append(seconds).append(" s while ")
                .append(slowClients).append(" slow clients and ").append(idleConnections)
                .append(" idle connections hit the gateway (measured after ").append(settle)
                .append(" s of attack, so that the gateway has cut and the attackers reopened their connections at least once). ")
                .append("Partner-service on real PostgreSQL behind it.\n\n");
        report.append("| normal caller | requests | p50 ms | p95 ms | p99 ms | max ms | failed |\n|---|---:|---:|---:|---:|---:|---|\n");
        row(report, "alone", alone);
        row(report, "with " + slowClients + " slow clients + " + idleConnections + " idle connections", attacked);
        report.append("\nRatio under attack / alone: p50 ").append(format(attacked.percentile(50) / alone.percentile(50)))
                .append(", p95 ").append(format(attacked.percentile(95) / alone.percentile(95)))
                .append(", p99 ").append(format(attacked.percentile(99) / alone.percentile(99))).append(".\n\n");
        report.append("What the attackers met (whole attack, ").append(settle + seconds).append(" s; every connection the gateway ")
                .append("closed was opened again at once):\n\n| attacker | connections ended | how they ended | held by the gateway, median s | max s |\n")
                .append("|---|---:|---|---:|---:|\n");
        for (SlowClientCrowd.Kind kind : SlowClientCrowd.Kind.values()) {
            Map<String, Integer> outcomes = new TreeMap<>();
            attack.ended(kind).forEach(end -> outcomes.merge(end.statusLine(), 1, Integer::sum));
            double[] seconds_ = attack.ended(kind).stream().mapToDouble(SlowClientCrowd.Ended::heldSeconds).sorted().toArray();
            String label = switch (kind) {
                case SLOW_BODY -> "slow body (API key, POST, 1 byte/s)";
                case SLOW_HEAD -> "slow head (1 byte/s)";
                case IDLE -> "idle connection (sends nothing)";
            };
            StringBuilder how = new StringBuilder();
            outcomes.forEach((outcome, count) -> how.append(how.isEmpty() ? "" : ", ").append(count).append(" × ").append(outcome));
            report.append("| ").append(label).append(" | ").append(seconds_.length).append(" | ").append(how).append(" | ")
                    .append(seconds_.length == 0 ? "–" : format(seconds_[seconds_.length / 2])).append(" | ")
                    .append(seconds_.length == 0 ? "–" : format(seconds_[seconds_.length - 1])).append(" |\n");
        }
        report.append("\nAttacker connections open at the start / end of the measured phase: ").append(openAtStart).append(" / ")
                .append(openAtEnd).append("; failed connects: ").append(attack.connectFailures.get())
                .append(". Partners created by the slow bodies: ").append(slowPartnersCreated)
                .append(" (none was complete, so none was forwarded). Warm-up before the first phase: ")
                .append(warmup.millis().length).append(" requests.\n");
        return report.toString();
    }

    private static void row(StringBuilder report, String label, Phase phase) {
        report.append("| ").append(label).append(" | ").append(phase.millis().length).append(" | ").append(format(phase.percentile(50)))
                .append(" | ").append(format(phase.percentile(95))).append(" | ").append(format(phase.percentile(99)))
                .append(" | ").append(format(phase.max())).append(" | ")
                .append(phase.failures().isEmpty() ? "none" : phase.failures().toString()).append(" |\n");
    }

    private void send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + ": " + response.body());
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
