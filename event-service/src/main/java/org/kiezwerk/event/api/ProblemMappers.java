package org.kiezwerk.event.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.event.domain.IdempotencyKeyReusedException;
import jakarta.persistence.OptimisticLockException;
import org.kiezwerk.event.domain.InvalidEventException;
import org.kiezwerk.event.domain.NotFoundException;
import org.kiezwerk.event.domain.VersionMismatchException;

/** Turns every failure into RFC 9457 problem+json: clear for the caller, never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    UriInfo uri;

    @Inject
    RequestId requestId;

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return problem(400, "validation", "Invalid request", "The request has invalid fields; see errors.", errors);
    }

    // Quarkus brings its own mappers for some Jackson exceptions; these, being ours, win.
    @ServerExceptionMapper({JsonProcessingException.class, com.fasterxml.jackson.core.JsonParseException.class,
            JsonMappingException.class, com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
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
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return problem(400, "malformed-json", "Malformed JSON", "The body is not well-formed JSON"
                + (at != null && at.getLineNr() > 0 ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")." : "."), null);
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(422, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage(), null);
    }

    /** An area filter naming an area nobody knows: a 404 naming the parameter, never an empty success. */
    @ServerExceptionMapper
    public Response areaNotFound(org.kiezwerk.event.domain.AreaNotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage(),
                List.of(new Problem.FieldError(e.field(), "there is no neighbourhood with code '" + e.code() + "'")));
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return problem(400, "validation", "Invalid request", "The request has invalid parameters; see errors.",
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
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

    /** Two writers at the same moment: the later one loses, as with a stale If-Match. */
    @ServerExceptionMapper({OptimisticLockException.class, org.hibernate.StaleStateException.class})
    public Response concurrentChange(Exception e) {
        return problem(412, "version-mismatch", "Precondition failed",
                "The record was changed by someone else at the same moment; read it again and retry.", null);
    }

    /** A unique key taken by a concurrent write (e.g. two PUTs creating one id). */
    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e) {
        LOG.infof("constraint %s refused a write of request %s", e.getConstraintName(), requestId.value());
        return problem(409, "conflict", "Conflict",
                "The change collides with another record (" + e.getConstraintName() + "); read the current state and retry.", null);
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

    @ServerExceptionMapper
    public Response aggregateTooLarge(org.kiezwerk.event.domain.AggregateTooLargeException e) {
        return problem(422, "aggregate-too-large", "Too much for one event", e.getMessage(), null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (DependencyOutage.isOutage(e)) {
            LOG.warnf("request %s: the database is unreachable: %s", requestId.value(), e);
            return new Problem("/problems/unavailable", "Service unavailable", 503,
                    "The events' database cannot be reached just now; nothing was changed. Retry after a few seconds.",
                    uri.getPath(), null).toResponse(DependencyOutage.RETRY_AFTER_SECONDS);
        }
        LOG.errorf(e, "unexpected failure of request %s", requestId.value());
        return problem(500, "internal", "Internal error",
                "Something went wrong on our side; quote request id " + requestId.value() + " when you report it.", null);
    }

    private Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return new Problem("/problems/" + type, title, status, detail, uri.getPath(), errors).toResponse();
    }

    /** The JSON field of a violation, such as schedules[0].byDay: the property path without method and parameter. */
    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            jakarta.validation.ElementKind kind = node.getKind();
            if (kind != jakarta.validation.ElementKind.PROPERTY && kind != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            // an element of a list: the index belongs to the list before it
            if (node.isInIterable() && node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (kind == jakarta.validation.ElementKind.PROPERTY) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        if (field.isEmpty()) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER && "idempotencyKey".equals(node.getName())) {
                    return "Idempotency-Key";
                }
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String jsonName(Enum<?> constant) {
        try {
            com.fasterxml.jackson.annotation.JsonProperty name = constant.getDeclaringClass()
                    .getField(constant.name()).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return name != null ? name.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }
}
