package org.kiezwerk.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the local system lives and which ports it uses. Every value can be overridden by an
 * environment variable; the services read the same variables, so both sides always agree.
 */
public record InfraSettings(
        Path root,
        Path varDir,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int boltPort,
        int otlpPort,
        int connectPort,
        String neo4jPassword,
        Duration startupTimeout) {

    public static InfraSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static InfraSettings from(Map<String, String> env) {
        Path root = findRoot(env);
        Path varDir = Path.of(env.getOrDefault("KIEZWERK_VAR_DIR", root.resolve("var").toString())).toAbsolutePath();
        return new InfraSettings(
                root,
                varDir,
                intValue(env, "KIEZWERK_POSTGRES_PORT", 55432),
                intValue(env, "KIEZWERK_KAFKA_PORT", 19092),
                intValue(env, "KIEZWERK_KAFKA_CONTROLLER_PORT", 19093),
                intValue(env, "KIEZWERK_NEO4J_BOLT_PORT", 17687),
                intValue(env, "KIEZWERK_OTLP_PORT", 14318),
                intValue(env, "KIEZWERK_CONNECT_PORT", 18783),
                env.getOrDefault("KIEZWERK_NEO4J_PASSWORD", ""),
                Duration.ofSeconds(intValue(env, "KIEZWERK_STARTUP_TIMEOUT_SECONDS", 120)));
    }

    public Path logDir() {
        return varDir.resolve("logs");
    }

    public Path runDir() {
        return varDir.resolve("run");
    }

    /** The repository root: given, or the nearest parent folder holding deploy/local-infra. */
    private static Path findRoot(Map<String, String> env) {
        String given = env.getOrDefault("KIEZWERK_ROOT", System.getProperty("kiezwerk.root"));
        if (given != null && !given.isBlank() && isRoot(Path.of(given))) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the Kiezwerk repository (a folder with deploy/local-infra) above "
                        + Path.of("").toAbsolutePath() + "; set KIEZWERK_ROOT");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("deploy/local-infra/pom.xml"));
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }
}
