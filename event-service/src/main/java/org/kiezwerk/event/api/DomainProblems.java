package org.kiezwerk.event.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.outbox.MessageTooLargeException;
import org.kiezwerk.event.domain.AggregateTooLargeException;
import org.kiezwerk.event.domain.AreaNotFoundException;
import org.kiezwerk.event.domain.FeedsBusyException;
import org.kiezwerk.event.domain.InvalidEventException;
import org.kiezwerk.event.domain.NotFoundException;
import org.kiezwerk.event.domain.VersionMismatchException;

/** The events' own refusals as problem+json; everything else is mapped by service-commons' ProblemMappers. */
public class DomainProblems {

    @Inject
    UriInfo uri;

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage(), null);
    }

    /** An area filter naming an area nobody knows: a 404 naming the parameter, never an empty success. */
    @ServerExceptionMapper
    public Response areaNotFound(AreaNotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage(),
                List.of(new Problem.FieldError(e.field(), "there is no neighbourhood with code '" + e.code() + "'")));
    }

    @ServerExceptionMapper
    public Response invalidEvent(InvalidEventException e) {
        return problem(422, "invalid-event", "Unknown partner or broken rule",
                "The event names partners the directory does not have, or breaks a rule; see errors.",
                e.problems().stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList());
    }

    @ServerExceptionMapper
    public Response versionMismatch(VersionMismatchException e) {
        return problem(412, "version-mismatch", "Precondition failed", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response aggregateTooLarge(AggregateTooLargeException e) {
        return problem(422, "aggregate-too-large", "Too much for one event", e.getMessage(), null);
    }

    /** The outbox's limit, in the events' words. */
    /** As many large feeds as the service writes at once are under way (kiezwerk.events.concurrent-large-feeds). */
    @ServerExceptionMapper
    public Response feedsBusy(FeedsBusyException e) {
        return new Problem("/problems/feeds-busy", "Service unavailable", 503, e.getMessage(), uri.getPath(), null).toResponse(5);
    }

    @ServerExceptionMapper
    public Response messageTooLarge(MessageTooLargeException e) {
        return aggregateTooLarge(new AggregateTooLargeException(e.aggregateType(), e.size(), e.limit()));
    }

    private Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return Problem.response(status, type, title, detail, uri.getPath(), errors);
    }
}
