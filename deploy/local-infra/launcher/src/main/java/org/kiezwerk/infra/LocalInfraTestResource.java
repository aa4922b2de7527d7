package org.kiezwerk.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a service's tests the real servers it needs: starts those not already running and stops
 * only what it started. Use with {@code @WithTestResource(value = LocalInfraTestResource.class,
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
        infra = new LocalInfra(InfraSettings.fromEnvironment());
        // the trace collector always: the services export their spans to it, and tests read them back
        Set<LocalInfra.Server> needed = EnumSet.copyOf(servers);
        needed.add(LocalInfra.Server.TRACES);
        started = infra.ensureRunning(needed);
        return Map.of();
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.stop(started);
        }
    }
}
