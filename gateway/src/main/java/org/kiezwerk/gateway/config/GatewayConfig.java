package org.kiezwerk.gateway.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;

/** Where the services are and how long the gateway waits for them. */
@ConfigMapping(prefix = "kiezwerk.gateway")
public interface GatewayConfig {

    URI partnerServiceUrl();

    URI eventServiceUrl();

    URI networkServiceUrl();

    /** How long to wait for a TCP connection to a service. */
    Duration connectTimeout();

    /** How long a service may stay silent while answering before the caller gets a 504. */
    Duration responseTimeout();

    /** Requests per client (API key, else address): a token bucket of this size ... */
    @io.smallrye.config.WithName("rate-limit.capacity")
    @io.smallrye.config.WithDefault("600")
    int rateLimitCapacity();

    /** ... refilled by this many tokens per second. */
    @io.smallrye.config.WithName("rate-limit.refill-per-second")
    @io.smallrye.config.WithDefault("20")
    double rateLimitRefillPerSecond();
}
