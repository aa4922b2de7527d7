package org.kiezwerk.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Longer waits for routes that legitimately take long (exports, imports, analyst queries), by
     * path prefix; the longest matching prefix wins, others get response-timeout.
     */
    @WithName("route-timeouts")
    Map<String, Duration> routeTimeouts();

    /** After this many consecutive failures to reach a service (refused, timed out) its circuit opens ... */
    @WithName("circuit-breaker.failures")
    @WithDefault("5")
    int circuitBreakerFailures();

    /** ... and requests to it are answered 503 at once for this long, before one is let through to try. */
    @WithName("circuit-breaker.reset")
    @WithDefault("10s")
    Duration circuitBreakerReset();

    /** Requests per client (API key, else address): a token bucket of this size ... */
    @WithName("rate-limit.capacity")
    @WithDefault("600")
    int rateLimitCapacity();

    /** ... refilled by this many tokens per second. */
    @WithName("rate-limit.refill-per-second")
    @WithDefault("20")
    double rateLimitRefillPerSecond();

    /** Pooled keep-alive connections to each service (shared out among the event loops, each with a pool of its own) ... */
    @WithName("pool.size")
    @WithDefault("64")
    int poolSize();

    /** ... requests that may wait for one; beyond that the excess is shed with 503 and Retry-After ... */
    @WithName("pool.wait-queue")
    @WithDefault("512")
    int poolWaitQueue();

    /** ... and how long an idle connection is kept (shorter than the services' own idle timeout). */
    @WithName("pool.keep-alive")
    @WithDefault("PT20S")
    Duration poolKeepAlive();

    /** Requests one client (API key, token, else address) may have in flight at once; more get 429. */
    @WithName("client-concurrency")
    @WithDefault("32")
    int clientConcurrency();

    /** How long a request body up to buffer-limit may take to arrive (then 408); larger ones must keep 64 KiB/s beyond it. */
    @WithName("body-timeout")
    @WithDefault("PT10S")
    Duration bodyTimeout();

    /**
     * How long a request's head (request line and headers) may take to arrive, from the connection's
     * start or the head's first byte (then 408 and the connection is closed).
     */
    @WithName("head-timeout")
    @WithDefault("PT10S")
    Duration headTimeout();

    /**
     * How long a kept-alive connection may stay silent between two requests before the gateway closes
     * it (longer than the 60 s idle timeout of common load balancers, so that they close first).
     */
    @WithName("keep-alive-timeout")
    @WithDefault("PT75S")
    Duration keepAliveTimeout();

    /** Bodies up to this size are read whole before they are forwarded; larger ones (imports) are streamed. */
    @WithName("buffer-limit")
    @WithDefault("1048576")
    long bufferLimit();

    /**
     * Where the public reaches this gateway ({@code https://kiezwerk.example.org}): the embed pages and
     * oEmbed answers link to it, and oEmbed takes only URLs of this host. Unset: the host the request
     * was sent to.
     */
    Optional<URI> publicUrl();

    /** Who may do what: API keys, people's tokens, and the identity passed on to the services. */
    Security security();

    interface Security {

        /**
         * The JSON file earlier versions kept the API keys in: if it exists at a start, its keys are
         * imported into the database (where they live now) and the file is renamed {@code *.migrated}.
         */
        Optional<Path> apiKeysFile();

        /**
         * How long a replica may answer from what it last read of a key: the longest a revocation
         * (through any replica) takes to reach every other one, plus one query.
         */
        @WithName("api-key-cache")
        @WithDefault("PT0.5S")
        Duration apiKeyCache();

        /** PEM private key that signs the identity the gateway passes to the services (they hold the public key). */
        Optional<Path> identitySigningKey();

        @WithDefault("kiezwerk-gateway")
        String identityIssuer();

        /** PEM public key of the identity provider that signs people's bearer tokens. */
        Optional<Path> peoplePublicKey();

        @WithDefault("kiezwerk-local")
        String peopleIssuer();

        /** Local run only: the identity provider's private key, so that an admin can issue people's tokens. */
        Optional<Path> peopleSigningKey();

        /** Local run: where the bootstrap admin key is written when there is no admin key yet. */
        Optional<Path> bootstrapAdminKeyFile();
    }
}
