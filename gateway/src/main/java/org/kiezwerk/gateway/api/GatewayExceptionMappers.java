package org.kiezwerk.gateway.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.gateway.domain.AccessDenied;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.InvalidWebhook;
import org.kiezwerk.gateway.domain.Scope;
import org.kiezwerk.gateway.repository.ApiKeyStore;
import org.kiezwerk.gateway.service.AccessPolicy;
import org.kiezwerk.gateway.service.Embeds;

/**
 * How the gateway's own endpoints (admin, webhooks, embedding, the API document) answer a refusal: as
 * problem+json, written by {@link GatewayProblems} like the routed requests' refusals. The framework's
 * exceptions in general (a 404 above all) are not mapped here: a path no endpoint of the gateway has
 * falls through to the proxy routes and their 404. The resources that read bodies map those
 * ({@link #unreadable}, {@link #framework}) for themselves.
 */
public class GatewayExceptionMappers {

    private static final Logger LOG = Logger.getLogger(GatewayExceptionMappers.class);

    @Inject
    SecurityIdentity identity;

    /** Refusals the framework makes before a resource is chosen: a method the path does not have (405), a media type it cannot give (406) or take (415). */
    @ServerExceptionMapper({NotAllowedException.class, NotAcceptableException.class, NotSupportedException.class})
    public Response refused(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 405 -> "This resource does not take that method; see Allow.";
            case 406 -> "This resource cannot answer in the media type asked for (Accept).";
            case 415 -> "This resource does not take a body of that media type (Content-Type).";
            default -> e.getResponse().getStatusInfo().getReasonPhrase();
        };
        Response.ResponseBuilder answer = answer(status, GatewayProblems.body("/problems/http-" + status,
                e.getResponse().getStatusInfo().getReasonPhrase(), status, detail, uri.getPath()).encode())
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer").header("Content-Security-Policy", SecurityHeaders.POLICY);
        return keepAdvice(e, answer).build();
    }

    @ServerExceptionMapper
    public Response problem(Problem e, UriInfo uri) {
        Response.ResponseBuilder answer = answer(e.status, e.body(uri.getPath()));
        e.headers.forEach(answer::header);
        return answer.build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidWebhook e, UriInfo uri) {
        return problem(Problem.invalid(e.field(), e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response denied(AccessDenied e, UriInfo uri) {
        Response.ResponseBuilder answer = answer(e.status(), GatewayProblems.accessDenied(e.status(), e.getMessage(), uri.getPath()));
        if (e.status() == 401) {
            answer.header("WWW-Authenticate", GatewayProblems.CHALLENGE);
        }
        return answer.build();
    }

    /** Nobody calling a resource that names the scopes it needs (@RolesAllowed): refused as the proxied routes refuse. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, Request request, ResourceInfo resource) {
        return denied(AccessPolicy.refusal(Caller.ANONYMOUS, needed(resource), request.getMethod(), uri.getPath()), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, Request request, ResourceInfo resource) {
        Caller caller = identity.getAttribute(CallerAuthentication.CALLER);
        return denied(AccessPolicy.refusal(caller == null ? Caller.ANONYMOUS : caller, needed(resource), request.getMethod(),
                uri.getPath()), uri);
    }

    /** Credentials that are present but wrong, or that cannot be checked (the key store is down). */
    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AccessDenied denied) {
                return denied(denied, uri);
            }
            if (cause instanceof ApiKeyStore.Unavailable unavailable) {
                return keyStoreUnavailable(unavailable, uri);
            }
        }
        return denied(AccessDenied.unauthenticated("The credentials were not accepted."), uri);
    }

    /** The scope a resource method needs: the first role its @RolesAllowed (or its class's) names. */
    private static Scope needed(ResourceInfo resource) {
        RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return Scope.of(allowed.value()[0]).orElseThrow();
    }

    @ServerExceptionMapper
    public Response keyStoreUnavailable(ApiKeyStore.Unavailable e, UriInfo uri) {
        LOG.warnf("%s: %s", uri.getPath(), e.getMessage());
        return answer(503, GatewayProblems.keyStoreUnavailable(uri.getPath())).header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response directoryUnavailable(Embeds.Unavailable e, UriInfo uri) {
        LOG.warnf("%s: %s", uri.getPath(), e.getMessage());
        return problem(EmbedPage.problem(new Problem(503, "/problems/upstream-503", "Service unavailable",
                "partner-service is not reachable at the moment; try again shortly.")), uri);
    }

    /** A body that is not the JSON the resource reads. */
    static Response unreadable(UriInfo uri) {
        return answer(400, GatewayProblems.malformedBody(uri.getPath())).build();
    }

    /** The framework's own refusals within a resource (malformed JSON, a wrong type): problem+json, naming nothing internal. */
    static Response framework(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 405 || status == 406 || status == 415) {
            return new GatewayExceptionMappers().refused(e, uri);
        }
        if (status == 400) {
            return keepAdvice(e, answer(400, GatewayProblems.malformedBody(uri.getPath()))).build();
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return keepAdvice(e, answer(status, GatewayProblems.body("/problems/http-" + status, reason, status, reason, uri.getPath())
                .encode())).build();
    }

    private static Response.ResponseBuilder answer(int status, String problem) {
        return Response.status(status).type(GatewayProblems.MEDIA_TYPE).entity(problem);
    }

    /** Keeps what the framework says the caller may do instead (Allow for 405). */
    private static Response.ResponseBuilder keepAdvice(WebApplicationException e, Response.ResponseBuilder answer) {
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer;
    }
}
