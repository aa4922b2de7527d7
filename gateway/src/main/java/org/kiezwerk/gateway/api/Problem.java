package org.kiezwerk.gateway.api;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** A refusal by one of the gateway's own resources; {@link GatewayExceptionMappers} answers it as problem+json. */
class Problem extends RuntimeException {

    final int status;
    final String type;
    final String title;
    final List<Map<String, String>> errors;
    /** Headers the answer carries besides the content type (the embed pages' own policy, say). */
    final Map<String, String> headers;

    Problem(int status, String type, String title, String detail) {
        this(status, type, title, detail, null, Map.of());
    }

    private Problem(int status, String type, String title, String detail, List<Map<String, String>> errors, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
        this.headers = headers;
    }

    /** 400 about one field of the request. */
    static Problem invalid(String field, String message) {
        return new Problem(400, "/problems/validation", "Invalid request", field + ": " + message,
                List.of(Map.of("field", field, "message", message)), Map.of());
    }

    static Problem notFound(String detail) {
        return new Problem(404, "/problems/not-found", "Not found", detail);
    }

    Problem withHeaders(Map<String, String> more) {
        return new Problem(status, type, title, getMessage(), errors, more);
    }

    String body(String path) {
        JsonObject body = GatewayProblems.body(type, title, status, getMessage(), path);
        if (errors != null) {
            body.put("errors", errors);
        }
        return body.encode();
    }
}
