package org.kiezwerk.network.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.RequestId;
import org.kiezwerk.network.domain.ActorNotFoundException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/** The network's own refusals as problem+json; everything else is mapped by service-commons' ProblemMappers. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    UriInfo uri;

    @Inject
    RequestId requestId;

    @ServerExceptionMapper
    public Response areaNotFound(org.kiezwerk.network.domain.AreaNotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage());
    }

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

    /** The graph could not answer now (memory for the query, a lock): a 503 to retry, not a 500. */
    @ServerExceptionMapper
    public Response graphBusy(org.neo4j.driver.exceptions.TransientException e) {
        LOG.warnf("graph busy for request %s: %s", requestId.value(), e.getMessage());
        return Response.fromResponse(problem(503, "graph-busy", "Service unavailable",
                "The network graph could not answer this request just now; try again shortly.")).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response queryTimeout(org.kiezwerk.network.service.AnalystQueries.QueryTimeoutException e) {
        return problem(422, "query-timeout", "Query timed out", e.getMessage());
    }

    @ServerExceptionMapper
    public Response personNotFound(org.kiezwerk.network.service.PersonNotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tieNotFound(org.kiezwerk.network.graph.TieGraph.TieNotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tieVersion(org.kiezwerk.network.graph.TieGraph.TieVersionMismatchException e) {
        return problem(412, "version-mismatch", "Precondition failed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownActors(org.kiezwerk.network.graph.TieGraph.UnknownActorsException e) {
        return problem(422, "invalid-reference", "Unknown organisation", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tieRefused(org.kiezwerk.network.service.TieRefusedException e) {
        return new Problem("/problems/" + e.type(), e.title(), 422, e.getMessage(), uri.getPath(),
                e.field() == null ? null : java.util.List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
    }

    private Response problem(int status, String type, String title, String detail) {
        return Problem.response(status, type, title, detail, uri.getPath(), null);
    }
}
