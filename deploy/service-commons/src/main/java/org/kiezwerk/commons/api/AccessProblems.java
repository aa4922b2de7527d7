package org.kiezwerk.commons.api;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Who may call a resource method is said on the method ({@code @RolesAllowed}, {@code @PermitAll});
 * Quarkus security refuses the rest. This turns its refusals into problem+json that name the scope
 * the operation needs, as every other refusal of the API does.
 */
public class AccessProblems {

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, ContainerRequestContext request, ResourceInfo resource) {
        String path = request.getUriInfo().getRequestUri().getPath();
        return new Problem("/problems/unauthenticated", "Authentication required", 401,
                request.getMethod() + " " + path + " needs a caller with the scope '" + neededScope(resource)
                        + "' (call through the gateway with an API key or a bearer token).", path, null)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request, ResourceInfo resource) {
        String path = request.getUriInfo().getRequestUri().getPath();
        return new Problem("/problems/forbidden", "Forbidden", 403,
                "Your identity lacks the scope '" + neededScope(resource) + "' that " + request.getMethod() + " " + path + " needs.",
                path, null).toResponse();
    }

    /** The scope named on the method (the admin role, which may do everything, is not a scope one asks for). */
    static String neededScope(ResourceInfo resource) {
        RolesAllowed roles = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null) {
            return "admin";
        }
        return Arrays.stream(roles.value()).filter(role -> !role.equals("admin")).collect(Collectors.joining("' or '"));
    }
}
