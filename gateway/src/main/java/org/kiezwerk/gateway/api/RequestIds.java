package org.kiezwerk.gateway.api;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The first handler of every proxied request: the services echo X-Request-Id, the gateway makes sure
 * there is one to echo, and the log lines and the trace of the request carry it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";

    /** Visible ASCII, at most 200 characters: anything else could forge log lines or headers. */
    private static final Pattern ACCEPTED = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /** Whether a caller's request id is taken as it is. */
    static boolean accepted(String given) {
        return given != null && ACCEPTED.matcher(given).matches();
    }

    /** The caller's request id if it is acceptable, else a new one. */
    static String orNew(String given) {
        return accepted(given) ? given : UUID.randomUUID().toString();
    }

    void handle(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        if (!accepted(given)) {
            context.request().headers().set(HEADER, UUID.randomUUID().toString());
        }
        String id = context.request().getHeader(HEADER);
        MDC.put("requestId", id);
        // the request's span carries it too: an operator given a request id finds the trace by it
        Span.current().setAttribute("kiezwerk.request_id", id);
        context.next();
    }
}
