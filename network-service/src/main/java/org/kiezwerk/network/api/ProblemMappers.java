package org.kiezwerk.network.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.network.domain.ActorNotFoundException;
import org.kiezwerk.network.domain.AnalystQueryRefusedException;
import org.kiezwerk.network.domain.PersonNotFoundException;
import org.kiezwerk.network.domain.PersonTieNotFoundException;
import org.kiezwerk.network.domain.QueryTimeoutException;
import org.kiezwerk.network.domain.TieNotFoundException;
import org.kiezwerk.network.domain.TieRefusedException;
import org.kiezwerk.network.domain.TieVersionMismatchException;
import org.kiezwerk.network.domain.UnknownActorsException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/** Turns every failure into RFC 9457 problem+json: clear for the caller, never a stack trace. */
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
    public Response queryTimeout(QueryTimeoutException e) {
        return problem(422, "query-timeout", "Query timed out", e.getMessage());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = status == 404 ? "There is no resource at " + uri.getPath() + "." : e.getMessage();
        return problem(status, status == 404 ? "not-found" : status == 403 ? "forbidden" : "http-" + status,
                known != null ? known.getReasonPhrase() : "HTTP " + status, detail);
    }

    /** Answered as any unknown path is (see http above): the affiliation or acquaintance is the resource. */
    @ServerExceptionMapper
    public Response personTieNotFound(PersonTieNotFoundException e) {
        return http(new jakarta.ws.rs.NotFoundException(e.getMessage()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "unexpected failure of request %s", requestId.value());
        return problem(500, "internal", "Internal error",
                "Something went wrong on our side; quote request id " + requestId.value() + " when you report it.");
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
                e.field() == null ? null : java.util.List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response validation(jakarta.validation.ConstraintViolationException e) {
        java.util.List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field)).toList();
        return new Problem("/problems/validation", "Invalid request", 400, "The request has invalid fields; see errors.",
                uri.getPath(), errors).toResponse();
    }

    @ServerExceptionMapper({com.fasterxml.jackson.core.JsonProcessingException.class,
            com.fasterxml.jackson.databind.JsonMappingException.class,
            com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
            com.fasterxml.jackson.databind.exc.InvalidFormatException.class})
    public Response unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            // the field's path (the whole body when empty); the parser's own words would name our classes
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
            String message = field.isEmpty() ? "must be a JSON object as the API document describes"
                    : e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid && NulCharacters.refused(invalid)
                            ? NulCharacters.MESSAGE : "has the wrong type or format";
            return new Problem("/problems/validation", "Invalid request", 400, "The request has invalid fields; see errors.",
                    uri.getPath(), java.util.List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, message))).toResponse();
        }
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return problem(400, "malformed-json", "Malformed JSON", "The body is not well-formed JSON"
                + (at != null && at.getLineNr() > 0 ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")." : "."));
    }

    private static String field(jakarta.validation.ConstraintViolation<?> violation) {
        String field = null;
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                field = field == null ? node.getName() : field + "." + node.getName();
            }
        }
        return field == null ? "body" : field;
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return invalidParameter(e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response analystQueryRefused(AnalystQueryRefusedException e) {
        return invalidParameter("query", e.getMessage());
    }

    private Response invalidParameter(String field, String message) {
        return new Problem("/problems/validation", "Invalid request", 400, "The request has invalid parameters; see errors.",
                uri.getPath(), java.util.List.of(new Problem.FieldError(field, message))).toResponse();
    }

    private Response problem(int status, String type, String title, String detail) {
        return new Problem("/problems/" + type, title, status, detail, uri.getPath(), null).toResponse();
    }
}
