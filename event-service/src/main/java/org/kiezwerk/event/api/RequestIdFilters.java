package org.kiezwerk.event.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every answer carries X-Request-Id, taken from the request or created. */
public class RequestIdFilters {

    @Inject
    RequestId requestId;

    @ServerRequestFilter(preMatching = true)
    public void adopt(ContainerRequestContext request) {
        requestId.adopt(request.getHeaderString(RequestId.HEADER));
        org.jboss.logging.MDC.put("requestId", requestId.value()); // every log line of this request names it
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        response.getHeaders().putSingle(RequestId.HEADER, requestId.value());
    }
}
