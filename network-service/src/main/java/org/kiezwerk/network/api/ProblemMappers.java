package org.kiezwerk.network.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.network.domain.ActorNotFoundException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/** Turns every failure into RFC 9457 problem+json: clear for the caller, never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    UriInfo uri;

    @Inject
    RequestId requestId;

    @ServerExceptionMapper
    public Response actorNotFound(ActorNotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage());
    }

    /** Neo4j down or restarting: say so, and when to try again, instead of a 500. */
    @ServerExceptionMapper
    public Response graphUnavailable(ServiceUnavailableException e) {
        return Response.fromResponse(problem(503, "graph-unavailable", "Service unavailable",
                "The network graph is not reachable at the moment; try again shortly.")).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = status == 404 ? "There is no resource at " + uri.getPath() + "." : e.getMessage();
        return problem(status, status == 404 ? "not-found" : "http-" + status,
                known != null ? known.getReasonPhrase() : "HTTP " + status, detail);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "unexpected failure of request %s", requestId.value());
        return problem(500, "internal", "Internal error",
                "Something went wrong on our side; quote request id " + requestId.value() + " when you report it.");
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return new Problem("/problems/validation", "Invalid request", 400, "The request has invalid parameters; see errors.",
                uri.getPath(), java.util.List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
    }

    private Response problem(int status, String type, String title, String detail) {
        return new Problem("/problems/" + type, title, status, detail, uri.getPath(), null).toResponse();
    }
}
