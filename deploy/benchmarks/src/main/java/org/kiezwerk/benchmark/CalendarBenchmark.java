package org.kiezwerk.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kiezwerk.infra.LocalInfra;

/**
 * Calendar-query latency at 50,000 shared events: partner-service and event-service on real
 * PostgreSQL and Kafka (event-service learns the partners from the partner topic), a generated year
 * of events — most single, a third weekly series — then searches, feeds and figures timed, with a
 * report. Own folder (var/benchmark) and ports; a second run reuses the data.
 *
 * <p>Run with deploy/local/benchmark.sh calendar. Settings (system properties): events (50000),
 * runs (100 per query), warmup (20), threads (4).
 */
public final class CalendarBenchmark {

    static String authorization;

    static final int PARTNERS = 300;
    static final int QUARTERS = 48;
    static final String[] CATEGORIES = {"talk", "festival", "course", "meeting", "networking", "excursion", "other"};
    static final String[] GROUPS = {"toddlers", "children", "young_people", "young_adults", "adults", "young_old", "seniors",
            "parents", "families", "migrants", "women", "everyone"};
    static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI partners;
    private final URI events;

    CalendarBenchmark(URI partners, URI events) {
        this.partners = partners;
        this.events = events;
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("events", 50_000);
        int runs = Integer.getInteger("runs", 100);
        int warmup = Integer.getInteger("warmup", 20);
        int threads = Integer.getInteger("threads", 4);
        try (BenchmarkSystem system = BenchmarkSystem.in("var/benchmark")) {
            // writes go straight to the services: they need the identity the gateway would sign
            authorization = system.authorization();
            system.servers(LocalInfra.Server.POSTGRES, LocalInfra.Server.KAFKA, LocalInfra.Server.TRACES)
                    .service(LocalInfra.Service.PARTNER)
                    .service(LocalInfra.Service.EVENT);
            LocalInfra.ServicePorts ports = BenchmarkSystem.PORTS;
            CalendarBenchmark benchmark = new CalendarBenchmark(BenchmarkSystem.at(ports.partner()), BenchmarkSystem.at(ports.event()));
            system.report("calendar-benchmark.md", benchmark.run(count, runs, warmup, threads));
        }
    }

    String run(int count, int runs, int warmup, int threads) throws Exception {
        long begin = System.nanoTime();
        loadPartners();
        String loaded;
        int present = countEvents();
        if (present < count) {
            loadEvents(count, threads);
            loaded = String.format(Locale.ROOT, "loaded through the API in %.0f s (%d threads)", (System.nanoTime() - begin) / 1e9, threads);
        } else {
            loaded = "already present from an earlier run";
        }
        awaitOutboxEmpty(events);
        Map<String, String> queries = new LinkedHashMap<>();
        String week = "from=" + enc("2027-05-03T00:00:00+02:00") + "&to=" + enc("2027-05-10T00:00:00+02:00");
        String month = "from=" + enc("2027-05-01T00:00:00+02:00") + "&to=" + enc("2027-06-01T00:00:00+02:00");
        String partner = uuid("partner-7").toString();
        queries.put("one week, first page (20 occurrences)", "/api/v1/events?" + week);
        queries.put("one week, a neighbourhood", "/api/v1/events?" + week + "&neighbourhood=bench-q5");
        queries.put("one month, a neighbourhood", "/api/v1/events?" + month + "&neighbourhood=bench-q5");
        queries.put("one month, a partner (any role)", "/api/v1/events?" + month + "&partner=" + partner);
        queries.put("one month, free with childcare for parents", "/api/v1/events?" + month + "&free=true&childcare=true&targetGroup=parents");
        queries.put("one month, age 45, step-free", "/api/v1/events?" + month + "&age=45&stepFree=true");
        queries.put("one month, text q=Vortrag", "/api/v1/events?" + month + "&q=Vortrag");
        queries.put("iCalendar feed of a neighbourhood (2 years)", "/api/v1/events/calendar.ics?neighbourhood=bench-q5&from="
                + enc("2027-01-01T00:00:00+01:00"));
        queries.put("iCalendar feed of a partner (2 years)", "/api/v1/events/calendar.ics?partner=" + partner + "&from="
                + enc("2027-01-01T00:00:00+01:00"));
        queries.put("co-production figures, city, one year", "/api/v1/events/coproduction?from=" + enc("2027-01-01T00:00:00+01:00")
                + "&to=" + enc("2028-01-01T00:00:00+01:00"));
        queries.put("one event", "/api/v1/events/" + uuid("event-4242"));

        // the whole city's feed (every series, ~20 MB) takes seconds: a few runs of it, not a hundred
        Map<String, String> large = new LinkedHashMap<>();
        large.put("iCalendar feed of the whole city (2 years)", "/api/v1/events/calendar.ics?from=" + enc("2027-01-01T00:00:00+01:00"));

        StringBuilder table = new StringBuilder("| query | p50 ms | p95 ms | p99 ms | max ms | answer KB |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        Map<String, String> all = new LinkedHashMap<>(queries);
        all.putAll(large);
        for (Map.Entry<String, String> query : all.entrySet()) {
            boolean few = large.containsKey(query.getKey());
            int queryRuns = few ? Math.min(runs, 5) : runs;
            for (int i = 0; i < (few ? Math.min(warmup, 1) : warmup); i++) {
                get(events, query.getValue());
            }
            long[] nanos = new long[queryRuns];
            int size = 0;
            for (int i = 0; i < queryRuns; i++) {
                long start = System.nanoTime();
                size = get(events, query.getValue()).body().length();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %d |%n", query.getKey(), ms(nanos, 0.50),
                    ms(nanos, 0.95), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6, size / 1024));
        }
        return "# Calendar benchmark\n\n"
                + "Measured " + OffsetDateTime.now(ZoneOffset.UTC).withNano(0) + " by `deploy/local/benchmark.sh calendar`.\n\n"
                + "- data: " + countEvents() + " shared events in 2027 (two thirds single, a third weekly series of 10–30"
                + " occurrences), " + PARTNERS + " partners, " + QUARTERS + " neighbourhoods; " + loaded + "\n"
                + "- event-service alone answering (the services' JVM settings, `LocalInfra.SERVICE_JVM_OPTIONS`: heap at most 160 MB), PostgreSQL 16 (zonky binaries, default settings); requests"
                + " straight to the service over loopback, one at a time, " + runs + " runs per query after " + warmup + " warm-up runs"
                + " (the whole city's feed: " + Math.min(runs, 5) + " after " + Math.min(warmup, 1) + ")\n"
                + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n\n"
                + table
                + "\nLatency is the client's wall clock for the whole HTTP exchange.\n";
    }

