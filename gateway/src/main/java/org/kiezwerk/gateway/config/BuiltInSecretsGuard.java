package org.kiezwerk.gateway.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A production start (profile {@code prod}, the default of a packaged gateway) refuses to run
 * without its own signing key or identity provider, with the local run's stand-in token issuer, or
 * without a password for its database;
 * the local run starts with profile {@code local}.
 */
@Singleton
public class BuiltInSecretsGuard {

    void check(@Observes StartupEvent start, GatewayConfig config) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = problems(config.security());
        problems.addAll(databaseProblems(ConfigProvider.getConfig()
                .getOptionalValue("quarkus.datasource.password", String.class)));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
        }
    }

    /** The API keys' database must not be the local run's, which needs no password. */
    static List<String> databaseProblems(Optional<String> password) {
        return password.filter(p -> !p.isBlank()).isPresent() ? List.of()
                : List.of("set KIEZWERK_POSTGRES_PASSWORD: the gateway's database (the API keys) needs a password");
    }

    static List<String> problems(GatewayConfig.Security security) {
        List<String> problems = new ArrayList<>();
        if (security.identitySigningKey().isEmpty()) {
            problems.add("set KIEZWERK_GATEWAY_SECURITY_IDENTITY_SIGNING_KEY (the key the services trust)");
        }
        if (security.peoplePublicKey().isEmpty()) {
            problems.add("set KIEZWERK_GATEWAY_SECURITY_PEOPLE_PUBLIC_KEY (your identity provider's key)");
        }
        if (security.peopleSigningKey().isPresent()) {
            problems.add("unset KIEZWERK_GATEWAY_SECURITY_PEOPLE_SIGNING_KEY: the local token issuer has no place in production");
        }
        security.identitySigningKey().filter(path -> path.toString().contains("src/test/resources"))
                .ifPresent(path -> problems.add("the identity signing key " + path + " is a test key"));
        return problems;
    }
}
