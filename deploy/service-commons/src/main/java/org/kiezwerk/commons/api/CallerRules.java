package org.kiezwerk.commons.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Defence in depth: the gateway checks every caller, and each service checks again. A caller's
 * identity is the JWT the gateway signed (verified by smallrye-jwt with the gateway's public key);
 * a forged or expired one is refused with 401 ({@link AuthenticationProblems}), a write without one
 * too, and a write without the scope it needs with 403. An editor's identity names the organisations
 * they may change; the resources check those with {@link #requireMayEdit}. A service's filter
 * extends this with its own rules: which scope a path needs, and what an editor may change.
 */
public abstract class CallerRules implements ContainerRequestFilter {

    @Inject
    protected SecurityIdentity identity;

    /** The scope a request needs in this service; empty for what anyone may read. */
    protected abstract Optional<String> requiredScope(String method, String path);

    /** What an editor bound to organisations may do with a request the scope allowed. */
    protected abstract void editorRule(String scope, String path);

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        Optional<String> needed = requiredScope(request.getMethod(), path);
        if (needed.isEmpty()) {
            return;
        }
        if (mayUse(identity, needed.get())) {
            editorRule(needed.get(), path);
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

    public static boolean mayUse(SecurityIdentity identity, String scope) {
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
                String text = value instanceof JsonString json ? json.getString() : value.toString().replace("\"", "");
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
}
