package org.kiezwerk.partner.api;

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
import org.kiezwerk.partner.domain.IdempotencyKeyReusedException;
import org.kiezwerk.partner.domain.PartnerNotFoundException;

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
            if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.stream(invalid.getTargetType().getEnumConstants())
                        .map(c -> jsonName((Enum<?>) c)).collect(Collectors.joining(", "));
            }
            return problem(400, "validation", "Invalid request", "The request has invalid fields; see errors.",
                    List.of(new Problem.FieldError(field, message)));
        }
        return problem(400, "malformed-json", "Malformed JSON",
                "The body is not well-formed JSON: " + e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(422, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response partnerNotFound(PartnerNotFoundException e) {
        return problem(404, "not-found", "Not found", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "HTTP " + status;
        String type = status == 404 ? "not-found" : "http-" + status;
        String detail = status == 404 ? "There is no resource at " + uri.getPath() + "." : e.getMessage();
        return problem(status, type, title, detail, null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "unexpected failure of request %s", requestId.value());
        return problem(500, "internal", "Internal error",
                "Something went wrong on our side; quote request id " + requestId.value() + " when you report it.", null);
    }

    private Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return new Problem("/problems/" + type, title, status, detail, uri.getPath(), errors).toResponse();
    }

    /** The JSON field of a violation: the property path without the method and parameter names. */
    private static String field(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                field = field == null ? node.getName() : field + "." + node.getName();
            }
        }
        if (field == null) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER && "idempotencyKey".equals(node.getName())) {
                    return "Idempotency-Key";
                }
            }
        }
        return field != null ? field : "body";
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
