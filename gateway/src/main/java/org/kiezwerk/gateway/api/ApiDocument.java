package org.kiezwerk.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * One OpenAPI 3 document for everything behind the gateway, merged from the services' own documents
 * on request: their /api and /hsds paths, their tags, and their schemas (a schema two services define
 * differently is renamed after its service, with its references). A service that does not answer is
 * listed in {@code x-kiezwerk-unavailable} instead of failing the document. The gateway's own operations
 * (/api/v1/admin) come from its own document; every operation also lists the answers the gateway itself
 * gives on the way to a service (401, 403, 429, 502, 503, 504), which no service document can know.
 */
@Path("/openapi")
@Tag(name = "API document")
public class ApiDocument {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Instance<OpenApiDocumentService> ownDocument;

    /** What the gateway itself answers for any operation behind it, with its problem+json body. */
    private static final Map<String, String> GATEWAY_ANSWERS = Map.of(
            "401", "No or an unknown API key or token (WWW-Authenticate names the scheme).",
            "403", "The caller's scopes or roles do not allow this operation.",
            "429", "Too many requests from this client; Retry-After says when to try again.",
            "502", "The service behind the gateway failed to answer properly.",
            "503", "The service behind the gateway is unavailable or busy; Retry-After says when to try again.",
            "504", "The service behind the gateway did not answer in time.");

