package org.kiezwerk.gateway.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem bodies that the gateway itself answers with: the one place a problem is written,
 * whether a Vert.x route refuses ({@link #send}) or a resource of the gateway's own does
 * ({@link Problem}, {@link GatewayExceptionMappers}).
 */
final class GatewayProblems {

    static final String MEDIA_TYPE = "application/problem+json";
    /** The challenge every 401 carries (RFC 9110). */
    static final String CHALLENGE = "Bearer realm=\"kiezwerk\"";

    private GatewayProblems() {
    }

    /**
     * Ends a routed request with a problem: the security headers, the request id (the caller's, else a
     * new one), and further headers given as name, value pairs.
     */
    static void send(RoutingContext context, int status, String problem, String... headers) {
        HttpServerResponse response = context.response();
        SecurityHeaders.apply(response.headers());
        response.setStatusCode(status).putHeader("content-type", MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, RequestIds.orNew(context.request().getHeader(RequestIds.HEADER)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.putHeader(headers[i], headers[i + 1]);
        }
        response.end(problem);
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
                        + HeadLimits.MAX_REQUEST_TARGET + " characters; send long filters in fewer or shorter parameters.", path).encode()
                : body("/problems/headers-too-large", "Request header fields too large", 431, "The request's headers are larger than "
                        + HeadLimits.MAX_HEADERS / 1024 + " KiB.", path).encode();
    }

    static String tooManyAtOnce(String path, int limit) {
        return body("/problems/too-many-at-once", "Too many requests", 429, "This client already has " + limit
                + " requests in flight; wait for their answers (see Retry-After).", path).encode();
    }

    static String bodyTooSlow(String path, Duration timeout) {
        return body("/problems/request-timeout", "Request timeout", 408, "The request body did not arrive in time ("
                + timeout.toSeconds() + " s for a small body); send it at once.", path).encode();
    }

    /** The request line and headers did not arrive in time: no path is known, so no instance. */
    static String headTooSlow(Duration timeout) {
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

    static String validation(String field, String message, String path) {
        return body("/problems/validation", "Invalid request", 400, field + ": " + message, path)
                .put("errors", List.of(Map.of("field", field, "message", message))).encode();
    }

    static String malformedBody(String path) {
        return body("/problems/malformed-body", "Malformed body", 400, "The body is not the JSON this request expects.", path).encode();
    }

    static JsonObject body(String type, String title, int status, String detail, String path) {
        return new JsonObject().put("type", type).put("title", title).put("status", status)
                .put("detail", detail).put("instance", path);
    }
}
