package org.kiezwerk.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The merged OpenAPI 3.1 document of the gateway, read as a contract: its operations, and whether a real
 * answer (status, content type, body) is one the document describes. Schemas are JSON Schema 2020-12
 * (OpenAPI 3.1) and are checked with format assertions (uuid, date, date-time ...).
 */
final class ApiContract {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    static final ObjectMapper JSON = new ObjectMapper();

    record Operation(String method, String path, JsonNode node, Pattern pattern) {

        String key() {
            return method.toUpperCase() + " " + path;
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            node.path("parameters").forEach(p -> {
                if (in.equals(p.path("in").asText())) {
                    found.add(p);
                }
            });
            return found;
        }
    }

    final JsonNode document;
    final List<Operation> operations = new ArrayList<>();
    private final JsonNode components;
    private final Map<String, JsonSchema> schemas = new LinkedHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    ApiContract(String text) {
        try {
            document = JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the API document is no JSON", e);
        }
        components = document.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.add(new Operation(op.getKey(), path.getKey(), op.getValue(), Pattern.compile(regex)));
                }
            }
        }
    }

    /** The operation a concrete request path belongs to; a literal segment wins over a template. */
    Optional<Operation> operation(String method, String concretePath) {
        String path = concretePath.contains("?") ? concretePath.substring(0, concretePath.indexOf('?')) : concretePath;
        return operations.stream().filter(o -> o.method().equalsIgnoreCase(method) && o.pattern().matcher(path).matches())
                .min(java.util.Comparator.comparingLong(o -> o.path().chars().filter(c -> c == '{').count()));
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode at = schema;
        for (int depth = 0; depth < 20 && at != null && at.has("$ref"); depth++) {
            String ref = at.get("$ref").asText();
            at = ref.startsWith("#/components/schemas/") ? components.path("schemas").get(ref.substring(21)) : null;
        }
        return at == null ? JSON.createObjectNode() : at;
    }

    /**
     * What is wrong with an answer to the operation, by the document: an empty list if nothing. A
     * success must be documented with its own status; the body must be of a documented media type and
     * valid against its schema.
     */
    List<String> check(Operation operation, int status, String contentType, String body) {
        List<String> wrong = new ArrayList<>();
        JsonNode responses = operation.node().path("responses");
        JsonNode response = responses.get(Integer.toString(status));
        if (response == null && status >= 400) {
            response = responses.get("default");
        }
        if (response == null) {
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(documented::add);
            wrong.add("status " + status + " is not documented (documented: " + documented + ")");
            return wrong;
        }
        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (content.isEmpty()) {
            if (hasBody) {
                wrong.add("status " + status + " is documented without a body, but the answer has one (" + contentType + ")");
            }
            return wrong;
        }
        if (!hasBody) {
            if (status != 204 && status != 304) {
                wrong.add("status " + status + " is documented with a body (" + fieldNames(content) + "), but the answer has none");
            }
            return wrong;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase();
        String documentedType = null;
        for (Iterator<String> types = content.fieldNames(); types.hasNext(); ) {
            String type = types.next();
            if (matches(type, mediaType) && (documentedType == null || documentedType.contains("*"))) {
                documentedType = type;
            }
        }
        if (documentedType == null) {
            wrong.add("status " + status + " answered " + contentType + ", documented only " + fieldNames(content));
            return wrong;
        }
        JsonNode schema = content.path(documentedType).get("schema");
        if (schema == null || schema.isNull() || !(mediaType.endsWith("json"))) {
            return wrong;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (java.io.IOException e) {
            wrong.add("status " + status + " " + mediaType + " body is no JSON: " + abbreviate(body));
            return wrong;
        }
        String where = operation.key() + " " + status + " " + documentedType;
        JsonSchema validator = schemas.computeIfAbsent(where, w -> {
            ObjectNode root = schema.isObject() ? ((ObjectNode) schema).deepCopy() : JSON.createObjectNode();
            root.set("components", components);
            return factory.getSchema(root, config);
        });
        Set<ValidationMessage> errors = validator.validate(answer);
        if (!errors.isEmpty()) {
            List<String> messages = errors.stream().map(ValidationMessage::getMessage).sorted().limit(8).toList();
            wrong.add("status " + status + " body does not match the schema of " + documentedType + ": " + messages + " in "
                    + abbreviate(body));
        }
        return wrong;
    }

    private static boolean matches(String documented, String actual) {
        String type = documented.toLowerCase().split(";")[0].strip();
        if (type.equals("*/*") || type.equals(actual)) {
            return true;
        }
        return type.endsWith("/*") && actual.startsWith(type.substring(0, type.length() - 1));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 400 ? text : text.substring(0, 400) + "… (" + text.length() + " chars)";
    }
}
