package org.kiezwerk.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.Scope;

/** The roles @RolesAllowed sees: a caller's scopes, all of them for an admin. */
class CallerAuthenticationTest {

    @Test
    void theRolesAreTheScopesCodes() {
        assertEquals(Set.of("read", "events:write"),
                CallerAuthentication.roles(new Caller("key:1", "k", EnumSet.of(Scope.READ, Scope.WRITE_EVENTS), Set.of())));
        assertEquals(Set.of(), CallerAuthentication.roles(Caller.ANONYMOUS));
    }

    @Test
    void anAdminHasEveryRole() {
        assertEquals(Set.of("read", "partners:write", "events:write", "network:write", "analytics", "admin"),
                CallerAuthentication.roles(new Caller("key:2", "k", EnumSet.of(Scope.ADMIN), Set.of())));
    }
}
