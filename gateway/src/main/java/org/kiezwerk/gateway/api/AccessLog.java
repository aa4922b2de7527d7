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
        if (!ACCESS.isInfoEnabled()) {
            context.next();
            return;
        }
        long started = System.nanoTime();
        // written out by hand: a printf-style pattern is parsed again for every request, on the event loop
        context.addEndHandler(ignored -> ACCESS.info(new StringBuilder(160).append(context.request().method()).append(' ')
                .append(context.request().path()).append(' ')
                .append(status(context.response().closed(), context.response().ended(), context.response().getStatusCode()))
                .append(' ').append((System.nanoTime() - started) / 1_000_000).append(" ms caller=")
                .append(context.<String>get(CALLER, "anonymous")).append(" request-id=")
                .append(context.request().getHeader(RequestIds.HEADER)).toString()));
        context.next();
    }

    /** A caller who hung up before the answer is logged as what it was: 499, as nginx logs it. */
    static int status(boolean closed, boolean ended, int status) {
        return closed && !ended ? 499 : status;
    }
}
