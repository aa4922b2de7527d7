package org.kiezwerk.infra.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The production connector configs are {@link OutboxConnectors#config} written out: the k8s
 * KafkaConnectors (deploy/k8s/outbox-connect.yaml) and the JSON that compose's connect-init registers
 * (deploy/compose/connect/*.json) must hold exactly its keys and values, except where the database
 * is and who connects with which password. Those must be what the service itself uses, so that the
 * connector reads the database the service writes. A change to OutboxConnectors fails here until the
 * manifests follow.
 */
class OutboxConnectorManifestsTest {

    /** What a deployment says itself; everything else comes from OutboxConnectors. */
    private static final Set<String> DEPLOYMENT_KEYS = Set.of("database.hostname", "database.port", "database.user", "database.password");

    private static final Path ROOT = Path.of(System.getProperty("kiezwerk.root", "../../.."));
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The code's config without the deployment's part (the values given here are not compared). */
    private static Map<String, String> fromCode(String database) {
        return withoutDeployment(OutboxConnectors.config(database, "host", 5432, "user", "password"));
    }

    /** Equal maps, or a failure that names just the keys that differ. */
    private static void assertSameConfig(Map<String, String> code, Map<String, String> manifest, String where) {
        List<String> differences = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(java.util.stream.Stream.concat(code.keySet().stream(), manifest.keySet().stream()).toList())) {
            if (!manifest.containsKey(key)) {
                differences.add("missing " + key + "=" + code.get(key));
            } else if (!code.containsKey(key)) {
                differences.add("not in the code: " + key + "=" + manifest.get(key));
            } else if (!code.get(key).equals(manifest.get(key))) {
                differences.add(key + " is " + manifest.get(key) + ", the code says " + code.get(key));
            }
        }
        assertEquals(List.of(), differences, where + " differs from OutboxConnectors.config");
    }

    private static Map<String, String> withoutDeployment(Map<String, String> config) {
        Map<String, String> rest = new TreeMap<>(config);
        rest.keySet().removeAll(DEPLOYMENT_KEYS);
        return rest;
    }

    /** Connect takes strings; YAML may have made numbers or booleans of them. */
    private static Map<String, String> strings(Map<?, ?> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yamlDocuments(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (var it = YAML.readerFor(Map.class).<Map<String, Object>>readValues(file.toFile())) {
            while (it.hasNext()) {
                Map<String, Object> doc = it.next();
                if (doc != null) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        assertNotNull(o, what + " missing");
        return (Map<String, Object>) o;
    }

    private static List<Map<String, Object>> k8s() throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        try (var files = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (!Set.of("kustomization.yaml", "neo4j-values.yaml").contains(f.getFileName().toString())) {
                    all.addAll(yamlDocuments(f));
                }
            }
        }
        return all;
    }

    private static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(map(d.get("metadata"), "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " not found under deploy/k8s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"partner", "event"})
    void theKubernetesConnectorIsTheCodes(String database) throws IOException {
        List<Map<String, Object>> docs = k8s();
        String name = OutboxConnectors.connectorName(database);
        Map<String, Object> connector = find(docs, "KafkaConnector", name);
        Map<String, Object> spec = map(connector.get("spec"), name + " spec");
        // Strimzi takes these two as fields of their own (and refuses them in config)
        Map<String, String> config = strings(map(spec.get("config"), name + " spec.config"));
        config.put("connector.class", String.valueOf(spec.get("class")));
        config.put("tasks.max", String.valueOf(spec.get("tasksMax")));
        assertSameConfig(fromCode(database), withoutDeployment(config), name + " (deploy/k8s/outbox-connect.yaml)");

        // it belongs to the Connect cluster, and reads the database the service writes, as its owner
        String cluster = (String) map(map(connector.get("metadata"), "metadata").get("labels"), "labels").get("strimzi.io/cluster");
        find(docs, "KafkaConnect", cluster);
        String service = database + "-service";
        Map<String, String> settings = strings(map(find(docs, "ConfigMap", service).get("data"), service + " ConfigMap data"));
        assertEquals(settings.get("KIEZWERK_POSTGRES_HOST"), config.get("database.hostname"), name + ": host");
        assertEquals(settings.get("KIEZWERK_POSTGRES_PORT"), config.get("database.port"), name + ": port");
        assertEquals(settings.get("KIEZWERK_POSTGRES_USER"), config.get("database.user"), name + ": user");
        assertEquals(settings.get("KIEZWERK_POSTGRES_DATABASE"), config.get("database.dbname"), name + ": database");

        // the password: the service's Secret, through the workers' config provider
        Map<String, Object> secretRef = servicePasswordSecret(find(docs, "Deployment", service));
        String namespace = (String) yamlDocuments(ROOT.resolve("deploy/k8s/kustomization.yaml")).get(0).get("namespace");
        assertEquals("${secrets:" + namespace + "/" + secretRef.get("name") + ":" + secretRef.get("key") + "}",
                config.get("database.password"), name + ": password from the service's Secret");
        Map<String, String> worker = strings(map(map(find(docs, "KafkaConnect", cluster).get("spec"), "spec").get("config"), "spec.config"));
        assertEquals("io.strimzi.kafka.KubernetesSecretConfigProvider", worker.get("config.providers.secrets.class"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> servicePasswordSecret(Map<String, Object> deployment) {
        Map<String, Object> pod = map(map(map(deployment.get("spec"), "spec").get("template"), "template").get("spec"), "pod spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        return ((List<Map<String, Object>>) container.get("env")).stream()
                .filter(e -> "KIEZWERK_POSTGRES_PASSWORD".equals(e.get("name")))
                .map(e -> map(map(e.get("valueFrom"), "valueFrom").get("secretKeyRef"), "secretKeyRef"))
                .findFirst().orElseThrow(() -> new AssertionError("no KIEZWERK_POSTGRES_PASSWORD from a Secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"partner", "event"})
    @SuppressWarnings("unchecked")
    void theComposeConnectorIsTheCodes(String database) throws IOException {
        String name = OutboxConnectors.connectorName(database);
        Path file = ROOT.resolve("deploy/compose/connect/" + name + ".json");
        Map<String, String> config = strings(JSON.readValue(file.toFile(), Map.class));
        assertSameConfig(fromCode(database), withoutDeployment(config), "deploy/compose/connect/" + name + ".json");

        Map<String, Object> services = map(yamlDocuments(ROOT.resolve("deploy/compose/compose.yaml")).get(0).get("services"), "services");
        Map<String, String> env = strings(map(map(services.get(database + "-service"), database + "-service").get("environment"), "environment"));
        assertEquals(env.get("KIEZWERK_POSTGRES_HOST"), config.get("database.hostname"), name + ": host");
        assertEquals(env.get("KIEZWERK_POSTGRES_PORT"), config.get("database.port"), name + ": port");
        assertEquals(env.get("KIEZWERK_POSTGRES_USER"), config.get("database.user"), name + ": user");
        // ${env:X}: the worker is given X with the value the service gets as its password
        Matcher m = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}").matcher(config.get("database.password"));
        assertTrue(m.matches(), name + ": the password through the env config provider");
        Map<String, String> workerEnv = strings(map(map(services.get("connect"), "connect").get("environment"), "connect environment"));
        assertEquals(env.get("KIEZWERK_POSTGRES_PASSWORD"), workerEnv.get(m.group(1)), name + ": the worker's " + m.group(1));

        // connect-init registers exactly these files
        String init = String.valueOf(map(services.get("connect-init"), "connect-init"));
        assertTrue(init.contains(name + ".json"), "connect-init registers " + name);
    }

    @Test
    void theImageBringsTheDebeziumTheCodeIsBuiltWith() throws IOException {
        String pom = Files.readString(ROOT.resolve("deploy/local-infra/connect-server/pom.xml"));
        String dockerfile = Files.readString(ROOT.resolve("deploy/local-infra/connect-server/Dockerfile"));
        assertEquals(value(pom, "<debezium.version>([^<]+)</debezium.version>"), value(dockerfile, "ARG DEBEZIUM_VERSION=(\\S+)"));
        // the image the KafkaConnect and compose run is the one this Dockerfile builds
        String compose = Files.readString(ROOT.resolve("deploy/compose/compose.yaml"));
        assertTrue(compose.contains("image: kiezwerk/outbox-connect:${KIEZWERK_VERSION}"), "compose runs kiezwerk/outbox-connect");
        Map<String, Object> connect = k8s().stream().filter(d -> "KafkaConnect".equals(d.get("kind"))).findFirst().orElseThrow();
        String image = String.valueOf(map(connect.get("spec"), "spec").get("image"));
        assertTrue(image.startsWith("kiezwerk/outbox-connect:"), "KafkaConnect runs kiezwerk/outbox-connect, not " + image);
        // KafkaConnect's version is the Kafka inside the Strimzi base image
        String base = value(dockerfile, "ARG STRIMZI_KAFKA_IMAGE=(\\S+)");
        assertEquals(value(base, "-kafka-(\\S+)$"), String.valueOf(map(connect.get("spec"), "spec").get("version")));
    }

    @Test
    void everyConnectorInTheManifestsIsOneOfTheCodes() throws IOException {
        Set<String> k8sConnectors = k8s().stream().filter(d -> "KafkaConnector".equals(d.get("kind")))
                .map(d -> String.valueOf(map(d.get("metadata"), "metadata").get("name"))).collect(Collectors.toSet());
        assertEquals(Set.of("partner-outbox", "event-outbox"), k8sConnectors);
        try (var files = Files.list(ROOT.resolve("deploy/compose/connect"))) {
            Set<String> composeConnectors = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).collect(Collectors.toSet());
            assertEquals(Set.of("partner-outbox", "event-outbox"), composeConnectors);
        }
    }

    private static String value(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertTrue(m.find(), "no " + regex);
        return m.group(1).trim();
    }
}
