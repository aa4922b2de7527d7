package org.kiezwerk.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a service's tests the real servers it needs: starts those not already running and stops
 * only what it started. They run on the tests' own ports and data directory, never the local
 * system's (see {@link #refuseTheLocalSystem}). Use with {@code @WithTestResource(value = LocalInfraTestResource.class,
 * initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))}.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private Set<LocalInfra.Server> servers = EnumSet.allOf(LocalInfra.Server.class);
    private LocalInfra infra;
    private List<ManagedProcess> started = new ArrayList<>();

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.get("servers");
        if (names != null && !names.isBlank()) {
            servers = EnumSet.noneOf(LocalInfra.Server.class);
            for (String name : names.split(",")) {
                servers.add(LocalInfra.Server.of(name));
            }
        }
    }

    @Override
    public Map<String, String> start() {
        InfraSettings settings = InfraSettings.fromEnvironment();
        refuseTheLocalSystem(settings, System.getenv());
        infra = new LocalInfra(settings);
        // the trace collector always: the services export their spans to it, and tests read them back
        Set<LocalInfra.Server> needed = EnumSet.copyOf(servers);
        needed.add(LocalInfra.Server.TRACES);
        started = infra.ensureRunning(needed);
        return Map.of();
    }

    /**
     * Tests never use the servers, ports or data of a running local system (deploy/local/run.sh): the
     * build gives them their own (the parent pom's test environment). Run outside the build without
     * those settings, a test stops here instead of writing into the user's data.
     */
    static void refuseTheLocalSystem(InfraSettings settings, Map<String, String> env) {
        InfraSettings localRun = InfraSettings.from(Map.of("KIEZWERK_ROOT", settings.root().toString()));
        List<String> shared = new ArrayList<>();
        if (settings.varDir().equals(localRun.varDir())) {
            shared.add("data directory " + settings.varDir());
        }
        if (settings.postgresPort() == localRun.postgresPort()) {
            shared.add("PostgreSQL port " + settings.postgresPort());
        }
        if (settings.kafkaPort() == localRun.kafkaPort() || settings.kafkaControllerPort() == localRun.kafkaControllerPort()) {
            shared.add("Kafka port " + settings.kafkaPort());
        }
        if (settings.connectPort() == localRun.connectPort()) {
            shared.add("Kafka Connect port " + settings.connectPort());
        }
        if (settings.boltPort() == localRun.boltPort()) {
            shared.add("Neo4j port " + settings.boltPort());
        }
        if (settings.otlpPort() == localRun.otlpPort()) {
            shared.add("trace collector port " + settings.otlpPort());
        }
        if (!shared.isEmpty() && !"true".equals(env.get("KIEZWERK_TESTS_USE_LOCAL_SYSTEM"))) {
            throw new IllegalStateException("tests would share the local system's " + String.join(", ", shared)
                    + "; run them through Maven (./mvnw verify sets KIEZWERK_VAR_DIR and the KIEZWERK_*_PORT"
                    + " variables for tests), or set KIEZWERK_TESTS_USE_LOCAL_SYSTEM=true on purpose");
        }
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.stop(started);
        }
    }
}
