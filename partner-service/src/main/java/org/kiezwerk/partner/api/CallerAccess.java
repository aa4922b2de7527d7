package org.kiezwerk.partner.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ForbiddenException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Defence in depth: the gateway checks every caller, and this service checks again. A caller's
 * identity is the JWT the gateway signed (verified by smallrye-jwt with the gateway's public key);
 * a forged or expired one is refused with 401. Which scope an operation needs is said on its
 * resource method ({@code @RolesAllowed}; {@code @PermitAll} for what anyone may read; {@link
 * NotForEditors} where editors of single organisations may not; {@link OwnRecordOnly} where they
 * may only for their own), and methods that say nothing are refused
 * ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}). Offers and resources are checked
 * against their partner with {@link #requireMayEdit}.
 */
@ApplicationScoped
public class CallerAccess {

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
