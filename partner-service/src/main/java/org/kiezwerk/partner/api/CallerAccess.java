package org.kiezwerk.partner.api;

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

    private static final java.util.regex.Pattern ONE_PARTNER =
            java.util.regex.Pattern.compile("/api/v1/partners/([0-9a-fA-F-]{36})(?:/confirmation)?");

    /**
     * Editors change (and confirm) their own partner record, offers and resources (checked by the
     * resources), nothing else.
     */
    private void editorRule(String path) {
        java.util.regex.Matcher partner = ONE_PARTNER.matcher(path);
        if (partner.matches()) {
            requireMayEdit(identity, Set.of(UUID.fromString(partner.group(1))), "the record");
        } else if (!path.startsWith("/api/v1/offers") && !path.startsWith("/api/v1/resources")) {
            requireUnbound(identity, "change " + path);
        }
    }

    /** The scope a request needs here; empty for what anyone may read. */
    static Optional<String> requiredScope(String method, String path) {
        boolean reading = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (reading) {
            // import reports carry rows that are not (yet) public
            return path.startsWith("/api/v1/partners/imports") ? Optional.of("partners:write") : Optional.empty();
        }
        return path.startsWith("/api/v1/") || path.startsWith("/hsds") ? Optional.of("partners:write") : Optional.empty();
    }

    static boolean mayUse(SecurityIdentity identity, String scope) {
        return !identity.isAnonymous() && (identity.hasRole(scope) || identity.hasRole("admin"));
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
