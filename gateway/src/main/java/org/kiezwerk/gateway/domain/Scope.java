package org.kiezwerk.gateway.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller may do. API keys carry scopes directly; people's roles grant a set of them. The
 * services receive them as the {@code groups} of the identity the gateway signs.
 */
public enum Scope {
    /** Read what a network member may see (beyond the public directory). */
    READ("read"),
    WRITE_PARTNERS("partners:write"),
    WRITE_EVENTS("events:write"),
    WRITE_NETWORK("network:write"),
    ANALYTICS("analytics"),
    /** Everything, and managing API keys. */
    ADMIN("admin");

    private final String code;

    Scope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Scope> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    /** The scopes a person's role grants: editors and coordinators write, analysts analyse, admins do all. */
    public static Set<Scope> grantedBy(String role) {
        return switch (role) {
            case "editor", "coordinator" -> EnumSet.of(READ, WRITE_PARTNERS, WRITE_EVENTS, WRITE_NETWORK);
            case "analyst" -> EnumSet.of(READ, ANALYTICS);
            case "admin" -> EnumSet.allOf(Scope.class);
            default -> EnumSet.noneOf(Scope.class);
        };
    }
}
