package org.kiezwerk.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * Reports, with the gateway's readiness, whether each service behind it is ready. The gateway itself
 * stays ready when one is not: it still serves the others and answers for the missing one with a
 * problem that names it, which is better than taking the whole API away.
 */
@Readiness
@ApplicationScoped
public class ServicesReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    GatewayConfig config;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

    @Override
    public HealthCheckResponse call() {
        Map<String, CompletableFuture<String>> states = new LinkedHashMap<>();
        states.put("partner-service", state(config.partnerServiceUrl()));
        states.put("event-service", state(config.eventServiceUrl()));
        states.put("network-service", state(config.networkServiceUrl()));
        HealthCheckResponseBuilder response = HealthCheckResponse.named("services behind the gateway").up();
        states.forEach((service, state) -> response.withData(service, state.join()));
        return response.build();
    }

    private CompletableFuture<String> state(URI service) {
        HttpRequest request = HttpRequest.newBuilder(service.resolve("/q/health/ready")).timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(answer -> answer.statusCode() == 200 && answer.body().replace(" ", "").contains("\"status\":\"UP\"")
                        ? "UP" : "DOWN (readiness answered " + answer.statusCode() + ")")
                // the whole exchange, body included, within the timeout
                .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> "DOWN (" + (failure.getCause() != null ? failure.getCause() : failure)
                        .getClass().getSimpleName() + ")");
    }
}
