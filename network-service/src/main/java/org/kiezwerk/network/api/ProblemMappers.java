package org.kiezwerk.network.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.api.RequestId;
import org.kiezwerk.network.domain.ActorNotFoundException;
import org.kiezwerk.network.domain.AnalystQueryRefusedException;
import org.kiezwerk.network.domain.AreaNotFoundException;
import org.kiezwerk.network.domain.ExportsBusyException;
import org.kiezwerk.network.domain.PersonNotFoundException;
import org.kiezwerk.network.domain.PersonTieNotFoundException;
import org.kiezwerk.network.domain.QueryTimeoutException;
import org.kiezwerk.network.domain.TieNotFoundException;
import org.kiezwerk.network.domain.TieRefusedException;
import org.kiezwerk.network.domain.TieVersionMismatchException;
import org.kiezwerk.network.domain.UnknownActorsException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;

/** The network's own refusals as problem+json; everything else is mapped by service-commons' ProblemMappers. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    UriInfo uri;

    @Inject
    RequestId requestId;

    @ServerExceptionMapper
    public Response areaNotFound(AreaNotFoundException e) {
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
    public Response graphBusy(TransientException e) {
        LOG.warnf("graph busy for request %s: %s", requestId.value(), e.getMessage());
        return Response.fromResponse(problem(503, "graph-busy", "Service unavailable",
                "The network graph could not answer this request just now; try again shortly.")).header("Retry-After", "5").build();
    }

    /** As many exports as the service writes at once are under way (kiezwerk.graph.concurrent-exports). */
    @ServerExceptionMapper
    public Response exportsBusy(ExportsBusyException e) {
        return Response.fromResponse(problem(503, "exports-busy", "Service unavailable", e.getMessage()))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response queryTimeout(QueryTimeoutException e) {
        return problem(422, "query-timeout", "Query timed out", e.getMessage());
    }

    /** Answered as any unknown path is: the affiliation or acquaintance is the resource. */
    @ServerExceptionMapper
    public Response personTieNotFound(PersonTieNotFoundException e) {
        return problem(404, "not-found", "Not Found", "There is no resource at " + uri.getPath() + ".");
    }

    @ServerExceptionMapper
    public Response personNotFound(PersonNotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tieNotFound(TieNotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tieVersion(TieVersionMismatchException e) {
        return problem(412, "version-mismatch", "Precondition failed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownActors(UnknownActorsException e) {
        return problem(422, "invalid-reference", "Unknown organisation", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tieRefused(TieRefusedException e) {
        return new Problem("/problems/" + e.type(), e.title(), 422, e.getMessage(), uri.getPath(),
                e.field() == null ? null : List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
    }

    /** A refused analyst query is an invalid parameter, like any other. */
    @ServerExceptionMapper
    public Response analystQueryRefused(AnalystQueryRefusedException e) {
        return Problem.response(400, "validation", "Invalid request", "The request has invalid parameters; see errors.",
                uri.getPath(), List.of(new Problem.FieldError("query", e.getMessage())));
    }

    private Response problem(int status, String type, String title, String detail) {
        return Problem.response(status, type, title, detail, uri.getPath(), null);
    }
}
