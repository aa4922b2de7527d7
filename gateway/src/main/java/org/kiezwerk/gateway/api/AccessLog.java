package org.kiezwerk.gateway.api;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The access log: one line per proxied request, with its id and who asked. */
@ApplicationScoped
public class AccessLog {

    /** The routing context's entry that names the caller once access is granted (else "anonymous"). */
    static final String CALLER = "caller";
    private static final Logger ACCESS = Logger.getLogger("kiezwerk.access");

    void handle(RoutingContext context) {
        long started = System.nanoTime();
        context.addEndHandler(ignored -> ACCESS.infof("%s %s %d %d ms caller=%s request-id=%s",
                context.request().method(), context.request().path(),
                status(context.response().closed(), context.response().ended(), context.response().getStatusCode()),
                (System.nanoTime() - started) / 1_000_000, context.get(CALLER, "anonymous"),
                context.request().getHeader(RequestIds.HEADER)));
        context.next();
    }

    /** A caller who hung up before the answer is logged as what it was: 499, as nginx logs it. */
    static int status(boolean closed, boolean ended, int status) {
        return closed && !ended ? 499 : status;
    }
}
