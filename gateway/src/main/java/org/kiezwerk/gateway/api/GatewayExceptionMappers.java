package org.kiezwerk.gateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The gateway's own endpoints (admin, API document) answer every refusal the framework makes before a
 * resource is chosen — a method the path does not have (405), a media type it cannot give (406) or
 * take (415) — as problem+json, like everything else.
 */
public class GatewayExceptionMappers {

    // not 404: a path no endpoint of the gateway has falls through to the proxy routes and their 404
    @ServerExceptionMapper({jakarta.ws.rs.NotAllowedException.class, jakarta.ws.rs.NotAcceptableException.class,
            jakarta.ws.rs.NotSupportedException.class})
    public Response refused(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.ResponseBuilder answer = Response.status(status).type(GatewayProblems.MEDIA_TYPE)
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer").header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        // keep what the framework says the caller may do instead (Allow for 405)
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/http-" + status);
        body.put("title", e.getResponse().getStatusInfo().getReasonPhrase());
        body.put("status", status);
        body.put("detail", switch (status) {
            case 405 -> "This resource does not take that method; see Allow.";
            case 406 -> "This resource cannot answer in the media type asked for (Accept).";
            case 415 -> "This resource does not take a body of that media type (Content-Type).";
            default -> e.getResponse().getStatusInfo().getReasonPhrase();
        });
        body.put("instance", uri.getPath());
        return answer.entity(body).build();
    }
}
