package org.kiezwerk.gateway.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.domain.AccessDenied;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.Scope;

/** The gateway's access rules: which scope a method and path need, and who has it. */
class AccessRulesTest {

    private static final String PARTNER = "/api/v1/partners/9f32d001-59a8-4643-b98c-83c6b6228d6b";

    @Test
    void readingThePublicDirectoryEventsAndNetworkNeedsNobody() {
        for (String method : new String[] {"GET", "HEAD", "OPTIONS"}) {
            for (String path : new String[] {PARTNER, "/api/v1/offers", "/hsds/services", "/api/v1/events/calendar.ics",
                    "/api/v1/network/actors", "/api/v1/analytics/partner-suggestions"}) {
                assertEquals(Optional.empty(), AccessPolicy.required(method, path), method + " " + path);
                assertDoesNotThrow(() -> AccessPolicy.check(Caller.ANONYMOUS, method, path));
            }
        }
    }

    @Test
    void readingWhatIsNotPublicNeedsItsScope() {
        assertEquals(Optional.of(Scope.WRITE_PARTNERS), AccessPolicy.required("GET", "/api/v1/partners/imports/1"));
        assertEquals(Optional.of(Scope.ANALYTICS), AccessPolicy.required("GET", "/api/v1/analytics/cypher"));
        assertEquals(Optional.of(Scope.ANALYTICS), AccessPolicy.required("GET", "/api/v1/analytics/saved-queries/x"));
        assertEquals(Optional.of(Scope.ADMIN), AccessPolicy.required("GET", "/api/v1/admin/api-keys"));
        assertEquals(Optional.of(Scope.READ), AccessPolicy.required("GET", "/api/v1/webhooks"));
    }

    @Test
    void everyWriteNeedsTheScopeOfTheServiceItChanges() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertEquals(Optional.of(Scope.WRITE_PARTNERS), AccessPolicy.required(method, PARTNER));
            assertEquals(Optional.of(Scope.WRITE_PARTNERS), AccessPolicy.required(method, "/api/v1/resources/1"));
            assertEquals(Optional.of(Scope.WRITE_PARTNERS), AccessPolicy.required(method, "/hsds/services"));
            assertEquals(Optional.of(Scope.WRITE_EVENTS), AccessPolicy.required(method, "/api/v1/events/1"));
            assertEquals(Optional.of(Scope.WRITE_NETWORK), AccessPolicy.required(method, "/api/v1/network/ties"));
            assertEquals(Optional.of(Scope.ANALYTICS), AccessPolicy.required(method, "/api/v1/analytics/saved-queries"));
            assertEquals(Optional.of(Scope.ADMIN), AccessPolicy.required(method, "/api/v1/admin/api-keys"));
            assertEquals(Optional.of(Scope.READ), AccessPolicy.required(method, "/api/v1/webhooks/1"));
        }
    }

    @Test
    void nobodyCallingIs401ACallerWithoutTheScope403() {
        AccessDenied anonymous = assertThrows(AccessDenied.class, () -> AccessPolicy.check(Caller.ANONYMOUS, "POST", PARTNER));
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.getMessage().contains("partners:write"), anonymous.getMessage());
        Caller reader = new Caller("key:1", "reader", EnumSet.of(Scope.READ), Set.of());
        AccessDenied forbidden = assertThrows(AccessDenied.class, () -> AccessPolicy.check(reader, "DELETE", "/api/v1/events/1"));
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.getMessage().contains("events:write"), forbidden.getMessage());
        assertDoesNotThrow(() -> AccessPolicy.check(reader, "GET", "/api/v1/webhooks"));
    }

    @Test
    void anAdminMayEverything() {
        Caller admin = new Caller("key:2", "admin", EnumSet.of(Scope.ADMIN), Set.of());
        for (String path : new String[] {PARTNER, "/api/v1/events/1", "/api/v1/network/ties", "/api/v1/analytics/cypher",
                "/api/v1/admin/api-keys", "/api/v1/webhooks"}) {
            assertDoesNotThrow(() -> AccessPolicy.check(admin, "POST", path));
        }
    }

    @Test
    void rolesGrantScopesAnEditorWritesButNeverAdministers() {
        assertEquals(EnumSet.of(Scope.READ, Scope.WRITE_PARTNERS, Scope.WRITE_EVENTS, Scope.WRITE_NETWORK), Scope.grantedBy("editor"));
        assertEquals(Scope.grantedBy("editor"), Scope.grantedBy("coordinator"));
        assertEquals(EnumSet.of(Scope.READ, Scope.ANALYTICS), Scope.grantedBy("analyst"));
        assertEquals(EnumSet.allOf(Scope.class), Scope.grantedBy("admin"));
        assertEquals(EnumSet.noneOf(Scope.class), Scope.grantedBy("visitor"));
        // an editor bound to an organisation passes the gateway for any partner: only the partner-service
        // knows which partner a write changes and checks the organisations the signed identity names
        Caller editor = new Caller("person:e", "Editor", Scope.grantedBy("editor"), Set.of(UUID.randomUUID()));
        assertDoesNotThrow(() -> AccessPolicy.check(editor, "PATCH", PARTNER));
        assertEquals(403, assertThrows(AccessDenied.class, () -> AccessPolicy.check(editor, "POST", "/api/v1/admin/api-keys")).status());
        assertEquals(403, assertThrows(AccessDenied.class, () -> AccessPolicy.check(editor, "POST", "/api/v1/analytics/cypher")).status());
    }
}
