package org.kiezwerk.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.config.GatewayConfig;
import org.kiezwerk.gateway.domain.AccessDenied;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.Scope;

/** A person's token as a caller: the scopes of their roles, and an editor bound to the organisations it names. */
class CallersTest {

    private static final String ISSUER = "kiezwerk-local";
    private final Callers callers = new Callers(null, config());

    @Test
    void anEditorIsBoundToTheOrganisationsTheTokenNames() throws Exception {
        UUID partner = UUID.randomUUID();
        Caller editor = callers.identify(null, bearer(Set.of("editor"), List.of(partner.toString())));
        assertEquals("person:someone", editor.subject());
        assertEquals(Set.of(partner), editor.organisations());
        assertTrue(editor.may(Scope.WRITE_PARTNERS));
    }

    @Test
    void anEditorWithoutOrganisationsIsRefused() throws Exception {
        AccessDenied denied = assertThrows(AccessDenied.class, () -> callers.identify(null, bearer(Set.of("editor"), null)));
        assertEquals(403, denied.status());
        AccessDenied malformed = assertThrows(AccessDenied.class, () -> callers.identify(null, bearer(Set.of("editor"), List.of("nine"))));
        assertEquals(401, malformed.status());
    }

    @Test
    void aCoordinatorOrAdminIsBoundToNone() throws Exception {
        assertEquals(Set.of(), callers.identify(null, bearer(Set.of("editor", "coordinator"), List.of(UUID.randomUUID().toString())))
                .organisations());
        assertTrue(callers.identify(null, bearer(Set.of("admin"), null)).may(Scope.ADMIN));
    }

    @Test
    void nobodyWrongOrBothCredentials() {
        assertTrue(callers.identify(null, null).anonymous());
        assertEquals(401, assertThrows(AccessDenied.class, () -> callers.identify(null, "Basic YTpi")).status());
        assertEquals(401, assertThrows(AccessDenied.class, () -> callers.identify(null, "Bearer nonsense")).status());
        assertEquals(401, assertThrows(AccessDenied.class, () -> callers.identify("kw_x", "Bearer nonsense")).status());
    }

    private static String bearer(Set<String> roles, List<String> organisations) throws Exception {
        PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(Path.of("src/test/resources/security/people-private.pem")));
        var token = Jwt.issuer(ISSUER).subject("someone").groups(roles);
        if (organisations != null) {
            token.claim("organisations", organisations);
        }
        return "Bearer " + token.sign(key);
    }

    /** Only what Callers reads: the identity provider's public key and issuer. */
    private static GatewayConfig config() {
        GatewayConfig.Security security = (GatewayConfig.Security) Proxy.newProxyInstance(CallersTest.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.Security.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "peoplePublicKey" -> Optional.of(Path.of("src/test/resources/security/people-public.pem"));
                    case "peopleIssuer" -> ISSUER;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (GatewayConfig) Proxy.newProxyInstance(CallersTest.class.getClassLoader(), new Class<?>[] {GatewayConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("security")) {
                        return security;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
