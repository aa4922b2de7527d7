package org.kiezwerk.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.infra.LocalInfra;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The network analyses at city scale: a generated city of 20,000 organisations in 48 quarters with
 * 100,000 ties (cooperation and co-production; most inside a quarter, some across the city) written
 * straight into a Neo4j of its own, then network-service's analyses timed — the first answer
 * (computed) and the repeated one (from the cache), city-wide and per quarter.
 *
 * <p>Then ego networks and introduction paths from many different actors, through the gateway, straight
 * to the service and as raw Cypher over Bolt, the three ways in turns (blocks of 25 requests), with percentiles.
 *
 * <p>Run with deploy/local/benchmark.sh network. Settings (system properties): organisations
 * (20000), ties (100000), runs (5 per question), localRuns (1000 per line of the second table: its p99 is the tenth-worst, not the second-worst of 200), warmUpRounds (20:
 * every question of the second table for every centre and pair, each way, before it is measured).
 */
public final class NetworkBenchmark {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int organisations = Integer.getInteger("organisations", 20_000);
        int ties = Integer.getInteger("ties", 100_000);
        int runs = Integer.getInteger("runs", 5);
        // a folder of its own: network-service would otherwise project the search benchmark's 20,000 partners
        // (their messages wait in the shared Kafka) into the generated city while it is measured
        try (BenchmarkSystem system = BenchmarkSystem.in("var/benchmark-network", Map.of("KIEZWERK_NEO4J_BOLT_PORT", "17787"))) {
            system.servers(LocalInfra.Server.POSTGRES, LocalInfra.Server.KAFKA, LocalInfra.Server.NEO4J, LocalInfra.Server.TRACES);
            String report;
            try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + system.infra().settings().boltPort(), AuthTokens.none())) {
                generate(driver, organisations, ties);
                // -Djfr=true: a flight recording of network-service (var/benchmark-network/network-service.jfr), to see where its time goes
                system.service(LocalInfra.Service.NETWORK, Boolean.getBoolean("jfr") ? Map.of("JAVA_TOOL_OPTIONS",
                                "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                                        + system.infra().settings().varDir().resolve("network-service.jfr")) : Map.of());
                NetworkBenchmark benchmark = new NetworkBenchmark();
                URI service = BenchmarkSystem.at(BenchmarkSystem.PORTS.network());
                // the first city-wide key actors the moment network-service says it is ready, before anything else starts
                long asked = System.nanoTime();
                benchmark.get(service, "/api/v1/analytics/key-actors?limit=20");
                benchmark.firstCityWide = (System.nanoTime() - asked) / 1e9;
                system.service(LocalInfra.Service.GATEWAY, BenchmarkSystem.UNLIMITED_GATEWAY);
                // -Dchanges=only: just the partner changes below (the city-wide key actors computed once before them)
                boolean changesOnly = "only".equals(System.getProperty("changes"));
                // -Dexports=only: just the city-wide exports (each format, then several callers at once)
                if ("only".equals(System.getProperty("analyses"))) {
                    // -Danalyses=only: just the first table (each analysis's first answer after the service is ready, then repeated)
                    report = benchmark.run(service, organisations, ties, runs);
                } else if ("only".equals(System.getProperty("health"))) {
                    report = benchmark.health(system, BenchmarkSystem.at(BenchmarkSystem.PORTS.gateway()), organisations, ties);
                } else if ("only".equals(System.getProperty("exports"))) {
                    report = benchmark.exports(system, BenchmarkSystem.at(BenchmarkSystem.PORTS.gateway()), organisations, ties);
                } else report = (changesOnly ? "# Network analyses at city scale: partner changes\n\nMeasured " + OffsetDateTime.now().withNano(0)
                        + " by `deploy/local/benchmark.sh network` with `-Dchanges=only`, " + organisations + " organisations and " + ties + " ties.\n" : benchmark.run(service, organisations, ties, runs)
                        + benchmark.local(service, BenchmarkSystem.at(BenchmarkSystem.PORTS.gateway()), driver,
                                Integer.getInteger("localRuns", 1000), organisations))
                        + ("false".equals(System.getProperty("changes")) ? "" : benchmark.partnerChanges(service, system, driver));
            }
            system.report("network-benchmark.md", report);
        }
    }

    private static final String CREATE_ORGANISATIONS = """
            UNWIND $rows AS row
            MATCH (n:Neighbourhood {code: row.quarter})
            CREATE (o:Organisation {id: row.id, name: row.name, kind: row.kind, areas: row.areas, version: 0,
                                    targetGroups: row.groups, resourcesOffered: row.offered, resourcesNeeded: row.needed})
            CREATE (o)-[:LOCATED_IN]->(n)
            """;

    static String quarter(int i) {
        return "bq-" + (i % 8) + "-" + (i / 8);
    }

    /** Writes the city once (a second run finds it and keeps it). */
    static void generate(Driver driver, int organisations, int ties) {
        try (var session = driver.session()) {
            long existing = session.run("MATCH (o:Organisation) RETURN count(o) AS n").single().get("n").asLong();
            long existingTies = session.run("MATCH ()-[c:COOPERATES|CO_PRODUCES]->() RETURN count(c) AS n").single().get("n").asLong();
            long located = session.run("MATCH (:Organisation)-[l:LOCATED_IN]->() RETURN count(l) AS n").single().get("n").asLong();
            if (existing == organisations && existingTies == ties && located == organisations) {
                System.out.println("the city is there already: " + existing + " organisations, " + existingTies + " ties");
                return;
            }
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume();
            session.run("CREATE CONSTRAINT organisation_id_unique IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE").consume();
            Random random = new Random(2026);
            String[] kinds = {"association", "initiative", "parish", "day_care_centre", "school", "community_centre"};
            String[] groups = {"children", "young_people", "adults", "seniors", "parents", "families", "migrants", "women"};
            String[] resources = {"room", "equipment", "expertise", "volunteers", "audience", "funding"};
            session.run("""
                    MERGE (c:Neighbourhood {code: 'benchstadt'}) SET c.name = 'Benchstadt', c.level = 'city'
                    WITH c UNWIND range(0, 7) AS d
                    MERGE (district:Neighbourhood {code: 'bd-' + d}) SET district.name = 'Bezirk ' + d, district.level = 'district'
                    MERGE (district)-[:PART_OF]->(c)
                    WITH district, d UNWIND range(0, 5) AS q
                    MERGE (quarter:Neighbourhood {code: 'bq-' + d + '-' + q}) SET quarter.name = 'Quartier ' + d + '-' + q,
                          quarter.level = 'quarter'
                    MERGE (quarter)-[:PART_OF]->(district)
                    """).consume();
            List<String> ids = new ArrayList<>();
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < organisations; i++) {
                String id = new UUID(2026L, i).toString();
                ids.add(id);
                int q = i % 48;
                batch.add(Map.of("id", id, "name", "Organisation " + i, "kind", kinds[random.nextInt(kinds.length)],
                        "areas", List.of(quarter(q), "bd-" + (q % 8), "benchstadt"), "quarter", quarter(q),
                        "groups", List.of(groups[random.nextInt(groups.length)], groups[random.nextInt(groups.length)]).stream().distinct().toList(),
                        "offered", List.of(resources[random.nextInt(resources.length)]),
                        "needed", random.nextBoolean() ? List.of(resources[random.nextInt(resources.length)]) : List.of()));
                if (batch.size() == 5000) {
                    session.run(CREATE_ORGANISATIONS, Map.of("rows", batch)).consume();
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                session.run(CREATE_ORGANISATIONS, Map.of("rows", batch)).consume();
                batch.clear();
            }
            Set<String> pairs = new HashSet<>();
            int written = 0;
            while (written < ties) {
                int a = random.nextInt(organisations);
                // most ties stay in the quarter (organisation numbers with the same remainder), some cross the city
                int b = random.nextDouble() < 0.8 ? (a % 48) + 48 * random.nextInt(organisations / 48) : random.nextInt(organisations);
                if (a == b || !pairs.add(Math.min(a, b) + ":" + Math.max(a, b))) {
                    continue;
                }
                Map<String, Object> tie = new HashMap<>();
                tie.put("a", ids.get(a));
                tie.put("b", ids.get(b));
                tie.put("cooperation", random.nextDouble() < 0.6);
                tie.put("strength", 1 + random.nextInt(5));
                tie.put("confirmed", random.nextBoolean());
                tie.put("weight", 0.25 + random.nextDouble() * 2);
                tie.put("tie", UUID.randomUUID().toString());
                batch.add(tie);
                written++;
                if (batch.size() == 5000 || written == ties) {
                    session.run("""
                            UNWIND $rows AS row
                            MATCH (a:Organisation {id: row.a}), (b:Organisation {id: row.b})
                            FOREACH (_ IN CASE WHEN row.cooperation THEN [1] ELSE [] END |
                              CREATE (a)-[:COOPERATES {id: row.tie, kind: 'partnership', strength: row.strength,
                                      confirmed: row.confirmed, version: 0, assertedBy: row.a}]->(b))
                            FOREACH (_ IN CASE WHEN row.cooperation THEN [] ELSE [1] END |
                              CREATE (a)-[:CO_PRODUCES {events: 1, weight: row.weight}]->(b))
                            """, Map.of("rows", batch)).consume();
                    batch.clear();
                }
            }
            System.out.println("generated " + organisations + " organisations and " + ties + " ties");
        }
    }

    /** Seconds the first city-wide key actors took, asked as soon as network-service was ready (null: not asked so). */
    Double firstCityWide;

    String run(URI service, int organisations, int ties, int runs) throws Exception {
        String someone = new UUID(2026L, 4711).toString();
        String other = new UUID(2026L, 12_345).toString();
        List<String[]> questions = List.of(
                new String[] {"key actors, city-wide", "/api/v1/analytics/key-actors?limit=20"},
                new String[] {"communities, city-wide", "/api/v1/analytics/communities"},
                new String[] {"key actors, one quarter", "/api/v1/analytics/key-actors?neighbourhood=" + quarter(7) + "&limit=20"},
                new String[] {"key actors, one district", "/api/v1/analytics/key-actors?neighbourhood=bd-3&limit=20"},
                new String[] {"partner suggestions", "/api/v1/analytics/partner-suggestions?for=" + someone},
                new String[] {"introduction paths (k=3)", "/api/v1/network/paths?from=" + someone + "&to=" + other + "&k=3"},
                new String[] {"ego network, depth 2", "/api/v1/network/actors/" + someone + "/network?depth=2"},
                new String[] {"export GraphML, one quarter", "/api/v1/network/export?format=graphml&neighbourhood=" + quarter(7)});
        StringBuilder report = new StringBuilder("# Network analyses at city scale\n\n");
        report.append("Measured ").append(OffsetDateTime.now().withNano(0)).append(" on this machine (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores), `deploy/local/benchmark.sh network`: ")
                .append(organisations).append(" organisations in 48 quarters and ").append(ties)
                .append(" ties (60 % cooperation, 40 % co-production; 80 % inside a quarter), network-service against its own")
                .append(" Neo4j. \"First\" is the first answer after the service started (computed; city-wide, network-service starts")
                .append(" computing the anonymous readers' analysis as soon as its in-memory copy of the city is read, and the")
                .append(" first question joins that computation; the city-wide key actors are asked the moment the service reports")
                .append(" itself ready, before the gateway starts, the others after it);")
                .append(" \"repeated\" the median of ").append(runs).append(" more (from the cache where the analysis has one).\n\n")
                .append("| question | first s | repeated s (median) | answer |\n|---|---:|---:|---|\n");
        for (String[] question : questions) {
            long start = System.nanoTime();
            HttpResponse<String> first = get(service, question[1]);
            double firstSeconds = (System.nanoTime() - start) / 1e9;
            if (question[0].equals("key actors, city-wide") && firstCityWide != null) {
                firstSeconds = firstCityWide; // asked at once when the service was ready (main)
            }
            List<Double> repeated = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long again = System.nanoTime();
                get(service, question[1]);
                repeated.add((System.nanoTime() - again) / 1e9);
            }
            repeated.sort(Double::compare);
            if (question[0].equals("key actors, city-wide")) {
                BenchmarkSummary.figure("keyactors.first.ms", firstSeconds * 1000);
                BenchmarkSummary.figure("keyactors.repeat.ms", repeated.get(repeated.size() / 2) * 1000);
            }
            report.append("| ").append(question[0]).append(" | ").append(format(firstSeconds)).append(" | ")
                    .append(format(repeated.get(repeated.size() / 2))).append(" | ").append(summary(first.body())).append(" |\n");
        }
        return report.toString();
    }

    /**
     * What one partner message costs the network once the city is analysed: three edits (the most central
     * organisation renamed) and three registrations, each sent to the partner topic as partner-service announces
     * them, one at a time. For each: how long until the city-wide key actors show it (asked every 20 ms), the CPU
     * network-service and Neo4j spent in the window that follows (beyond their idle CPU over as long, measured
     * first), and whether the city was read whole (network-service's log). The registrations are deleted again at
     * the end, so that the next run finds the generated city as it was.
     */
    String partnerChanges(URI service, BenchmarkSystem system, Driver driver) throws Exception {
        int window = Integer.getInteger("changeWindowSeconds", 12);
        String keyActors = "/api/v1/analytics/key-actors?limit=20";
        get(service, keyActors); // computed (or joined) once: the changes below start from a warm analysis
        Thread.sleep(Integer.getInteger("changeSettleSeconds", 30) * 1000L); // after its start and the analysis the service settles (JIT, collections)
        java.nio.file.Path log = system.infra().settings().varDir().resolve("logs/network-service.log");
        Map<String, Long> idleStart = cpuMillis(system);
        Thread.sleep(window * 1000L);
        Map<String, Long> idle = minus(cpuMillis(system), idleStart);
        StringBuilder table = new StringBuilder("\n## One partner changed: edits and registrations\n\n")
                .append("Each change is one partner message on `kiezwerk.partners.v1`, as partner-service sends it, one at a time;")
                .append(" \"shown after\" is the time until `GET ").append(keyActors)
                .append("` (asked every 20 ms, straight to the service) shows it: the new name of the most central organisation,")
                .append(" or one organisation more. CPU is network-service's and Neo4j's over the ").append(window)
                .append(" s from sending, less what each spent idle over ").append(window).append(" s measured just before (")
                .append(idle.get("network-service")).append(" and ").append(idle.get("neo4j")).append(" ms). \"City read whole\" counts")
                .append(" network-service's log lines saying it read its copy of the city again.\n\n")
                .append("| change | shown after ms | network-service CPU ms | Neo4j CPU ms | city read whole |\n|---|---:|---:|---:|---:|\n");
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", "127.0.0.1:" + system.infra().settings().kafkaPort());
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        List<String> registered = new ArrayList<>();
        // the edits' messages carry no areas: they are put back at the end, with the quarter, for the next run's area questions
        String central = field(get(service, keyActors).body(), "id");
        org.neo4j.driver.Record place;
        try (var session = driver.session()) {
            place = session.run("MATCH (o:Organisation {id: $id}) OPTIONAL MATCH (o)-[:LOCATED_IN]->(q) RETURN o.areas AS areas, q.code AS quarter",
                    Map.of("id", central)).single();
        }
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props)) {
            for (int i = 0; i < 6; i++) {
                boolean edit = i < 3;
                String before = get(service, keyActors).body();
                String id;
                long version;
                String name;
                if (edit) {
                    id = field(before, "id"); // the first actor: the most central organisation
                    try (var session = driver.session()) {
                        version = session.run("MATCH (o:Organisation {id: $id}) RETURN o.version AS v", Map.of("id", id)).single().get("v").asLong() + 1;
                    }
                    name = "Renamed organisation " + version;
                } else {
                    id = UUID.randomUUID().toString();
                    registered.add(id);
                    version = 0;
                    name = "New organisation " + i;
                }
                long organisations = Long.parseLong(field(before, "organisations"));
                String kind = field(before, "kind");
                String value = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"" + (kind == null ? "association" : kind)
                        + "\",\"neighbourhood\":\"" + quarter(7) + "\",\"version\":" + version + "}";
                long wholeBefore = wholeReads(log);
                Map<String, Long> start = cpuMillis(system);
                long sent = System.nanoTime();
                var record = new org.apache.kafka.clients.producer.ProducerRecord<String, String>("kiezwerk.partners.v1", id, value);
                record.headers().add("ce_type", (edit ? "org.kiezwerk.partner.updated.v1" : "org.kiezwerk.partner.registered.v1")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                producer.send(record).get();
                double shown = Double.NaN;
                while (System.nanoTime() - sent < 60_000_000_000L) {
                    String now = get(service, keyActors).body();
                    if (edit ? now.contains("\"" + name + "\"") : Long.parseLong(field(now, "organisations")) == organisations + 1) {
                        shown = (System.nanoTime() - sent) / 1e6;
                        break;
                    }
                    Thread.sleep(20);
                }
                long rest = window * 1000L - (System.nanoTime() - sent) / 1_000_000;
                if (rest > 0) {
                    Thread.sleep(rest);
                }
                Map<String, Long> used = minus(cpuMillis(system), start);
                table.append(String.format(java.util.Locale.ROOT, "| %s | %.0f | %d | %d | %d |%n",
                        edit ? "edit: the most central organisation renamed (version " + version + ")" : "registration: a new organisation",
                        shown, used.get("network-service") - idle.get("network-service"), used.get("neo4j") - idle.get("neo4j"),
                        wholeReads(log) - wholeBefore));
            }
            table.append(stream(service, system, producer, registered, idle, window, log));
        } finally {
            try (var session = driver.session()) {
                session.run("MATCH (o:Organisation) WHERE o.id IN $ids DETACH DELETE o", Map.of("ids", registered)).consume();
                if (!place.get("quarter").isNull()) {
                    session.run("""
                            MATCH (o:Organisation {id: $id}), (q:Neighbourhood {code: $quarter})
                            SET o.areas = $areas MERGE (o)-[:LOCATED_IN]->(q)
                            """, Map.of("id", central, "quarter", place.get("quarter").asString(), "areas", place.get("areas").asList())).consume();
                }
            }
        }
        return table.toString();
    }

    /**
     * A stream of registrations (an import, say), {@code -DstreamRate} a second for {@code -DstreamSeconds}: how often
     * network-service computed the city-wide analysis meanwhile (its {@code kiezwerk_analysis_computed_total}), the CPU it
     * and Neo4j spent from the first registration until the key actors, asked right after the last one, show them all
     * (less their idle CPU over as long), and how long that first question took.
     */
    private String stream(URI service, BenchmarkSystem system, org.apache.kafka.clients.producer.KafkaProducer<String, String> producer,
            List<String> registered, Map<String, Long> idle, int window, java.nio.file.Path log) throws Exception {
        int seconds = Integer.getInteger("streamSeconds", 60);
        double rate = Double.parseDouble(System.getProperty("streamRate", "1"));
        if (seconds <= 0) {
            return "";
        }
        String keyActors = "/api/v1/analytics/key-actors?limit=20";
        long organisations = Long.parseLong(field(get(service, keyActors).body(), "organisations"));
        long computedBefore = computed(service);
        long wholeBefore = wholeReads(log);
        Map<String, Long> start = cpuMillis(system);
        long began = System.nanoTime();
        int count = (int) Math.round(seconds * rate);
        for (int i = 0; i < count; i++) {
            long due = began + (long) (i * 1e9 / rate);
            long wait = (due - System.nanoTime()) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            String id = UUID.randomUUID().toString();
            registered.add(id);
            var record = new org.apache.kafka.clients.producer.ProducerRecord<String, String>("kiezwerk.partners.v1", id,
                    "{\"id\":\"" + id + "\",\"name\":\"Imported organisation " + i + "\",\"kind\":\"association\",\"neighbourhood\":\""
                            + quarter(7) + "\",\"version\":0}");
            record.headers().add("ce_type", "org.kiezwerk.partner.registered.v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        long computedInStream = computed(service) - computedBefore;
        long asked = System.nanoTime();
        double answered = Double.NaN;
        while (System.nanoTime() - asked < 120_000_000_000L) {
            if (Long.parseLong(field(get(service, keyActors).body(), "organisations")) == organisations + count) {
                answered = (System.nanoTime() - asked) / 1e9;
                break;
            }
            Thread.sleep(20);
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        Map<String, Long> used = minus(cpuMillis(system), start);
        return String.format(java.util.Locale.ROOT, """

                ## A stream of registrations

                %d registrations, %.1f a second for %d s, sent to `kiezwerk.partners.v1` as partner-service sends them; then the
                city-wide key actors asked until they count every one. CPU from the first registration until that answer (%.1f s),
                less each process's idle CPU over as long (from the %d s measured before the changes).

                | analyses computed during the stream | then, the first key actors with all of them | network-service CPU s | Neo4j CPU s | city read whole |
                |---:|---:|---:|---:|---:|
                | %d | %.2f s | %.1f | %.1f | %d |
                """, count, rate, seconds, elapsed, window, computedInStream, answered,
                (used.get("network-service") - idle.get("network-service") * elapsed / window) / 1000.0,
                (used.get("neo4j") - idle.get("neo4j") * elapsed / window) / 1000.0, wholeReads(log) - wholeBefore);
    }

    /** How often network-service has computed its analyses in full so far (its metric). */
    private long computed(URI service) throws Exception {
        for (String line : get(service, "/q/metrics").body().split("\n")) {
            if (line.startsWith("kiezwerk_analysis_computed_total")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("network-service gives no kiezwerk_analysis_computed_total");
    }

    /** CPU so far of the processes the benchmark started (each with its children), by name, in ms. */
    private static Map<String, Long> cpuMillis(BenchmarkSystem system) {
        Map<String, Long> cpu = new HashMap<>();
        for (var process : system.started()) {
            long total = process.running().map(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants())
                    .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum()).orElse(0L);
            cpu.put(process.name(), total);
        }
        return cpu;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> used = new HashMap<>();
        after.forEach((name, ms) -> used.put(name, ms - before.getOrDefault(name, 0L)));
        return used;
    }

    /** network-service's log lines so far that say it read the city whole. */
    private static long wholeReads(java.nio.file.Path log) throws java.io.IOException {
        try (var lines = java.nio.file.Files.lines(log)) {
            return lines.filter(l -> l.contains("city graph read whole")).count();
        }
    }

    /** Ego networks and introduction paths from different actors, through the gateway, straight to the service and in raw Cypher. */
    String local(URI service, URI gateway, Driver driver, int runs, int organisations) throws Exception {
        int variety = 25;
        Random random = new Random(7);
        List<String> centres = new ArrayList<>();
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < variety; i++) {
            centres.add(new UUID(2026L, random.nextInt(organisations)).toString());
            pairs.add(new String[] {new UUID(2026L, random.nextInt(organisations)).toString(),
                    new UUID(2026L, random.nextInt(organisations)).toString()});
        }
        // Warm-up: every question, every centre and pair, each way, in rounds. A gateway just started compiles its
        // request path while it is measured otherwise: with 25 warm-up requests per line, the first lines through the
        // gateway took 5-7 ms more than straight to the service, the last (paths) 2.6 ms; warm, 0.5-2 ms at the median
        int warmUpRounds = Integer.getInteger("warmUpRounds", 20);
        for (int round = 0; round < warmUpRounds; round++) {
            for (int i = 0; i < variety; i++) {
                for (int depth : new int[] {1, 2, 3}) {
                    String ego = "/api/v1/network/actors/" + centres.get(i) + "/network?depth=" + depth;
                    get(gateway, ego);
                    get(service, ego);
                    try (var session = driver.session()) {
                        session.run(EGO_CYPHER.replace("$depth", Integer.toString(depth)), Map.of("id", centres.get(i))).consume();
                    }
                }
                String paths = "/api/v1/network/paths?from=" + pairs.get(i)[0] + "&to=" + pairs.get(i)[1] + "&k=3";
                get(gateway, paths);
                get(service, paths);
                try (var session = driver.session()) {
                    session.run(PATHS_CYPHER, Map.of("from", pairs.get(i)[0], "to", pairs.get(i)[1])).consume();
                }
            }
        }
        StringBuilder table = new StringBuilder("\n## Ego networks and introduction paths: gateway, service, raw Cypher\n\n")
                .append(runs).append(" requests per line, one at a time, cycling through ").append(variety)
                .append(" different centres (ego network) or pairs (paths) drawn at random from the whole city, after ")
                .append(warmUpRounds).append(" warm-up rounds (every question for every centre and pair, each way: ")
                .append(warmUpRounds * variety * 4).append(" requests through the gateway, as many to the service and in raw Cypher)")
                .append(" and ").append(variety).append(" more warm-up requests each way per question. The three ways of a question")
                .append(" take turns in blocks of ").append(variety).append(" requests (one round of the centres or pairs), the order of")
                .append(" the ways rotating, so that what else the machine does at a moment falls on all three alike; each block")
                .append(" starts with one request that is not counted (it would pay for the way asked before it). Raw Cypher runs")
                .append(" over Bolt from the benchmark's JVM (the query in the note below).\n\n")
                .append("| question | via | p50 ms | p99 ms | max ms | answer (median) |\n|---|---|---:|---:|---:|---|\n");
        for (int depth : new int[] {1, 2, 3}) {
            String name = "ego network, depth " + depth;
            java.util.function.IntFunction<String> path = i -> "/api/v1/network/actors/" + centres.get(i % variety) + "/network?depth=" + depth;
            table.append(inTurns(name, runs, variety, "ties",
                    new Way("gateway", i -> size(get(gateway, path.apply(i)).body(), "\"source\"")),
                    new Way("service", i -> size(get(service, path.apply(i)).body(), "\"source\"")),
                    new Way("raw Cypher", i -> {
                        try (var session = driver.session()) {
                            return session.run(EGO_CYPHER.replace("$depth", Integer.toString(depth)), Map.of("id", centres.get(i % variety)))
                                    .list().size();
                        }
                    })));
        }
        String name = "introduction paths (k=3)";
        java.util.function.IntFunction<String> path = i -> "/api/v1/network/paths?from=" + pairs.get(i % variety)[0] + "&to="
                + pairs.get(i % variety)[1] + "&k=3";
        table.append(inTurns(name, runs, variety, "paths",
                new Way("gateway", i -> size(get(gateway, path.apply(i)).body(), "\"hops\"")),
                new Way("service", i -> size(get(service, path.apply(i)).body(), "\"hops\"")),
                new Way("raw Cypher (SHORTEST 3 by hops)", i -> {
                    try (var session = driver.session()) {
                        return session.run(PATHS_CYPHER, Map.of("from", pairs.get(i % variety)[0], "to", pairs.get(i % variety)[1])).list().size();
                    }
                })));
        // for the load benchmark: the worst depth's ratio, and the paths' (raw Cypher answers by hops, the API by strength)
        double ego = 0;
        for (int depth : new int[] {1, 2, 3}) {
            String q = "ego network, depth " + depth;
            ego = Math.max(ego, P99_MS.get(q + "|gateway") / P99_MS.get(q + "|raw Cypher"));
        }
        BenchmarkSummary.figure("ego.p99.ratio", ego);
        BenchmarkSummary.figure("paths.p99.ratio", P99_MS.get(name + "|gateway") / P99_MS.get(name + "|raw Cypher (SHORTEST 3 by hops)"));
        return table.append("\nEgo network in raw Cypher (depth 2):\n\n```cypher\n").append(EGO_CYPHER.replace("$depth", "2"))
                .append("```\n\nPaths in raw Cypher:\n\n```cypher\n").append(PATHS_CYPHER).append("```\n").toString();
    }

    /** The ego network's question in one statement: everyone within depth ties, and the combined ties among them. */
    static final String EGO_CYPHER = """
            MATCH (o:Organisation {id: $id})-[:CO_PRODUCES|COOPERATES*1..$depth]-(other:Organisation)
            WHERE other.version >= 0
            WITH o, collect(DISTINCT other) AS others
            WITH others + o AS members
            UNWIND members AS a
            MATCH (a)-[c:CO_PRODUCES|COOPERATES]-(b:Organisation)
            WHERE a.id < b.id AND b IN members AND (type(c) = 'CO_PRODUCES' OR c.until IS NULL OR c.until >= date())
            RETURN a.id AS a, b.id AS b, sum(CASE type(c) WHEN 'CO_PRODUCES' THEN c.weight
                     ELSE c.strength / 5.0 * CASE WHEN c.confirmed THEN 1.0 ELSE 0.5 END END) AS strength
            """;

    /** The closest plain Cypher has to introduction paths: the three shortest chains by number of steps (no weights). */
    static final String PATHS_CYPHER = """
            MATCH p = SHORTEST 3 (a:Organisation {id: $from})-[:COOPERATES|CO_PRODUCES|AFFILIATED|KNOWS]-{1,6}(b:Organisation {id: $to})
            RETURN [n IN nodes(p) | n.id] AS chain, length(p) AS hops
            """;

    private interface Call {
        int answer(int i) throws Exception;
    }

    /** Each line's p99 (question|via → ms), for the summary's ratios. */
    private static final Map<String, Double> P99_MS = new java.util.LinkedHashMap<>();

    /** One way of asking a question: through the gateway, straight to the service, or in raw Cypher. */
    private record Way(String via, Call call) {
    }

    /**
     * A question asked every way in turns, in blocks: one round of the centres (or pairs) one way, then the next way,
     * the order of the ways rotating from block to block, until each way has its runs. Measured one way after the
     * other instead (1,000 requests each), raw Cypher's p99 moved between 2.1 and 7.1 ms in twelve runs of the same
     * code, and the ratios with it: a busy moment fell on one way only. Taking turns request by request instead made
     * each way pay for the one asked just before it (raw Cypher right after the service's depth-3 answer was over
     * 25 ms 99 times in 1,000, right after the gateway's never), so each block starts with one request that is not
     * counted. Kept in docs/benchmarks/network-runs/2026-12-07-round9-runs.md.
     */
    private static String inTurns(String question, int runs, int variety, String unit, Way... ways) throws Exception {
        for (int i = 0; i < variety; i++) {
            for (Way way : ways) {
                way.call().answer(i);
            }
        }
        long[][] nanos = new long[ways.length][runs];
        int[][] sizes = new int[ways.length][runs];
        int blocks = (runs + variety - 1) / variety;
        for (int block = 0; block < blocks; block++) {
            for (int turn = 0; turn < ways.length; turn++) {
                int w = (block + turn) % ways.length;
                Way way = ways[w];
                way.call().answer(block * variety + variety - 1); // not counted: it pays for the way before
                for (int j = 0; j < variety && block * variety + j < runs; j++) {
                    int i = block * variety + j;
                    long start = System.nanoTime();
                    sizes[w][i] = way.call().answer(i);
                    nanos[w][i] = System.nanoTime() - start;
                }
            }
        }
        StringBuilder lines = new StringBuilder();
        for (int w = 0; w < ways.length; w++) {
            java.util.Arrays.sort(nanos[w]);
            java.util.Arrays.sort(sizes[w]);
            double p99 = nanos[w][Math.min(runs - 1, (int) Math.ceil(0.99 * runs) - 1)] / 1e6;
            P99_MS.put(question + "|" + ways[w].via(), p99);
            lines.append(String.format(java.util.Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %d %s |%n", question, ways[w].via(),
                    nanos[w][runs / 2] / 1e6, p99, nanos[w][runs - 1] / 1e6, sizes[w][runs / 2], unit));
        }
        return lines.toString();
    }

    private static int size(String body, String part) {
        int count = 0;
        for (int at = body.indexOf(part); at >= 0; at = body.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static String summary(String body) {
        String method = field(body, "betweennessMethod");
        String size = field(body, "organisations");
        StringBuilder text = new StringBuilder(body.length() / 1024 + " KB");
        if (size != null) {
            text.append(", ").append(size).append(" organisations");
        }
        if (method != null) {
            text.append(", betweenness ").append(method);
        }
        return text.toString().replace("|", "/");
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        if (at < 0) {
            return null;
        }
        int from = at + name.length() + 3;
        int to = json.charAt(from) == '"' ? json.indexOf('"', from + 1) + 1 : json.indexOf(',', from);
        return json.substring(from, to).replace("\"", "");
    }

    /**
     * The whole city as an analyst downloads it: each format once through the gateway (status, size, time to the first
     * byte and to the last), then {@code -DexportCallers} callers asking for the GraphML at once; then whether
     * network-service still answers, and its resident memory. The body is read and counted, not kept.
     */
    String exports(BenchmarkSystem system, URI gateway, int organisations, int ties) throws Exception {
        StringBuilder report = new StringBuilder("# City-wide network exports\n\nMeasured ").append(OffsetDateTime.now().withNano(0))
                .append(" by `deploy/local/benchmark.sh network` with `-Dexports=only`: ").append(organisations)
                .append(" organisations and ").append(ties).append(" ties, `GET /api/v1/network/export` through the gateway (rate limit")
                .append(" lifted), network-service with its usual heap (`-Xmx160m`).\n\n")
                .append("| format | status | MB | first byte s | whole s | network-service RSS after (MB) |\n|---|---:|---:|---:|---:|---:|\n");
        for (String format : List.of("graphml", "gexf", "cytoscape", "csv")) {
            long[] got = download(gateway, "/api/v1/network/export?format=" + format);
            report.append("| ").append(format).append(" | ").append(got[0]).append(" | ").append(String.format("%.1f", got[1] / 1e6))
                    .append(" | ").append(format(got[2] / 1e9)).append(" | ").append(format(got[3] / 1e9)).append(" | ")
                    .append(residentMb(system, "network-service")).append(" |\n");
        }
        // three ties out from the city's most central organisation: much of the city, as an ego network
        String hub = field(get(gateway, "/api/v1/analytics/key-actors?limit=1").body(), "id");
        long[] ego = download(gateway, "/api/v1/network/actors/" + hub + "/network?depth=3");
        report.append("| ego network, depth 3, of the most central organisation | ").append(ego[0]).append(" | ")
                .append(String.format("%.1f", ego[1] / 1e6)).append(" | ").append(format(ego[2] / 1e9)).append(" | ")
                .append(format(ego[3] / 1e9)).append(" | ").append(residentMb(system, "network-service")).append(" |\n");
        int callers = Integer.getInteger("exportCallers", 6);
        List<java.util.concurrent.Future<long[]>> running = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        long start = System.nanoTime();
        for (int i = 0; i < callers; i++) {
            running.add(pool.submit(() -> download(gateway, "/api/v1/network/export?format=graphml")));
        }
        Map<Long, Integer> statuses = new java.util.TreeMap<>();
        long complete = 0;
        for (java.util.concurrent.Future<long[]> one : running) {
            long[] got = one.get();
            statuses.merge(got[0], 1, Integer::sum);
            complete += got[0] == 200 && got[1] > 0 ? 1 : 0;
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/analytics/health")).timeout(Duration.ofMinutes(1))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        report.append("\n").append(callers).append(" callers at once (GraphML): statuses ").append(statuses).append(", ").append(complete)
                .append(" complete answers, ").append(format(seconds)).append(" s for all. Then `GET /api/v1/analytics/health`: ")
                .append(after.statusCode()).append(". network-service resident memory now / peak: ")
                .append(residentMb(system, "network-service")).append(" MB.\n");
        return report.toString();
    }

    /**
     * The city's network health ({@code GET /api/v1/analytics/health}, anonymous, the directory's figures) through the
     * gateway: the first answer, the median of 5 more, then {@code -DhealthCallers} callers at once, and network-service's
     * CPU and resident memory meanwhile.
     */
    String health(BenchmarkSystem system, URI gateway, int organisations, int ties) throws Exception {
        String path = "/api/v1/analytics/health";
        StringBuilder report = new StringBuilder("# City-wide network health\n\nMeasured ").append(OffsetDateTime.now().withNano(0))
                .append(" by `deploy/local/benchmark.sh network` with `-Dhealth=only`: ").append(organisations)
                .append(" organisations and ").append(ties).append(" ties, `GET ").append(path)
                .append("` through the gateway (rate limit lifted), network-service with its usual heap (`-Xmx160m`).\n\n");
        Map<String, Long> cpuStart = cpuMillis(system);
        long[] first = download(gateway, path);
        List<Double> repeated = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            repeated.add(download(gateway, path)[3] / 1e9);
        }
        repeated.sort(Double::compare);
        Map<String, Long> cpu = minus(cpuMillis(system), cpuStart);
        report.append("| | status | seconds |\n|---|---:|---:|\n| first | ").append(first[0]).append(" | ").append(format(first[3] / 1e9))
                .append(" |\n| repeated (median of 5) | | ").append(format(repeated.get(2))).append(" |\n\n")
                .append("CPU for these 6: network-service ").append(cpu.get("network-service")).append(" ms, Neo4j ")
                .append(cpu.get("neo4j")).append(" ms.\n\n");
        int callers = Integer.getInteger("healthCallers", 6);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        List<java.util.concurrent.Future<long[]>> running = new ArrayList<>();
        long start = System.nanoTime();
        cpuStart = cpuMillis(system);
        for (int i = 0; i < callers; i++) {
            running.add(pool.submit(() -> download(gateway, path)));
        }
        Map<Long, Integer> statuses = new java.util.TreeMap<>();
        for (java.util.concurrent.Future<long[]> one : running) {
            statuses.merge(one.get()[0], 1, Integer::sum);
        }
        pool.shutdown();
        cpu = minus(cpuMillis(system), cpuStart);
        report.append(callers).append(" callers at once: statuses ").append(statuses).append(", ")
                .append(format((System.nanoTime() - start) / 1e9)).append(" s for all; CPU network-service ")
                .append(cpu.get("network-service")).append(" ms, Neo4j ").append(cpu.get("neo4j"))
                .append(" ms. network-service resident memory now / peak: ").append(residentMb(system, "network-service")).append(" MB.\n");
        return report.toString();
    }

    /** {status, bytes, nanoseconds to the first byte, nanoseconds to the last}; status -1 when the connection broke. */
    private long[] download(URI base, String path) {
        long start = System.nanoTime();
        try {
            HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            long first = 0;
            byte[] buffer = new byte[64 * 1024];
            try (java.io.InputStream body = response.body()) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    if (bytes == 0 && n > 0) {
                        first = System.nanoTime() - start;
                    }
                    bytes += n;
                }
            }
            return new long[] {response.statusCode(), bytes, first, System.nanoTime() - start};
        } catch (Exception broken) {
            System.err.println(path + ": " + broken);
            return new long[] {-1, 0, 0, System.nanoTime() - start};
        }
    }

    private static String residentMb(BenchmarkSystem system, String process) {
        return system.resident(process).map(mb -> mb[0] + " / " + mb[1]).orElse("gone");
    }

    private HttpResponse<String> get(URI service, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static String format(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.2f", seconds);
    }
}
