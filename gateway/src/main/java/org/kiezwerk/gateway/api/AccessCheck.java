package org.kiezwerk.gateway.api;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.kiezwerk.gateway.domain.AccessDenied;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.service.AccessPolicy;
import org.kiezwerk.gateway.service.IdentityTokens;

/**
 * May the identified caller do this (authorisation by the routing table, {@link AccessPolicy})? If so,
 * their credentials are replaced by the identity the gateway signs for the services: the caller's own
 * key or token never travels further.
 */
@ApplicationScoped
public class AccessCheck {

    private static final TextMapSetter<MultiMap> TRACE_HEADERS = (headers, name, value) -> headers.set(name, value);

    private final IdentityTokens identities;

    AccessCheck(IdentityTokens identities) {
        this.identities = identities;
    }

    void handle(RoutingContext context) {
        Caller caller = context.get(CallerIdentification.IDENTIFIED, Caller.ANONYMOUS);
        try {
            AccessPolicy.check(caller, context.request().method().name(), context.request().path());
        } catch (AccessDenied denied) {
            refuse(context, denied);
            return;
        }
        MultiMap headers = context.request().headers();
        headers.remove("X-API-Key");
        headers.remove("Authorization");
        // the caller's trace context is already the parent of this request's span; the service's span
        // hangs under the gateway's server span (no client span per request: ServiceProxy)
        headers.remove("traceparent");
        headers.remove("tracestate");
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, TRACE_HEADERS);
        identities.forCaller(caller).ifPresent(token -> headers.set("Authorization", "Bearer " + token));
        context.put(AccessLog.CALLER, caller.subject());
        context.next();
    }

    /** 401 (with the challenge) or 403, as problem+json. */
    static void refuse(RoutingContext context, AccessDenied denied) {
        String body = GatewayProblems.accessDenied(denied.status(), denied.getMessage(), context.request().path());
        if (denied.status() == 401) {
            GatewayProblems.send(context, 401, body, "WWW-Authenticate", GatewayProblems.CHALLENGE);
        } else {
            GatewayProblems.send(context, denied.status(), body);
        }
    }
}
