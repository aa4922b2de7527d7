package org.kiezwerk.e2e;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.kiezwerk.infra.InfraSettings;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.LocalSecrets;
import org.kiezwerk.infra.ManagedProcess;

/**
 * The whole system as packaged, started once for every IT class of this run that is annotated
 * {@code @ExtendWith(TheSystem.class)}: the servers (PostgreSQL, Kafka, Neo4j, traces) unless they already
 * run, and the four services on the tests' own ports (180xx). It is stopped after the last class, and only
 * what this run started. The tests act as the local admin (its API key is sent unless a request names its
 * own X-API-Key or Authorization); a request that never gets an answer fails instead of hanging the build.
 */
final class TheSystem implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final LocalInfra.ServicePorts PORTS = new LocalInfra.ServicePorts(18080, 18081, 18082, 18083);

    /** What this run started, in order; a test that restarts a service records the new process here too. */
    static final List<ManagedProcess> started = new ArrayList<>();
    static LocalInfra infra;
    static String adminKey;

    private static boolean up;
    private static RuntimeException failed;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (TheSystem.class) {
            if (up) {
                return;
            }
            if (failed != null) {
                throw failed;
            }
            io.restassured.RestAssured.config = io.restassured.config.RestAssuredConfig.config().httpClient(
                    io.restassured.config.HttpClientConfig.httpClientConfig()
                            .setParam("http.connection.timeout", 10_000)
                            .setParam("http.socket.timeout", 120_000));
            infra = new LocalInfra(InfraSettings.fromEnvironment());
            // registered before anything starts: a failed start still stops what did start
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(TheSystem.class.getName(), this);
            try {
                infra.ensureRunning(EnumSet.allOf(LocalInfra.Server.class), started);
                infra.startServices(PORTS, started);
            } catch (RuntimeException e) {
                failed = e;
                throw e;
            }
            adminKey = new LocalSecrets(infra.settings().varDir()).adminKey();
            io.restassured.RestAssured.filters((request, response, ctx) -> {
                if (!request.getHeaders().hasHeaderWithName("X-API-Key") && !request.getHeaders().hasHeaderWithName("Authorization")) {
                    request.header("X-API-Key", adminKey);
                }
                return ctx.next(request, response);
            });
            up = true;
        }
    }

    /** After the last class of the run. */
    @Override
    public void close() {
        synchronized (TheSystem.class) {
            if (infra != null) {
                infra.stop(started);
                started.clear();
            }
            up = false;
        }
    }

    static String gateway() {
        return "http://127.0.0.1:" + PORTS.gateway();
    }
}
