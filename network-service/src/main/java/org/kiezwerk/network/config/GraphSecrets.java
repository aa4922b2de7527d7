package org.kiezwerk.network.config;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.kiezwerk.commons.config.BuiltInSecretsGuard;

/** The graph's own secrets for service-commons' {@link BuiltInSecretsGuard}: Neo4j's password and the person-name key. */
@Singleton
public class GraphSecrets implements BuiltInSecretsGuard.SecretCheck {

    @Override
    public List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
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
