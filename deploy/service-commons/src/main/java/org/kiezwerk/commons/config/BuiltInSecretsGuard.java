package org.kiezwerk.commons.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A production start (profile {@code prod}, the default of a packaged service) refuses to run with
 * a secret that ships with the code or with none at all; the local run starts with profile
 * {@code local}, where the defaults are fine. Every service needs the gateway's identity key, and a
 * password for its PostgreSQL database if it has one; a service with other secrets adds a
 * {@link SecretCheck}.
 */
@Singleton
public class BuiltInSecretsGuard {

    static final String TEST_IDENTITY_KEY = "org/kiezwerk/infra/test-identity-public.pem";

    @Inject
    Instance<SecretCheck> serviceChecks;

    void check(@Observes StartupEvent start) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        List<String> problems = problems(config);
        serviceChecks.forEach(check -> problems.addAll(check.problems(config)));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
        }
    }

    /** What every service needs: its own identity key and, with a datasource, a database password. */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        Optional<String> identityKey = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        if (identityKey.isEmpty() || identityKey.get().endsWith(TEST_IDENTITY_KEY)) {
            problems.add("set MP_JWT_VERIFY_PUBLICKEY_LOCATION to the gateway's identity public key (not the test key)");
        }
        if (config.getOptionalValue("quarkus.datasource.db-kind", String.class).isPresent()
                && config.getOptionalValue("quarkus.datasource.password", String.class).filter(p -> !p.isBlank()).isEmpty()) {
            problems.add("set KIEZWERK_POSTGRES_PASSWORD: the database needs a password");
        }
        return problems;
    }

    /** A service's own secrets, checked at a production start beside the common ones. */
    public interface SecretCheck {

        /** What to set or change; empty when all is well. */
        List<String> problems(Config config);
    }
}
