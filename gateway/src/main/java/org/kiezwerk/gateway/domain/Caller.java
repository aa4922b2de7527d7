package org.kiezwerk.gateway.domain;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: anonymous, a system with an API key, or a person with a bearer token.
 *
 * @param subject stable id ({@code key:<id>}, {@code person:<sub>}, or {@code anonymous})
 * @param organisations the partners an editor may change; empty means no such restriction
 */
public record Caller(String subject, String name, Set<Scope> scopes, Set<UUID> organisations) {

    public static final Caller ANONYMOUS = new Caller("anonymous", "anonymous", EnumSet.noneOf(Scope.class), Set.of());

    public boolean anonymous() {
        return this == ANONYMOUS;
    }

    public boolean may(Scope scope) {
        return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
    }
}
