package org.kiezwerk.commons.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.commons.domain.NotYourOrganisationException;
import org.kiezwerk.commons.idempotency.IdempotencyKeyReusedException;

/**
 * Turns every failure into RFC 9457 problem+json: clear for the caller, never a stack trace. The
 * services map their own domain exceptions beside these ({@link Problem#response}); the database's
 * refusals are mapped by {@link DatabaseProblemMappers}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    UriInfo uri;

    @Inject
    RequestId requestId;

    /** What a 503 says when the service's database is away ("The directory's database cannot be reached just now; ..."). */
    @ConfigProperty(name = "kiezwerk.api.outage-detail", defaultValue = "The database cannot be reached just now;"
            + " nothing was changed. Retry after a few seconds.")
    String outageDetail;

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return problem(400, "validation", "Invalid request", "The request has invalid fields; see errors.", errors);
    }

    // Quarkus brings its own mappers for some Jackson exceptions; these, being ours, win.
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class,
            JsonMappingException.class, MismatchedInputException.class,
            InvalidFormatException.class})
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = "has the wrong type or format";
            if (e instanceof InvalidFormatException invalid && NulCharacters.refused(invalid)) {
                message = NulCharacters.MESSAGE;
            } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.stream(invalid.getTargetType().getEnumConstants())
                        .map(c -> jsonName((Enum<?>) c)).collect(Collectors.joining(", "));
            }
            return problem(400, "validation", "Invalid request", "The request has invalid fields; see errors.",
                    List.of(new Problem.FieldError(field, message)));
        }
        if (e instanceof JsonMappingException) {
            // well-formed, but not the shape asked for as a whole (an array for an object, say); the
            // parser's own words would name our classes
            return problem(400, "validation", "Invalid request", "The request has invalid fields; see errors.",
                    List.of(new Problem.FieldError("body", "must be a JSON object as the API document describes")));
        }
        JsonLocation at = e.getLocation();
        return problem(400, "malformed-json", "Malformed JSON", "The body is not well-formed JSON"
                + (at != null && at.getLineNr() > 0 ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")." : "."), null);
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(422, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage(), null);
    }


    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return problem(400, "validation", "Invalid request", "The request has invalid parameters; see errors.",
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }







    @ServerExceptionMapper
    public Response notYourOrganisation(NotYourOrganisationException e) {
        return problem(403, "forbidden", "Forbidden", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "HTTP " + status;
        String type = status == 404 ? "not-found" : status == 403 ? "forbidden" : "http-" + status;
        String detail = status == 404 ? "There is no resource at " + uri.getPath() + "." : e.getMessage();
        return problem(status, type, title, detail, null);
    }


    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (DependencyOutage.isOutage(e)) {
            LOG.warnf("request %s: the database is unreachable: %s", requestId.value(), e);
            return new Problem("/problems/unavailable", "Service unavailable", 503,
                    outageDetail, uri.getPath(), null).toResponse(DependencyOutage.RETRY_AFTER_SECONDS);
        }
        LOG.errorf(e, "unexpected failure of request %s", requestId.value());
        return problem(500, "internal", "Internal error",
                "Something went wrong on our side; quote request id " + requestId.value() + " when you report it.", null);
    }

    private Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return Problem.response(status, type, title, detail, uri.getPath(), errors);
    }

    /** The JSON field of a violation, such as schedules[0].byDay: the property path without method and parameter. */
    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            // an element of a list: the index belongs to the list before it
            if (node.isInIterable() && node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (kind == ElementKind.PROPERTY) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        if (field.isEmpty()) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER && "idempotencyKey".equals(node.getName())) {
                    return "Idempotency-Key";
                }
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String jsonName(Enum<?> constant) {
        try {
            JsonProperty name = constant.getDeclaringClass()
                    .getField(constant.name()).getAnnotation(JsonProperty.class);
            return name != null ? name.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }
}
