package org.kiezwerk.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.kiezwerk.infra.InfraSettings;

/**
 * A benchmark's headline figures as key = value, beside its markdown report, so that the load
 * benchmark ({@link LoadBenchmark}) can put them against the goals without parsing prose.
 * One file per run: {@code deploy/benchmarks/target/summary/<name>.properties}, the name from
 * {@code -Dbenchmark.name} (the load benchmark sets it) or the benchmark's class.
 * A benchmark adds a figure with one line, e.g. {@code BenchmarkSummary.figure("search.p95.ms", p95)},
 * and what limits it with {@code BenchmarkSummary.note("search.limit", "…")}.
 */
public final class BenchmarkSummary {

    static final Path FOLDER = Path.of("deploy/benchmarks/target/summary");

    private BenchmarkSummary() {
    }

    /** This run's name: {@code -Dbenchmark.name}, else the main class, e.g. {@code SearchBenchmark}. */
    static String name() {
        String named = System.getProperty("benchmark.name");
        if (named != null && !named.isBlank()) {
            return named;
        }
        String command = System.getProperty("sun.java.command", "benchmark").split(" ")[0];
        return command.substring(command.lastIndexOf('.') + 1);
    }

    public static void figure(String key, double value) {
        put(key, String.format(Locale.ROOT, "%.3f", value));
    }

    public static void note(String key, String text) {
        put(key, text);
    }

    private static synchronized void put(String key, String value) {
        Path file = fileOf(name());
        Map<String, String> figures = new TreeMap<>(read(file));
        figures.put(key, value);
        Properties out = new Properties();
        out.putAll(figures);
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                out.store(writer, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path fileOf(String name) {
        return root().resolve(FOLDER).resolve(name + ".properties");
    }

    /** The figures of one run; empty when it wrote none. */
    static Map<String, String> read(Path file) {
        Map<String, String> figures = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties in = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                in.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            in.stringPropertyNames().forEach(k -> figures.put(k, in.getProperty(k)));
        }
        return figures;
    }

    static Optional<Double> number(Map<String, String> figures, String key) {
        try {
            return Optional.ofNullable(figures.get(key)).map(Double::parseDouble);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The repository root, as the launcher finds it. */
    static Path root() {
        return InfraSettings.fromEnvironment().root();
    }
}
