package org.kiezwerk.gateway.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.domain.AccessDenied;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.repository.ApiKeyStore;
import org.kiezwerk.gateway.service.Callers;

/**
 * Who is calling (authentication): the request's API key or bearer token becomes a {@link Caller},
 * kept in the routing context for {@link AccessCheck}. Credentials that are present but wrong are refused.
 */
@ApplicationScoped
public class CallerIdentification {

    /** The routing context's entry that holds the identified {@link Caller}. */
    static final String IDENTIFIED = "kiezwerk.caller";
    private static final Logger LOG = Logger.getLogger(CallerIdentification.class);

    private final Vertx vertx;
    private final Callers callers;

    CallerIdentification(Vertx vertx, Callers callers) {
        this.vertx = vertx;
        this.callers = callers;
    }

    void handle(RoutingContext context) {
        String apiKey = context.request().getHeader("X-API-Key");
        String authorization = context.request().getHeader("Authorization");
        if (callers.needsLookup(apiKey, authorization)) {
            // a key not read within the cache interval: the key store's database is asked on a worker
            // thread, never on the event loop (the request stays paused meanwhile)
            vertx.executeBlocking(() -> callers.identify(apiKey, authorization), false).onComplete(identified -> {
                if (context.response().ended() || context.response().closed()) {
                    return;
                }
                if (identified.succeeded()) {
                    identified(context, identified.result());
                } else {
                    refuse(context, identified.cause());
                }
            });
            return;
        }
        Caller caller;
        try {
            caller = callers.identify(apiKey, authorization);
        } catch (RuntimeException e) {
            refuse(context, e);
            return;
        }
        identified(context, caller);
    }

    private static void identified(RoutingContext context, Caller caller) {
        context.put(IDENTIFIED, caller);
        context.next();
    }

    /** A refusal for whatever identifying the caller failed with: 401/403, or 503 when the key store is unreachable. */
    private static void refuse(RoutingContext context, Throwable failure) {
        if (failure instanceof AccessDenied denied) {
            AccessCheck.refuse(context, denied);
            return;
        }
        if (!(failure instanceof ApiKeyStore.Unavailable)) {
            context.fail(failure);
            return;
        }
        LOG.warnf("%s %s: cannot check the API key: %s", context.request().method(), context.request().path(), failure.getMessage());
        GatewayProblems.send(context, 503, GatewayProblems.keyStoreUnavailable(context.request().path()), "Retry-After", "1");
    }
}
