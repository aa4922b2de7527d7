package org.kiezwerk.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * One OpenAPI 3 document for everything behind the gateway, merged from the services' own documents
 * on request: their /api and /hsds paths, their tags, and their schemas (a schema two services define
 * differently is renamed after its service, with its references). A service that does not answer is
 * listed in {@code x-kiezwerk-unavailable} instead of failing the document.
 */
@Path("/openapi")
@Tag(name = "API document")
public class ApiDocument {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    // HTTP/1.1: no h2c upgrade dance with the services
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The merged OpenAPI 3 document of the whole Kiezwerk API")
    public ObjectNode merged() {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("partner-service", config.partnerServiceUrl());
        services.put("event-service", config.eventServiceUrl());
        services.put("network-service", config.networkServiceUrl());
        ObjectNode merged = json.createObjectNode();
        ObjectNode paths = json.createObjectNode();
        ObjectNode schemas = json.createObjectNode();
        Set<String> tags = new LinkedHashSet<>();
        ArrayNode tagList = json.createArrayNode();
        List<String> unavailable = new ArrayList<>();
        String version = "3.0.3";
        for (Map.Entry<String, URI> service : services.entrySet()) {
            JsonNode document = fetch(service.getValue());
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
            for (Iterator<Map.Entry<String, JsonNode>> it = rewritten.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                if ((path.getKey().startsWith("/api/") || path.getKey().startsWith("/hsds")) && !paths.has(path.getKey())) {
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
                + " RFC 9457 problem+json; reads send ETags, writes honour If-Match; POST accepts Idempotency-Key.");
        merged.putArray("servers").addObject().put("url", "/");
        merged.set("tags", tagList);
        merged.set("paths", paths);
        merged.putObject("components").set("schemas", schemas);
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-kiezwerk-unavailable");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    private JsonNode fetch(URI service) {
        try {
            // the whole exchange within the timeout, body included (the request timeout covers the headers only)
            HttpResponse<String> answer = http.sendAsync(HttpRequest.newBuilder(service.resolve("/q/openapi?format=json"))
                            .timeout(TIMEOUT).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (answer.statusCode() != 200) {
                return null;
            }
            JsonNode document = json.readTree(answer.body());
            return document.has("openapi") ? document : null;
        } catch (java.io.IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prefix(String service) {
        String name = service.replace("-service", "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
