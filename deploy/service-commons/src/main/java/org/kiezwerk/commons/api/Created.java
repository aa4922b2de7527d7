package org.kiezwerk.commons.api;

import jakarta.ws.rs.core.Response;

/** The answers of POST and PUT: 201 with Location (relative, so it stays right behind the gateway) or 200. */
public final class Created {

    public static Response answer(String location, long version, Object body, boolean replayed) {
        Response.ResponseBuilder answer = Response.status(Response.Status.CREATED)
                .header("Location", location)
                .tag(Conditions.etag(version))
                .entity(body);
        if (replayed) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    public static Response saved(String location, long version, Object body, boolean created) {
        if (created) {
            return answer(location, version, body, false);
        }
        return Response.ok(body).tag(Conditions.etag(version)).build();
    }

    private Created() {
    }
}
