package org.kiezwerk.network.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;
import org.kiezwerk.commons.api.CallerRules;

/** Who may call what in network-service; the checks themselves are service-commons' {@link CallerRules}. */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CallerAccess extends CallerRules {

    /** Editors assert and confirm their organisations' ties (checked by the tie resource), nothing else; analyses are not changes. */
    @Override
    protected void editorRule(String scope, String path) {
        if (!scope.equals("analytics") && !path.startsWith("/api/v1/network/ties")) {
            requireUnbound(identity, "change " + path);
        }
    }

    @Override
    protected Optional<String> requiredScope(String method, String path) {
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

    /**
     * The consent scopes of the persons this caller may see by name: the public, network members
     * (any caller the gateway vouches for with read), and for admins everyone.
     */
    public static Set<String> visibleScopes(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return Set.of("public");
        }
        if (identity.hasRole("admin")) {
            return Set.of("public", "network_members", "analysts");
        }
        return identity.hasRole("read") ? Set.of("public", "network_members") : Set.of("public");
    }
}
