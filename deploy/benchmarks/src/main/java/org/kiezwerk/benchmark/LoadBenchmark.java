package org.kiezwerk.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The whole local system under load in one command ({@code deploy/local/benchmark.sh load}): the
 * benchmarks of issue 14 one after the other, each in its own JVM with bounded sizes and durations,
 * then one report, {@code load-benchmark.md}, that puts their figures (from their summaries, see
 * {@link BenchmarkSummary}) against the goals — met or not is computed here, never written by hand —,
 * with every process's resident memory before and after each load and links to the section reports.
 * <p>
 * {@code -Dquick=true}: small sizes, for trying the command out (minutes, not the full figures);
 * {@code -Dpieces=gateway,search}: only those; {@code -Dpublish=true}: copy the reports to docs/benchmarks/.
 */
public final class LoadBenchmark {

    /** One benchmark run: its name (also its summary's and its copied report's), class, report file and options. */
    record Piece(String name, String mainClass, String report, List<String> options) {
    }

    /** One goal of the issue: the run and figure it is read from, and the bound the figure must keep. */
    record Goal(String goal, String piece, String key, String comparison, double bound) {

        Optional<Boolean> met(Map<String, Map<String, String>> summaries) {
            return BenchmarkSummary.number(summaries.getOrDefault(piece, Map.of()), key)
                    .map(value -> comparison.equals("≤") ? value <= bound : value >= bound);
        }
    }

    static final int SERVICE_RSS_LIMIT_MB = 300;
    static final List<String> SERVICES = List.of("partner-service", "event-service", "network-service", "gateway");