    // HTTP/1.1: no h2c upgrade dance with the services
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The merged OpenAPI 3 document of the whole Kiezwerk API")
    @APIResponse(responseCode = "200", description = "The document.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(
                            type = SchemaType.OBJECT)))
    public ObjectNode merged() {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("partner-service", config.partnerServiceUrl());
        services.put("event-service", config.eventServiceUrl());
        services.put("network-service", config.networkServiceUrl());
        services.put("gateway", null); // its own operations, last: the services' schemas keep their names
        ObjectNode merged = json.createObjectNode();
        ObjectNode paths = json.createObjectNode();
        ObjectNode schemas = json.createObjectNode();
        Set<String> tags = new LinkedHashSet<>();
        ArrayNode tagList = json.createArrayNode();
        List<String> unavailable = new ArrayList<>();
        String version = "3.0.3";
        for (Map.Entry<String, URI> service : services.entrySet()) {
            JsonNode document = service.getValue() == null ? own() : fetch(service.getValue());
            if (document == null) {
                unavailable.add(service.getKey());
                continue;
            }
            version = document.path("openapi").asText(version);
            String text = document.toString();
            // rename schemas that clash with a different one already merged, references included
            for (Iterator<String> names = document.path("components").path("schemas").fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode mine = document.path("components").path("schemas").get(name);
                if (schemas.has(name) && !schemas.get(name).equals(mine)) {
                    String renamed = prefix(service.getKey()) + name;
                    text = text.replace("\"#/components/schemas/" + name + "\"", "\"#/components/schemas/" + renamed + "\"");
                }
            }
            JsonNode rewritten = read(text);
            for (Iterator<Map.Entry<String, JsonNode>> it = rewritten.path("components").path("schemas").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> schema = it.next();
                String name = schema.getKey();
                JsonNode original = document.path("components").path("schemas").get(name);
                if (schemas.has(name) && !schemas.get(name).equals(original)) {
                    schemas.set(prefix(service.getKey()) + name, schema.getValue());
                } else if (!schemas.has(name)) {
                    schemas.set(name, schema.getValue());
                }
            }
            // the service's problem schema, under the name it got here; the gateway's own when it has none
            JsonNode ownProblem = rewritten.path("components").path("schemas").get("Problem");
            String problem = ownProblem == null ? "GatewayProblem"
                    : ownProblem.equals(schemas.get("Problem")) ? "Problem" : prefix(service.getKey()) + "Problem";
            for (Iterator<Map.Entry<String, JsonNode>> it = rewritten.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                if ((path.getKey().startsWith("/api/") || path.getKey().startsWith("/hsds")) && !paths.has(path.getKey())) {
                    describeRefusals(path.getValue(), problem);
                    paths.set(path.getKey(), path.getValue());
                }
            }
            for (JsonNode tag : rewritten.path("tags")) {
                if (tags.add(tag.path("name").asText())) {
                    tagList.add(tag);
                }
            }
        }
        merged.put("openapi", version);
        ObjectNode info = merged.putObject("info");
        info.put("title", "Kiezwerk API");
        info.put("version", "v1");
        info.put("description", "The whole Kiezwerk API behind the gateway: the partner directory (with its Open Referral"
                + " HSDS view), shared events with their iCalendar feeds, and the actor network with its analyses. Errors are"
                + " RFC 9457 problem+json; reads send ETags, writes honour If-Match; POST accepts Idempotency-Key. An optional"
                + " property without a value is null.");
        merged.putArray("servers").addObject().put("url", "/");
        merged.set("tags", tagList);
        addGatewayAnswers(paths, schemas);
        for (JsonNode schema : schemas) {
            optionalMayBeNull(schema);
        }
        merged.set("paths", paths);
        merged.putObject("components").set("schemas", schemas);
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-kiezwerk-unavailable");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    private void addGatewayAnswers(ObjectNode paths, ObjectNode schemas) {
        ObjectNode problem = schemas.putObject("GatewayProblem");
        problem.put("type", "object");
        problem.put("description", "RFC 9457 problem details (application/problem+json) of an answer the gateway gives itself.");
        ObjectNode properties = problem.putObject("properties");
        for (String text : List.of("type", "title", "detail", "instance", "service")) {
            properties.putObject(text).put("type", "string");
        }
        properties.putObject("status").put("type", "integer");
        for (JsonNode path : paths) {
            for (Iterator<Map.Entry<String, JsonNode>> it = path.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = it.next();
                if (!Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(operation.getKey())
                        || !(operation.getValue().get("responses") instanceof ObjectNode responses)) {
                    continue;
                }
                GATEWAY_ANSWERS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(answer -> {
                    if (!responses.has(answer.getKey())) {
                        ObjectNode response = responses.putObject(answer.getKey());
                        response.put("description", answer.getValue());
                        response.putObject("content").putObject("application/problem+json").putObject("schema")
                                .put("$ref", "#/components/schemas/GatewayProblem");
                    }
                });
            }
        }
    }

    /** Every refusal (4xx, 5xx) of a service is a problem+json: where its document names no body, this says so. */
    private static void describeRefusals(JsonNode pathItem, String problem) {
        for (JsonNode operation : pathItem) {
            for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                if (response.getKey().matches("[45]\\d\\d") && response.getValue() instanceof ObjectNode answer
                        && answer.path("content").isEmpty()) {
                    answer.putObject("content").putObject("application/problem+json").putObject("schema")
                            .put("$ref", "#/components/schemas/" + problem);
                }
            }
        }
    }

    /**
     * The services write an optional property without a value as null (Jackson's default), which their
     * documents do not say: each property that is not required may also be null, in nested objects too.
     */
    private static void optionalMayBeNull(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        Set<String> required = new HashSet<>();
        object.path("required").forEach(name -> required.add(name.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (property.getValue() instanceof ObjectNode value) {
                if (!required.contains(property.getKey())) {
                    nullable(value);
                }
                optionalMayBeNull(value);
            }
        }
        optionalMayBeNull(object.get("items"));
        optionalMayBeNull(object.get("additionalProperties"));
    }

    private static void nullable(ObjectNode property) {
        if (property.has("$ref") || property.has("allOf") || property.has("oneOf") || property.has("anyOf")) {
            ObjectNode original = property.objectNode();
            for (String keyword : List.of("$ref", "type", "allOf", "oneOf", "anyOf", "enum", "format", "pattern")) {
                if (property.has(keyword)) {
                    original.set(keyword, property.remove(keyword));
                }
            }
            ArrayNode either = property.putArray("anyOf");
            either.add(original);
            either.addObject().put("type", "null");
            return;
        }
        JsonNode type = property.get("type");
        if (type != null && type.isTextual() && !type.asText().equals("null")) {
            property.putArray("type").add(type.asText()).add("null");
        } else if (type instanceof ArrayNode types && !types.toString().contains("\"null\"")) {
            types.add("null");
        }
        if (property.get("enum") instanceof ArrayNode values && type != null) {
            values.addNull();
        }
    }

    /** The gateway's own document (its administration operations), as served at /q/openapi. */
    private JsonNode own() {
        try {
            if (!ownDocument.isResolvable()) {
                return null;
            }
            byte[] document = ownDocument.get().getDocument("<default>", Format.JSON);
            JsonNode read = document == null || document.length == 0 ? null : json.readTree(document);
            return read != null && read.has("openapi") ? read : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private JsonNode fetch(URI service) {
        try {
            // the whole exchange within the timeout, body included (the request timeout covers the headers only)
            HttpResponse<String> answer = http.sendAsync(HttpRequest.newBuilder(service.resolve("/q/openapi?format=json"))
                            .timeout(TIMEOUT).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.statusCode() != 200) {
                return null;
            }
            JsonNode document = json.readTree(answer.body());
            return document.has("openapi") ? document : null;
        } catch (IOException | ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prefix(String service) {
        String name = service.replace("-service", "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
