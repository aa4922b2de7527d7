package org.kiezwerk.network.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A production start (profile {@code prod}, the default of a packaged service) refuses to run with
 * a secret that ships with the code or with none at all; the local run starts with profile
 * {@code local}, where the defaults are fine.
 */
@jakarta.inject.Singleton
public class BuiltInSecretsGuard {

    static final String TEST_IDENTITY_KEY = "org/kiezwerk/infra/test-identity-public.pem";

    void check(@Observes StartupEvent start) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
        }
    }

    static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        Optional<String> identityKey = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        if (identityKey.isEmpty() || identityKey.get().endsWith(TEST_IDENTITY_KEY)) {
            problems.add("set MP_JWT_VERIFY_PUBLICKEY_LOCATION to the gateway's identity public key (not the test key)");
        }
        if (config.getOptionalValue("quarkus.neo4j.authentication.password", String.class)
                .filter(p -> !p.isBlank() && !p.equals("unused-while-auth-is-off")).isEmpty()) {
            problems.add("set KIEZWERK_NEO4J_PASSWORD: Neo4j needs a password");
        }
        if (config.getOptionalValue("kiezwerk.graph.person-name-key", String.class)
                .filter(k -> !k.isBlank() && !k.equals("dGVzdC1vbmx5LXBlcnNvbi1uYW1lLWtleS0zMmJ5dGU=")).isEmpty()) {
            problems.add("set KIEZWERK_GRAPH_PERSON_NAME_KEY (base64 of 32 random bytes, not the test key)");
        }
        return problems;
    }
}
