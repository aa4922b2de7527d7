package org.kiezwerk.infra;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identity the gateway passes to the services (a JWT it signs), made for callers that talk to
 * a service directly: the services' tests (with the test key pair that ships in this module, which
 * a production start refuses) and local tools such as the benchmarks (with var/secrets).
 */
public final class ServiceIdentity {

    /** Classpath location of the test key pair; the services' test profile trusts its public half. */
    public static final String TEST_PUBLIC_KEY = "org/kiezwerk/infra/test-identity-public.pem";
    private static final String TEST_PRIVATE_KEY = "org/kiezwerk/infra/test-identity-private.pem";
    public static final Set<String> ALL_SCOPES = Set.of("read", "partners:write", "events:write", "network:write", "analytics", "admin");

    private ServiceIdentity() {
    }

    public static String sign(PrivateKey key, String subject, Set<String> scopes, List<String> organisations) {
        return Jwt.issuer("kiezwerk-gateway").subject(subject).upn(subject).audience("kiezwerk-services").groups(scopes)
                .claim("organisations", organisations).expiresIn(Duration.ofHours(2)).sign(key);
    }

    /** A test caller with these scopes, bound to these organisations (none: not bound). */
    public static String forTests(String subject, Set<String> scopes, List<String> organisations) {
        return sign(testKey(), subject, scopes, organisations);
    }

    /** The Authorization header of a test administrator. */
    public static Map<String, String> testAdminHeaders() {
        return Map.of("Authorization", "Bearer " + forTests("test-admin", ALL_SCOPES, List.of()));
    }

    /** The Authorization header of a local administrator (signed with the local run's key under var/secrets). */
    public static Map<String, String> localAdminHeaders(Path varDir) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(new LocalSecrets(varDir).ensure().dir().resolve("identity-private.pem")));
            return Map.of("Authorization", "Bearer " + sign(key, "local-admin", ALL_SCOPES, List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey testKey() {
        try (InputStream pem = ServiceIdentity.class.getClassLoader().getResourceAsStream(TEST_PRIVATE_KEY)) {
            return KeyUtils.decodePrivateKey(new String(pem.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
