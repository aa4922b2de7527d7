package org.kiezwerk.gateway.api;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;

/**
 * The first handler of every proxied request: the services echo X-Request-Id, the gateway makes sure
 * there is one to echo, and the log lines and the trace of the request carry it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";

    private static final int MAX_LENGTH = 200;

    /**
     * Whether a caller's request id is taken as it is: visible ASCII, 1 to 200 characters; anything
     * else could forge log lines or headers. (A loop, not a regular expression: it runs on every request.)
     */
    static boolean accepted(String given) {
        if (given == null || given.isEmpty() || given.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < given.length(); i++) {
            char c = given.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The caller's request id if it is acceptable, else a new one. */
    static String orNew(String given) {
        return accepted(given) ? given : newId();
    }

    /**
     * A random (version 4) UUID from the thread's fast generator: a request id must be unique, not
     * unguessable, and UUID.randomUUID's SecureRandom read /dev/urandom under a lock on every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    void handle(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        if (!accepted(given)) {
            context.request().headers().set(HEADER, newId());
        }
        String id = context.request().getHeader(HEADER);
        MDC.put("requestId", id);
        // the request's span carries it too: an operator given a request id finds the trace by it
        Span.current().setAttribute("kiezwerk.request_id", id);
        context.next();
    }
}
