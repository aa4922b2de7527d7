package org.kiezwerk.gateway.api;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** RFC 9457 problem bodies that the gateway itself answers with. */
final class GatewayProblems {

    static final String MEDIA_TYPE = "application/problem+json";

    private GatewayProblems() {
    }

    /** 503 when the service refuses connections or drops one (down, restarting), 504 when it is too slow, 502 otherwise. */
    static int statusFor(Throwable failure) {
        if (failure instanceof io.vertx.circuitbreaker.OpenCircuitException) {
            return 503;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
                return 504;
            }
            // refused, or gone in the middle of the exchange (a service that crashed or is restarting):
            // unavailable, try again (a retried write is safe with Idempotency-Key or If-Match)
            if (cause instanceof ConnectException || cause instanceof io.vertx.core.http.HttpClosedException
                    || cause instanceof java.io.IOException && String.valueOf(cause.getMessage()).contains("reset")) {
                return 503;
            }
        }
        return 502;
    }

    static String upstreamFailure(String service, int status, String path) {
        String title = switch (status) {
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> "Bad gateway";
        };
        String detail = switch (status) {
            case 503 -> service + " is not reachable at the moment; try again shortly.";
            case 504 -> service + " did not answer in time; try again shortly.";
            default -> service + " failed to give a usable answer.";
        };
        return body("/problems/upstream-" + status, title, status, detail, path).put("service", service).encode();
    }

    static String upstreamPaused(String service, String path) {
        return body("/problems/upstream-503", "Service unavailable", 503, service
                + " failed repeatedly just now; requests to it are paused for a few seconds (see Retry-After).", path)
                .put("service", service).encode();
    }

    static String headTooLarge(int status, String path) {
        return status == 414
                ? body("/problems/uri-too-long", "URI too long", 414, "The request target is longer than "
                        + ServiceRoutes.MAX_REQUEST_TARGET + " characters; send long filters in fewer or shorter parameters.", path).encode()
                : body("/problems/headers-too-large", "Request header fields too large", 431, "The request's headers are larger than "
                        + ServiceRoutes.MAX_HEADERS / 1024 + " KiB.", path).encode();
    }

    static String tooManyAtOnce(String path, int limit) {
        return body("/problems/too-many-at-once", "Too many requests", 429, "This client already has " + limit
                + " requests in flight; wait for their answers (see Retry-After).", path).encode();
    }

    static String bodyTooSlow(String path, java.time.Duration timeout) {
        return body("/problems/request-timeout", "Request timeout", 408, "The request body did not arrive in time ("
                + timeout.toSeconds() + " s for a small body); send it at once.", path).encode();
    }

    /** The request line and headers did not arrive in time: no path is known, so no instance. */
    static String headTooSlow(java.time.Duration timeout) {
        return new JsonObject().put("type", "/problems/request-timeout").put("title", "Request timeout").put("status", 408)
                .put("detail", "The request line and headers did not arrive within "
                        + (timeout.toMillis() % 1000 == 0 ? Long.toString(timeout.toSeconds()) : Double.toString(timeout.toMillis() / 1000.0))
                        + " s; send them at once.").encode();
    }

    static String overloaded(String service, String path) {
        return body("/problems/overloaded", "Service unavailable", 503, service
                + " has more requests waiting than it can take just now; try again shortly (see Retry-After).", path)
                .put("service", service).encode();
    }

    /** The service cannot take more just now (the gateway's queue for it is full): shed, not its failure. */
    static boolean overload(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
            // waited in the queue for a pooled connection until the acquisition deadline: every
            // connection is busy with the service's earlier answers (a hung connect fails sooner, as
            // a ConnectTimeoutException, and counts against the service)
            if (cause instanceof java.util.concurrent.TimeoutException
                    && String.valueOf(cause.getMessage()).contains("when getting a connection")) {
                return true;
            }
        }
        return false;
    }

    static String notFound(String path) {
        return body("/problems/not-found", "Not found", 404, "There is no API resource at " + path + ".", path).encode();
    }

    static String rateLimited(String path, long retryAfterSeconds) {
        return body("/problems/rate-limited", "Too many requests", 429, "Too many requests from this client; try again in "
                + retryAfterSeconds + " s (see Retry-After).", path).encode();
    }

    static String accessDenied(int status, String detail, String path) {
        return status == 401
                ? body("/problems/unauthenticated", "Authentication required", 401, detail, path).encode()
                : body("/problems/forbidden", "Forbidden", 403, detail, path).encode();
    }

    /** The gateway's own database, which holds the API keys, cannot be reached: a key can be neither accepted nor refused. */
    static String keyStoreUnavailable(String path) {
        return body("/problems/key-store-unavailable", "Service unavailable", 503, "The gateway cannot check API keys"
                + " at the moment; try again shortly (see Retry-After). Requests without a key are not affected.", path).encode();
    }

    private static JsonObject body(String type, String title, int status, String detail, String path) {
        return new JsonObject().put("type", type).put("title", title).put("status", status)
                .put("detail", detail).put("instance", path);
    }
}
