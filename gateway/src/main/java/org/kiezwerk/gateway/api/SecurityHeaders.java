package org.kiezwerk.gateway.api;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** On every answer that passes the gateway, whatever the service sent: no sniffing, no framing, no referrer leaks. */
@ApplicationScoped
public class SecurityHeaders {

    static final String POLICY = "default-src 'none'; frame-ancestors 'none'";

    void handle(RoutingContext context) {
        // set as the head is written, so that they replace whatever the service sent
        context.addHeadersEndHandler(ignored -> apply(context.response().headers()));
        context.next();
    }

    static void apply(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", POLICY);
    }
}