    /** The goals of issue 14 as the benchmarks report them; a figure a benchmark does not write shows as "not reported". */
    static final List<Goal> GOALS = List.of(
            new Goal("1 gateway: read by id through the gateway / direct at c32", "gateway", "read.ratio.c32", "≥", 0.85),
            new Goal("1 gateway: search through the gateway / direct at c32", "gateway", "search.ratio.c32", "≥", 0.85),
            new Goal("1 gateway: added p50 at c1 (ms)", "gateway", "added.p50.ms.c1", "≤", 0.3),
            new Goal("2 write path: lag p50 at 20 writes/s (ms)", "write-lag", "r20.lag.p50.ms", "≤", 50),
            new Goal("2 write path: lag p99 at 20 writes/s (ms)", "write-lag", "r20.lag.p99.ms", "≤", 250),
            new Goal("2 write path: CPU per accepted write at 100 writes/s, all processes (ms)", "write-lag", "r100.cpu.ms.per.write", "≤", 6),
            new Goal("2 write path: accepted writes/s when 250/s are offered", "write-lag", "r250.accepted.per.s", "≥", 250),
            new Goal("2 write path: lag p99 at 250 writes/s stays flat (ms)", "write-lag", "r250.lag.p99.ms", "≤", 250),
            new Goal("2 write path: errors (not 429/503 with Retry-After) at 400 writes/s", "write-lag", "r400.errors", "≤", 0),
            new Goal("2 write path: writes lost at 400 writes/s", "write-lag", "r400.lost", "≤", 0),
            new Goal("3 graph: ego network p99, gateway / raw Cypher", "network", "ego.p99.ratio", "≤", 2),
            new Goal("3 graph: introduction paths p99, gateway / raw Cypher", "network", "paths.p99.ratio", "≤", 2),
            new Goal("3 graph: first city-wide key actors (ms)", "network", "keyactors.first.ms", "≤", 3000),
            new Goal("3 graph: repeated key actors (ms)", "network", "keyactors.repeat.ms", "≤", 100),
            new Goal("4 directory: search p95 at 20 k partners (ms)", "search", "search.p95.ms", "≤", 40),
            new Goal("4 directory: facets p95 at 20 k partners (ms)", "search", "facets.p95.ms", "≤", 40));

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("quick");
        Path root = BenchmarkSummary.root();
        Path target = root.resolve("deploy/benchmarks/target");
        List<Piece> running = pieces(quick, System.getProperty("pieces", ""));
        // -Dreport=…: runs kept from an earlier invocation (their summaries and reports) join this report, e.g. after
        // one run was repeated alone
        List<Piece> pieces = pieces(quick, System.getProperty("report", System.getProperty("pieces", "")));
        deleteSummaries(root.resolve(BenchmarkSummary.FOLDER), running);
        Files.createDirectories(target.resolve("load"));
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Piece piece : pieces) {
            outcomes.put(piece.name(), running.contains(piece)
                    ? run(piece, target, Duration.ofMinutes(Long.getLong("pieceMinutes", 15)))
                    : "kept from an earlier run (summary written " + Files.getLastModifiedTime(BenchmarkSummary.fileOf(piece.name())) + ")");
        }
        Map<String, Map<String, String>> summaries = new LinkedHashMap<>();
        for (Piece piece : pieces) {
            summaries.put(piece.name(), BenchmarkSummary.read(BenchmarkSummary.fileOf(piece.name())));
        }
        String report = report(pieces, outcomes, summaries, quick);
        Files.writeString(target.resolve("load-benchmark.md"), report);
        System.out.println(report);
        System.out.println("report written to " + target.resolve("load-benchmark.md"));
        if (Boolean.getBoolean("publish")) {
            publish(target, root.resolve("docs/benchmarks"), pieces);
        }
    }

    /** The runs in order, each bounded; {@code quick} shrinks the data and durations (to a quarter to a tenth). */
    static List<Piece> pieces(boolean quick, String only) {
        List<Piece> all = new ArrayList<>();
        // the throughput in the gateway benchmark's own 4 s windows taking turns: two identical gateways came out within
        // 10 % of each other that way, 40 % apart in 10 s windows (gateway-overhead.md, round 10)
        all.add(new Piece("gateway", "org.kiezwerk.benchmark.GatewayBenchmark", "gateway-benchmark.md",
                quick ? List.of("-Druns=300", "-Dwarmup=100", "-Dseconds=3") : List.of("-Druns=2000", "-Dwarmup=300")));
        all.add(new Piece("search", "org.kiezwerk.benchmark.SearchBenchmark", "search-benchmark.md",
                quick ? List.of("-Dpartners=2000", "-Druns=30", "-Dwarmup=10") : List.of("-Dpartners=20000", "-Druns=200", "-Dwarmup=30")));
        all.add(new Piece("calendar", "org.kiezwerk.benchmark.CalendarBenchmark", "calendar-benchmark.md",
                // the calendar and network runs ask for event 4242 and organisation 4711: quick sizes stay above them
                quick ? List.of("-Devents=5000", "-Druns=20", "-Dwarmup=5") : List.of("-Devents=50000", "-Druns=100", "-Dwarmup=20")));
        // one run for all rates: the warm-up (240 s of writes, until the JIT compilers are done with the write path) is paid once
        all.add(new Piece("write-lag", "org.kiezwerk.benchmark.WriteLagBenchmark", "write-lag-benchmark.md",
                quick ? List.of("-Drates=20,100,250,400", "-Dseconds=5", "-Dwarmup=15") : List.of("-Drates=20,100,250,400", "-Dseconds=30")));
        all.add(new Piece("network", "org.kiezwerk.benchmark.NetworkBenchmark", "network-benchmark.md",
                quick ? List.of("-Dorganisations=5000", "-Dties=25000", "-Druns=3", "-DlocalRuns=50")
                        : List.of("-Dorganisations=20000", "-Dties=100000", "-Druns=5", "-DlocalRuns=1000")));
        if (only.isBlank()) {
            return all;
        }
        List<String> wanted = List.of(only.split(","));
        return all.stream().filter(p -> wanted.stream().anyMatch(w -> p.name().startsWith(w.trim()))).toList();
    }

    private static void deleteSummaries(Path folder, List<Piece> pieces) throws IOException {
        for (Piece piece : pieces) {
            Files.deleteIfExists(folder.resolve(piece.name() + ".properties"));
        }
    }

    /** Runs one benchmark in its own JVM, as benchmark.sh would, and keeps its report as load/{name}.md. */
    static String run(Piece piece, Path target, Duration limit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dbenchmark.name=" + piece.name()));
        command.addAll(piece.options());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), piece.mainClass()));
        System.out.println("[load] " + piece.name() + ": " + String.join(" ", piece.options()));
        Path report = target.resolve(piece.report());
        Files.deleteIfExists(report);
        Instant start = Instant.now();
        Process process = new ProcessBuilder(command).inheritIO().start();
        // the piece stops what it started in its shutdown hook, also when it is destroyed here
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        String outcome;
        if (!process.waitFor(limit.toMinutes(), TimeUnit.MINUTES)) {
            process.destroy();
            process.waitFor(2, TimeUnit.MINUTES);
            outcome = "stopped after " + limit.toMinutes() + " min";
        } else {
            outcome = process.exitValue() == 0 ? "ok" : "failed (exit " + process.exitValue() + ")";
        }
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        if (Files.isRegularFile(report)) {
            Files.copy(report, target.resolve("load").resolve(piece.name() + ".md"), StandardCopyOption.REPLACE_EXISTING);
        }
        return outcome + ", " + seconds + " s";
    }

    static String report(List<Piece> pieces, Map<String, String> outcomes, Map<String, Map<String, String>> summaries, boolean quick) {
        StringBuilder out = new StringBuilder("# The local system under load (issue 14)\n\n");
        out.append("Measured ").append(OffsetDateTime.now().withNano(0)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores by `deploy/local/benchmark.sh load`")
                .append(quick ? " with `-Dquick=true`: **small sizes, not the goals' sizes** — the figures show the command works, not the goals" : "")
                .append(". Each run below is its own JVM starting its own real servers and services, one after the other;")
                .append(" met / not met is computed from the figures each run wrote (deploy/benchmarks/target/summary/).\n\n");
        out.append("## Runs\n\n| run | options | outcome | report |\n|---|---|---|---|\n");
        for (Piece piece : pieces) {
            out.append("| ").append(piece.name()).append(" | `").append(String.join(" ", piece.options())).append("` | ")
                    .append(outcomes.get(piece.name())).append(" | [").append(piece.name()).append("](load/")
                    .append(piece.name()).append(".md) |\n");
        }
        out.append("\n## Goals\n\n| goal | figure | bound | met | what limits it |\n|---|---:|---|---|---|\n");
        for (Goal goal : GOALS) {
            if (!summaries.containsKey(goal.piece())) {
                continue;
            }
            Map<String, String> figures = summaries.get(goal.piece());
            Optional<Double> value = BenchmarkSummary.number(figures, goal.key());
            out.append("| ").append(goal.goal()).append(" | ").append(value.map(LoadBenchmark::format).orElse("not reported"))
                    .append(" | ").append(goal.comparison()).append(' ').append(format(goal.bound())).append(" | ")
                    .append(goal.met(summaries).map(m -> m ? "met" : "**not met**").orElse("–")).append(" | ")
                    .append(figures.getOrDefault(goal.key() + ".limit",
                            figures.getOrDefault("limit", "see the run's report")))
                    .append(" |\n");
        }
        out.append(memory(pieces, summaries));
        return out.toString();
    }

    /** Goal 5: every service's resident memory after each load, against the 300 MB bound. */
    static String memory(List<Piece> pieces, Map<String, Map<String, String>> summaries) {
        StringBuilder out = new StringBuilder("\n## Memory (goal 5: every service ≤ " + SERVICE_RSS_LIMIT_MB
                + " MB resident after the load)\n\nVmRSS from /proc/<pid>/status just after each process was ready"
                + " (before) and at the end of the run (after), with the peak (VmHWM), in MB.\n\n"
                + "| run | process | before | after | peak |\n|---|---|---:|---:|---:|\n");
        Map<String, Double> worst = new TreeMap<>();
        for (Piece piece : pieces) {
            Map<String, String> figures = summaries.getOrDefault(piece.name(), Map.of());
            figures.keySet().stream().filter(k -> k.startsWith("rss.after.")).map(k -> k.substring("rss.after.".length()))
                    .forEach(process -> {
                        double after = BenchmarkSummary.number(figures, "rss.after." + process).orElse(0.0);
                        out.append("| ").append(piece.name()).append(" | ").append(process).append(" | ")
                                .append(BenchmarkSummary.number(figures, "rss.before." + process).map(LoadBenchmark::format).orElse("–"))
                                .append(" | ").append(format(after)).append(" | ")
                                .append(BenchmarkSummary.number(figures, "rss.peak." + process).map(LoadBenchmark::format).orElse("–"))
                                .append(" |\n");
                        if (SERVICES.contains(process)) {
                            worst.merge(process, after, Math::max);
                        }
                    });
        }
        out.append("\n| service | highest RSS after a load (MB) | ≤ ").append(SERVICE_RSS_LIMIT_MB).append(" MB |\n|---|---:|---|\n");
        for (String service : SERVICES) {
            Double value = worst.get(service);
            out.append("| ").append(service).append(" | ").append(value == null ? "not measured" : format(value)).append(" | ")
                    .append(value == null ? "–" : value <= SERVICE_RSS_LIMIT_MB ? "met" : "**not met**").append(" |\n");
        }
        return out.toString();
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Copies the load report and the runs' reports to docs/benchmarks/ (load-benchmark.md, load/*.md). */
    static void publish(Path target, Path docs, List<Piece> pieces) throws IOException {
        Files.createDirectories(docs.resolve("load"));
        Files.copy(target.resolve("load-benchmark.md"), docs.resolve("load-benchmark.md"), StandardCopyOption.REPLACE_EXISTING);
        for (Piece piece : pieces) {
            Path report = target.resolve("load").resolve(piece.name() + ".md");
            if (Files.isRegularFile(report)) {
                Files.copy(report, docs.resolve("load").resolve(piece.name() + ".md"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println("reports copied to " + docs);
    }
}
