package org.kiezwerk.gateway.api;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * A token bucket per client — its API key, or its address without one: a burst of {@code capacity}
 * requests, then {@code refillPerSecond}. Beyond that a 429 problem with Retry-After. The most
 * recently seen clients are kept (bounded), so memory stays flat under many addresses.
 */
@ApplicationScoped
public class RateLimiter {

    static final int MAX_CLIENTS = 50_000;

    private final double capacity;
    private final double refillPerNano;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    @Inject
    RateLimiter(GatewayConfig config) {
        this(config.rateLimitCapacity(), config.rateLimitRefillPerSecond());
    }

    RateLimiter(int capacity, double refillPerSecond) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
    }

    void handle(RoutingContext context) {
        String client = client(context.request().getHeader("X-API-Key"),
                context.request().remoteAddress() == null ? null : context.request().remoteAddress().hostAddress());
        long waitSeconds = take(client, System.nanoTime());
        if (waitSeconds == 0) {
            context.next();
            return;
        }
        GatewayProblems.send(context, 429, GatewayProblems.rateLimited(context.request().path(), waitSeconds),
                "Retry-After", Long.toString(waitSeconds));
    }

    /** Whose bucket a request takes from: its API key's, else its address's. */
    static String client(String apiKey, String address) {
        return apiKey != null && !apiKey.isBlank() ? "key:" + apiKey : "address:" + (address == null ? "unknown" : address);
    }

    /** Takes a token; returns 0, or the seconds until the next token if there is none. */
    synchronized long take(String client, long now) {
        double[] bucket = buckets.computeIfAbsent(client, c -> new double[] {capacity, now});
        bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) * refillPerNano);
        bucket[1] = now;
        if (bucket[0] >= 1) {
            bucket[0] -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - bucket[0]) / refillPerNano / 1e9));
    }

    synchronized int clients() {
        return buckets.size();
    }
}
