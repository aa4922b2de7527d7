package org.kiezwerk.network.api;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;

/**
 * Which persons a caller may see by name; who may call an operation is said on its resource method
 * (service-commons' {@code CallerRules}, {@code NotForEditors}).
 */
public final class CallerAccess {

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

    private CallerAccess() {
    }
}
