package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.commons.api.Problem;
import org.kiezwerk.commons.outbox.MessageTooLargeException;
import org.kiezwerk.partner.domain.AggregateTooLargeException;
import org.kiezwerk.partner.domain.ConflictException;
import org.kiezwerk.partner.domain.ExportsBusyException;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.LikelyDuplicateException;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.VersionMismatchException;

/** The directory's own refusals as problem+json; everything else is mapped by service-commons' ProblemMappers. */
public class DomainProblems {

    @Inject
    UriInfo uri;

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response invalidReference(InvalidReferenceException e) {
        return problem(422, "invalid-reference", "Unknown or unfitting reference",
                "The request names things that do not exist or do not fit; see errors.",
                e.problems().stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList());
    }

    @ServerExceptionMapper
    public Response versionMismatch(VersionMismatchException e) {
        return problem(412, "version-mismatch", "Precondition failed", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response likelyDuplicate(LikelyDuplicateException e) {
        return new LikelyDuplicate("/problems/likely-duplicate", "Likely duplicate", 409, e.getMessage(), uri.getPath(),
                e.candidates()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return problem(409, "conflict", "Conflict", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response aggregateTooLarge(AggregateTooLargeException e) {
        return problem(422, "aggregate-too-large", "Too much for one partner", e.getMessage(), null);
    }

    /** As many ndjson answers as the service writes at once are under way (kiezwerk.hsds.concurrent-exports). */
    @ServerExceptionMapper
    public Response exportsBusy(ExportsBusyException e) {
        return new Problem("/problems/exports-busy", "Service unavailable", 503, e.getMessage(), uri.getPath(), null).toResponse(5);
    }

    /** The outbox's limit, in the directory's words. */
    @ServerExceptionMapper
    public Response messageTooLarge(MessageTooLargeException e) {
        return aggregateTooLarge(new AggregateTooLargeException(e.aggregateType(), e.size(), e.limit()));
    }

    private Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return Problem.response(status, type, title, detail, uri.getPath(), errors);
    }

    /** A problem that also names the existing partners a new one looks like. */
    @Schema(name = "LikelyDuplicateProblem", description = "RFC 9457 problem details with the likely duplicates.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LikelyDuplicate(String type, String title, int status, String detail, String instance,
            @Schema(description = "The existing partners a new one looks like.") List<LikelyDuplicateException.Candidate> candidates) {

        Response toResponse() {
            return Response.status(status).header(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).entity(this).build();
        }
    }
}
