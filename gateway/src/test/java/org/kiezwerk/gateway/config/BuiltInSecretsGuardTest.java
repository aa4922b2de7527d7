package org.kiezwerk.gateway.config;

import static org.junit.jupiter.api.Assertions.*;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fast: which settings a production start refuses. */
class BuiltInSecretsGuardTest {

    private static final Map<String, String> SERVICES = Map.of(
            "kiezwerk.gateway.partner-service-url", "http://p", "kiezwerk.gateway.event-service-url", "http://e",
            "kiezwerk.gateway.network-service-url", "http://n", "kiezwerk.gateway.connect-timeout", "PT1S",
            "kiezwerk.gateway.response-timeout", "PT1S", "kiezwerk.gateway.circuit-breaker.reset", "PT10S");

    @Test
    void refusesMissingKeysTestKeysAndTheLocalTokenIssuer() {
        assertEquals(2, problems(Map.of()).size());
        assertTrue(problems(Map.of("kiezwerk.gateway.security.identity-signing-key", "/etc/kiezwerk/identity.pem",
                "kiezwerk.gateway.security.people-public-key", "/etc/kiezwerk/idp.pem")).isEmpty());
        assertEquals(List.of("unset KIEZWERK_GATEWAY_SECURITY_PEOPLE_SIGNING_KEY: the local token issuer has no place in production"),
                problems(Map.of("kiezwerk.gateway.security.identity-signing-key", "/etc/kiezwerk/identity.pem",
                        "kiezwerk.gateway.security.people-public-key", "/etc/kiezwerk/idp.pem",
                        "kiezwerk.gateway.security.people-signing-key", "/etc/kiezwerk/idp-private.pem")));
        assertTrue(problems(Map.of("kiezwerk.gateway.security.identity-signing-key", "gateway/src/test/resources/security/identity-private.pem",
                "kiezwerk.gateway.security.people-public-key", "/etc/kiezwerk/idp.pem")).get(0).contains("test key"));
    }

    @Test
    void refusesADatabaseWithoutPassword() {
        assertEquals(1, BuiltInSecretsGuard.databaseProblems(java.util.Optional.empty()).size());
        assertEquals(1, BuiltInSecretsGuard.databaseProblems(java.util.Optional.of(" ")).size());
        assertTrue(BuiltInSecretsGuard.databaseProblems(java.util.Optional.of("s3cret")).isEmpty());
    }

    private static List<String> problems(Map<String, String> security) {
        Map<String, String> all = new java.util.HashMap<>(SERVICES);
        all.putAll(security);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withSources(new MapBackedConfigSource("test", all) {
                }).build();
        return BuiltInSecretsGuard.problems(config.getConfigMapping(GatewayConfig.class).security());
    }
}
