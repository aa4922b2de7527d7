package org.kiezwerk.commons.api;

import io.opentelemetry.api.trace.Span;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every answer carries X-Request-Id, taken from the request or created. */
public class RequestIdFilters {

    /** The span attribute that carries X-Request-Id (searchable in the local viewer, Jaeger and the like). */
    static final String REQUEST_ID_ATTRIBUTE = "kiezwerk.request_id";

    @Inject
    RequestId requestId;

    @ServerRequestFilter(preMatching = true)
    public void adopt(ContainerRequestContext request) {
        requestId.adopt(request.getHeaderString(RequestId.HEADER));
        MDC.put("requestId", requestId.value()); // every log line of this request names it
        // and so does its trace: an operator given a request id finds the trace by it
        Span.current().setAttribute(REQUEST_ID_ATTRIBUTE, requestId.value());
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        response.getHeaders().putSingle(RequestId.HEADER, requestId.value());
    }
}
