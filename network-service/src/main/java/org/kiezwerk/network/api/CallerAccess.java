package org.kiezwerk.network.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Defence in depth: the gateway checks every caller, and this service checks again. A caller's
 * identity is the JWT the gateway signed (verified by smallrye-jwt with the gateway's public key);
 * a forged or expired one is refused with 401, a write without one too, and a write without the
 * scope it needs with 403. An editor's identity names the organisations they may change; the
 * resources check those with {@link #requireMayEdit}.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CallerAccess implements ContainerRequestFilter {

    @Inject
    SecurityIdentity identity;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        Optional<String> needed = requiredScope(request.getMethod(), path);
        if (needed.isEmpty()) {
            return;
        }
        if (mayUse(identity, needed.get())) {
            if (!needed.get().equals("analytics")) {
                editorRule(path);
            }
            return;
        }
        boolean anonymous = identity.isAnonymous();
        int status = anonymous ? 401 : 403;
        String detail = anonymous
                ? request.getMethod() + " " + path + " needs a caller with the scope '" + needed.get() + "' (call through the gateway with an API key or a bearer token)."
                : "Your identity lacks the scope '" + needed.get() + "' that " + request.getMethod() + " " + path + " needs.";
        request.abortWith(new Problem(anonymous ? "/problems/unauthenticated" : "/problems/forbidden",
                anonymous ? "Authentication required" : "Forbidden", status, detail, path, null).toResponse());
    }

    /** Editors assert and confirm their organisations' ties (checked by the tie resource), nothing else. */
    private void editorRule(String path) {
        if (!path.startsWith("/api/v1/network/ties")) {
            requireUnbound(identity, "change " + path);
        }
    }

    /** The scope a request needs here; empty for what anyone may read. */
    static Optional<String> requiredScope(String method, String path) {
        boolean reading = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (path.startsWith("/api/v1/analytics/cypher") || path.startsWith("/api/v1/analytics/saved-queries")) {
            return Optional.of("analytics");
        }
        if (reading) {
            return Optional.empty();
        }
        if (path.startsWith("/api/v1/analytics")) {
            return Optional.of("analytics");
        }
        return path.startsWith("/api/v1/") ? Optional.of("network:write") : Optional.empty();
    }

    static boolean mayUse(SecurityIdentity identity, String scope) {
        return !identity.isAnonymous() && (identity.hasRole(scope) || identity.hasRole("admin"));
    }

    /**
     * The consent scopes of the persons this caller may see by name: the public, network members
     * (any caller the gateway vouches for with read), and for admins everyone.
     */
    public static java.util.Set<String> visibleScopes(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return Set.of("public");
        }
        if (identity.hasRole("admin")) {
            return Set.of("public", "network_members", "analysts");
        }
        return identity.hasRole("read") ? Set.of("public", "network_members") : Set.of("public");
    }

    /** The organisations an editor is bound to; empty when the caller is bound to none (a system, a coordinator, an admin). */
    public static Optional<Set<UUID>> boundTo(SecurityIdentity identity) {
        if (identity.isAnonymous() || identity.hasRole("admin") || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        Object claim = token.getClaim("organisations");
        Set<UUID> ids = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString().replace("\"", "");
                ids.add(UUID.fromString(text));
            }
        }
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
    }

    /** Refuses (403) an editor who changes something of an organisation that is not theirs. */
    public static void requireMayEdit(SecurityIdentity identity, Collection<UUID> organisations, String what) {
        Optional<Set<UUID>> bound = boundTo(identity);
        if (bound.isPresent() && (organisations.isEmpty() || !bound.get().containsAll(organisations))) {
            throw new ForbiddenException("You may change only " + what + " of the organisations you edit.");
        }
    }

    /** Refuses (403) an editor altogether: what follows is for coordinators, systems and admins. */
    public static void requireUnbound(SecurityIdentity identity, String what) {
        if (boundTo(identity).isPresent()) {
            throw new ForbiddenException("Editors of single organisations may not " + what + "; ask a coordinator.");
        }
    }

    /** A forged, expired or foreign identity token: 401 problem, not an empty answer. */
    void authenticationProblems(@Observes Router router) {
        router.route().order(-1).failureHandler(context -> {
            if (context.failure() instanceof AuthenticationFailedException) {
                context.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("WWW-Authenticate", "Bearer")
                        .end(io.vertx.core.json.Json.encode(new Problem("/problems/unauthenticated", "Authentication required", 401,
                                "The identity token is invalid or has expired; call through the gateway.", context.request().path(), null)));
            } else {
                context.next();
            }
        });
    }
}