    private void loadPartners() throws Exception {
        put(partners, "/api/v1/neighbourhoods/" + uuid("area"), "{\"code\":\"bench-events\",\"name\":\"Eventstadt\",\"level\":\"city\"}");
        for (int i = 0; i < PARTNERS; i++) {
            put(partners, "/api/v1/partners/" + uuid("partner-" + i), "{\"name\":\"Veranstalter " + i
                    + "\",\"kind\":\"association\",\"neighbourhoods\":[\"bench-events\"]}");
        }
        // event-service learns them from the partner topic
        String probe = event(0, uuid("partner-" + (PARTNERS - 1)));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = send(events, "/api/v1/events/" + uuid("event-probe"), probe);
            if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("event-service did not learn the partners within 5 minutes");
    }

    private void loadEvents(int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                work.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        Random random = new Random(i);
                        put(events, "/api/v1/events/" + uuid("event-" + i), event(i, uuid("partner-" + random.nextInt(PARTNERS))));
                        if (done.incrementAndGet() % 5000 == 0) {
                            System.out.println("loaded " + done.get() + " events");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One generated event: deterministic, so a rerun overwrites instead of adding. */
    private static String event(int i, UUID host) {
        Random random = new Random(i * 31L + 7);
        LocalDateTime start = LocalDateTime.of(2027, 1, 1, 8 + random.nextInt(12), random.nextBoolean() ? 0 : 30)
                .plusDays(random.nextInt(365));
        String recurrence = i % 3 == 0
                ? ",\"recurrence\":{\"rule\":\"FREQ=WEEKLY;BYDAY=" + DAYS[start.getDayOfWeek().getValue() - 1] + ";COUNT="
                        + (10 + random.nextInt(21)) + "\"}"
                : "";
        String group = GROUPS[random.nextInt(GROUPS.length)];
        return String.format(Locale.ROOT, "{\"title\":\"%s %d\",\"category\":\"%s\",\"status\":\"confirmed\",\"start\":\"%s\",\"end\":\"%s\"%s,"
                        + "\"neighbourhood\":\"bench-q%d\",\"partners\":[{\"partnerId\":\"%s\",\"role\":\"host\"}],\"targetGroups\":[\"%s\"],"
                        + "\"ageMin\":%d,\"ageMax\":%d,\"cost\":{\"kind\":\"%s\"},\"childcare\":%s,\"accessibility\":%s,"
                        + "\"coProduction\":{\"coDelivery\":{\"citizens\":%d}}}",
                random.nextBoolean() ? "Vortrag" : "Treffen", i, CATEGORIES[random.nextInt(CATEGORIES.length)], start, start.plusHours(2),
                recurrence, random.nextInt(QUARTERS), host, group, random.nextInt(30), 30 + random.nextInt(60),
                random.nextInt(3) == 0 ? "pay_what_you_can" : "free", random.nextBoolean(),
                random.nextBoolean() ? "[\"step_free\"]" : "[]", random.nextInt(4));
    }

    private int countEvents() throws IOException, InterruptedException {
        HttpResponse<String> figures = get(events, "/api/v1/events/coproduction?from=" + enc("2026-12-01T00:00:00Z")
                + "&to=" + enc("2028-01-01T00:00:00Z"));
        Matcher events = Pattern.compile("\"events\":(\\d+)").matcher(figures.body());
        return events.find() ? Integer.parseInt(events.group(1)) : 0;
    }

    private void awaitOutboxEmpty(URI service) throws IOException, InterruptedException {
        Pattern unsent = Pattern.compile("\"unsent\":(\\d+)");
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher backlog = unsent.matcher(http.send(HttpRequest.newBuilder(service.resolve("/q/health/ready")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (!backlog.find() || backlog.group(1).equals("0")) {
                return;
            }
            System.out.println("waiting for the outbox: " + backlog.group(1) + " messages unsent");
            Thread.sleep(5_000);
        }
    }

    private void put(URI service, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = send(service, path, json);
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("PUT " + path + " refused (" + response.statusCode() + "): " + response.body());
        }
    }

    private HttpResponse<String> send(URI service, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", authorization).PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI service, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(("kiezwerk-calendar-benchmark-" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
