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
}
