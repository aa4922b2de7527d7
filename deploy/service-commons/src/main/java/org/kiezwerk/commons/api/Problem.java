package org.kiezwerk.commons.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error answer. */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @Schema(examples = "/problems/validation") String type,
        String title,
        int status,
        String detail,
        @Schema(description = "The request path this answer is about.") String instance,
        @Schema(description = "One entry per invalid field or parameter (validation problems), or the parameter that named what does not exist.")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    /** The usual answer: a problem type under /problems/, about the request path {@code instance}. */
    public static Response response(int status, String type, String title, String detail, String instance,
            List<FieldError> errors) {
        return new Problem("/problems/" + type, title, status, detail, instance, errors).toResponse();
    }

    public Response toResponse() {
        return Response.status(status).header(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE).entity(this).build();
    }

    /** With Retry-After, for answers that will be different soon (a dependency down, overload). */
    public Response toResponse(int retryAfterSeconds) {
        return Response.status(status).header(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).entity(this).build();
    }
}
