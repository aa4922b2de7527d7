package org.kiezwerk.commons.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.kiezwerk.commons.domain.Editor;
import org.kiezwerk.commons.domain.NotYourOrganisationException;

/**
 * Defence in depth: the gateway checks every caller, and each service checks again. A caller's
 * identity is the JWT the gateway signed (verified by smallrye-jwt with the gateway's public key);
 * a forged or expired one is refused with 401 ({@link AuthenticationProblems}). Which scope an
 * operation needs is said on its resource method ({@code @RolesAllowed}, {@code @PermitAll}; the
 * services refuse methods that say nothing), refusals are answered by {@link AccessProblems}. An
 * editor's identity names the organisations they may change: {@link NotForEditors} keeps them out
 * of what concerns more than one organisation, and the use cases check their own ones with the
 * {@link Editor} the resources hand them.
 */
public final class CallerRules {

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

    /** Who changes something, as the use cases decide about it. */
    public static Editor editor(SecurityIdentity identity) {
        return boundTo(identity).map(Editor::of).orElse(Editor.UNBOUND);
    }

    /** Refuses (403) an editor who changes something of an organisation that is not theirs. */
    public static void requireMayEdit(SecurityIdentity identity, Collection<UUID> organisations, String what) {
        editor(identity).requireMayEdit(organisations, what);
    }

    /** Refuses (403) an editor altogether: what follows is for coordinators, systems and admins. */
    public static void requireUnbound(SecurityIdentity identity, String what) {
        if (boundTo(identity).isPresent()) {
            throw new NotYourOrganisationException("Editors of single organisations may not " + what + "; ask a coordinator.");
        }
    }

    private CallerRules() {
    }
}
