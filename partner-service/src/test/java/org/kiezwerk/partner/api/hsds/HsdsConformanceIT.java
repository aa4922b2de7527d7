package org.kiezwerk.partner.api.hsds;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.DemoNeighbourhood;
import org.kiezwerk.infra.LocalInfraTestResource;

/**
 * Real /hsds answers, with the demo neighbourhood loaded, validated against the HSDS 3.0 compiled
 * schemas (copied to src/test/resources/hsds-3.0) with every object closed to additional
 * properties and formats (uuid, uri, email, date-time) enforced.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class HsdsConformanceIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();
    static final String CENTRE = "9f32d001-59a8-4643-b98c-83c6b6228d6b";
    static boolean loaded;

    @TestHTTPResource("/")
    URL service;

    @BeforeEach
    void demo() throws Exception {
        if (!loaded) {
            DemoNeighbourhood.load(Path.of(System.getProperty("kiezwerk.root", "..")).resolve(DemoNeighbourhood.FILE), service.toURI(),
                    path -> !path.startsWith("/api/v1/events"), org.kiezwerk.infra.ServiceIdentity.testAdminHeaders());
            loaded = true;
        }
    }

    @Test
    void theRootNamesVersionProfileAndApiDocument() {
        JsonNode root = get("/hsds/");
        assertEquals("3.0", root.path("version").asText());
        assertTrue(root.path("openapi_url").asText().matches("https?://.+/q/openapi"), root.toString());
        assertTrue(root.path("profile").asText().startsWith("https://"), root.toString());
        assertEquals(Set.of("version", "profile", "openapi_url"), fieldNames(root));
    }

    @Test
    void organizationsConform() {
        JsonNode page = get("/hsds/organizations?per_page=100");
        valid(page, envelope("organization_list"));
        assertTrue(page.path("total_items").asInt() >= 41, page.path("total_items").toString());
        assertTrue(page.path("first_page").asBoolean());
        for (JsonNode item : page.path("contents")) {
            valid(get("/hsds/organizations/" + item.path("id").asText()), schema("organization"));
        }
        JsonNode centre = get("/hsds/organizations/" + CENTRE);
        assertEquals("Begegnungszentrum Lindenhof", centre.path("name").asText());
        assertEquals("DE", centre.path("locations").path(0).path("addresses").path(0).path("country").asText());
        assertTrue(centre.path("services").size() >= 3, centre.path("services").toString());
        // other tests add namesakes; the demo's centre must be among the matches of a misspelt search
        assertTrue(get("/hsds/organizations?search=begegnungzentrum&per_page=200").path("contents").findValuesAsText("id")
                .contains(CENTRE));
        // paging by number: the second page continues the first
        JsonNode first = get("/hsds/organizations?per_page=10&page=1");
        JsonNode second = get("/hsds/organizations?per_page=10&page=2");
        assertEquals(2, second.path("page_number").asInt());
        assertFalse(second.path("first_page").asBoolean());
        assertNotEquals(first.path("contents").path(0).path("id"), second.path("contents").path(0).path("id"));
    }

    @Test
    void servicesConformAndFilter() {
        JsonNode page = get("/hsds/services?per_page=200");
        valid(page, envelope("service_list"));
        assertTrue(page.path("total_items").asInt() >= 69);
        for (JsonNode item : page.path("contents")) {
            valid(get("/hsds/services/" + item.path("id").asText()), schema("service"));
        }
        JsonNode ofCentre = get("/hsds/services?organization_id=" + CENTRE);
        valid(ofCentre, envelope("service_list"));
        for (JsonNode item : ofCentre.path("contents")) {
            assertEquals(CENTRE, item.path("organization_id").asText());
        }
        String toddlers = get("/api/v1/taxonomies/target_groups/terms/toddlers").path("id").asText();
        JsonNode forToddlers = get("/hsds/services?taxonomy_term_id=" + toddlers);
        assertTrue(forToddlers.path("total_items").asInt() >= 1);
        for (JsonNode item : forToddlers.path("contents")) {
            JsonNode full = get("/hsds/services/" + item.path("id").asText());
            assertTrue(full.path("attributes").findValuesAsText("taxonomy_term_id").contains(toddlers), full.toString());
        }
        assertEquals(0, get("/hsds/services?modified_after=2999-01-01T00:00:00Z").path("total_items").asInt());
    }

    @Test
    void serviceAtLocationsConformAndFilterByPostcode() {
        JsonNode page = get("/hsds/service_at_locations?per_page=200");
        valid(page, envelope("service_at_location_list"));
        for (JsonNode item : page.path("contents")) {
            valid(get("/hsds/service_at_locations/" + item.path("id").asText()), schema("service_at_location"));
        }
        JsonNode inPostcode = get("/hsds/service_at_locations?postcode=65103");
        assertTrue(inPostcode.path("total_items").asInt() > 0);
        JsonNode around = get("/hsds/service_at_locations?postcode=65103&proximity=5000");
        assertTrue(around.path("total_items").asInt() >= inPostcode.path("total_items").asInt());
        String ndjson = given().when().get("/hsds/service_at_locations?postcode=65103&format=ndjson")
                .then().statusCode(200).contentType(HsdsResource.NDJSON).extract().asString();
        List<String> lines = ndjson.lines().toList();
        // ndjson: all matches, without paging (the API document)
        assertEquals(inPostcode.path("total_items").asInt(), lines.size());
        for (String line : lines) {
            valid(read(line), schema("service_at_location_list"));
        }
    }

    @Test
    void taxonomiesAndTermsConform() throws IOException {
        JsonNode taxonomyTerm = schemaNode("service").path("properties").path("attributes").path("items")
                .path("properties").path("taxonomy_term");
        JsonNode taxonomy = taxonomyTerm.path("properties").path("taxonomy_detail");
        JsonNode taxonomies = get("/hsds/taxonomies");
        valid(taxonomies, envelopeOf(strict(taxonomy.deepCopy())));
        assertEquals(2, taxonomies.path("total_items").asInt());
        for (JsonNode item : taxonomies.path("contents")) {
            valid(get("/hsds/taxonomies/" + item.path("id").asText()), factory(strict(taxonomy.deepCopy())));
        }
        String targetGroups = taxonomies.path("contents").findValues("id").stream()
                .filter(id -> get("/hsds/taxonomies/" + id.asText()).path("name").asText().equals("target_groups"))
                .findFirst().orElseThrow().asText();
        JsonNode terms = get("/hsds/taxonomy_terms?per_page=200&taxonomy_id=" + targetGroups);
        valid(terms, envelopeOf(strict(taxonomyTerm.deepCopy())));
        assertTrue(terms.path("contents").findValuesAsText("code").containsAll(List.of("toddlers", "adults", "young_old")));
        for (JsonNode item : terms.path("contents")) {
            assertEquals(targetGroups, item.path("taxonomy_id").asText());
        }
        valid(get("/hsds/taxonomy_terms/" + terms.path("contents").path(0).path("id").asText()), factory(strict(taxonomyTerm.deepCopy())));
    }

    @Test
    void everyPathAndParameterOfTheApiDocumentExists() throws IOException {
        JsonNode standard;
        try (InputStream in = HsdsConformanceIT.class.getResourceAsStream("/hsds-3.0/openapi.json")) {
            standard = JSON.readTree(in);
        }
        JsonNode ours = read(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> missing = new java.util.ArrayList<>();
        standard.path("paths").fields().forEachRemaining(path -> {
            String here = ("/hsds" + path.getKey()).replaceAll("(.)/$", "$1");
            JsonNode operation = ours.path("paths").path(here).path("get");
            if (operation.isMissingNode()) {
                operation = ours.path("paths").path(here + "/").path("get");
            }
            if (operation.isMissingNode()) {
                missing.add("GET " + here);
                return;
            }
            Set<String> names = new java.util.HashSet<>(operation.findValuesAsText("name"));
            for (JsonNode parameter : path.getValue().path("get").path("parameters")) {
                String name = parameter.has("$ref")
                        ? standard.at(parameter.path("$ref").asText().substring(1)).path("name").asText()
                        : parameter.path("name").asText();
                if (!names.contains(name)) {
                    missing.add("GET " + here + "?" + name);
                }
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void theApiDocumentsParametersWork() {
        valid(get("/hsds/organizations?full=true&per_page=5"), envelope("organization"));
        JsonNode fullServices = get("/hsds/organizations?full_service=true&per_page=5");
        valid(fullServices, envelope("organization"));
        JsonNode centre = get("/hsds/organizations/" + CENTRE + "?full_service=true");
        valid(centre, schema("organization"));
        assertTrue(centre.path("services").path(0).has("attributes"), centre.path("services").toString());
        assertFalse(get("/hsds/organizations/" + CENTRE).path("services").path(0).has("attributes"));

        JsonNode all = get("/hsds/services?per_page=1");
        JsonNode minimal = get("/hsds/services?minimal=true");
        assertEquals(all.path("total_items").asInt(), minimal.path("total_items").asInt());
        assertEquals(Math.min(1000, all.path("total_items").asInt()), minimal.path("contents").size());
        for (JsonNode item : minimal.path("contents")) {
            assertEquals(Set.of("id", "last_modified"), fieldNames(item), item.toString());
        }
        // read apart from the offers (two columns, not the entities), yet the same services in the same order and changes
        List<String> flat = new java.util.ArrayList<>();
        get("/hsds/services?per_page=200").path("contents")
                .forEach(item -> flat.add(item.path("id").asText() + " " + item.path("last_modified").asText()));
        List<String> stamps = new java.util.ArrayList<>();
        get("/hsds/services?minimal=true&per_page=200").path("contents")
                .forEach(item -> stamps.add(item.path("id").asText() + " " + item.path("last_modified").asText()));
        assertFalse(flat.isEmpty());
        assertEquals(flat, stamps);
        List<String> second = new java.util.ArrayList<>();
        get("/hsds/services?minimal=true&per_page=5&page=2").path("contents")
                .forEach(item -> second.add(item.path("id").asText() + " " + item.path("last_modified").asText()));
        assertEquals(stamps.subList(Math.min(5, stamps.size()), Math.min(10, stamps.size())), second, "paged as the services are");
        valid(get("/hsds/services?full=true&per_page=10"), envelope("service"));
        given().when().get("/hsds/services?minimal=true&full=true").then().statusCode(400);
        // modified_after: changed at or after
        JsonNode ofCentre = get("/hsds/services?minimal=true&organization_id=" + CENTRE).path("contents").path(0);
        String since = given().queryParam("minimal", "true").queryParam("organization_id", CENTRE)
                .queryParam("modified_after", ofCentre.path("last_modified").asText())
                .when().get("/hsds/services").then().statusCode(200).extract().asString();
        assertTrue(read(since).path("contents").findValuesAsText("id").contains(ofCentre.path("id").asText()), since);

        valid(get("/hsds/service_at_locations?full=true&per_page=10"), envelope("service_at_location"));

        JsonNode terms = get("/hsds/taxonomy_terms?per_page=1");
        assertEquals(terms.path("total_items").asInt(), get("/hsds/taxonomy_terms?per_page=1&top_only=true").path("total_items").asInt());
        String term = get("/hsds/taxonomy_terms?per_page=1").path("contents").path(0).path("id").asText();
        assertEquals(0, get("/hsds/taxonomy_terms?parent_id=" + term).path("total_items").asInt());
        for (String path : List.of("/hsds/taxonomy_terms?parent_id=x", "/hsds/taxonomy_terms?top_only=maybe",
                "/hsds/organizations?full=yes", "/hsds/organizations/" + CENTRE + "?full_service=1", "/hsds/services?per_page=201",
                "/hsds/services?minimal=true&per_page=10001")) {
            given().when().get(path).then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void badParametersAreProblems() {
        for (String path : List.of("/hsds/services?per_page=0", "/hsds/services?page=x", "/hsds/services?taxonomy_id=nope",
                "/hsds/services?organization_id=42", "/hsds/service_at_locations?proximity=500",
                "/hsds/services?modified_after=yesterday", "/hsds/organizations?format=xml")) {
            given().when().get(path).then().statusCode(400).contentType("application/problem+json");
        }
        given().when().get("/hsds/services/" + java.util.UUID.randomUUID()).then().statusCode(404);
        given().when().get("/hsds/organizations/not-a-uuid").then().statusCode(404);
    }

    // ---- validation

    private static JsonNode get(String path) {
        return read(given().when().get(path).then().statusCode(200).extract().asString());
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static void valid(JsonNode answer, JsonSchema schema) {
        Set<ValidationMessage> errors = schema.validate(answer);
        assertTrue(errors.isEmpty(), () -> errors + "\nin " + answer.toString().substring(0, Math.min(2000, answer.toString().length())));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static synchronized JsonSchema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> factory(strict(schemaNode(n))));
    }

    static synchronized JsonSchema envelope(String itemSchema) {
        return SCHEMAS.computeIfAbsent("page of " + itemSchema, n -> envelopeOf(strict(schemaNode(itemSchema))));
    }

    /** The HSDS page (components.schemas.Page in the standard's openapi.json) around items of a schema, closed. */
    static JsonSchema envelopeOf(JsonNode itemSchema) {
        ObjectNode page = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
        ArrayNode required = page.putArray("required");
        ObjectNode properties = page.putObject("properties");
        for (String integer : List.of("total_items", "total_pages", "page_number", "size")) {
            properties.putObject(integer).put("type", "integer").put("minimum", 0);
            required.add(integer);
        }
        for (String flag : List.of("first_page", "last_page", "empty")) {
            properties.putObject(flag).put("type", "boolean");
            required.add(flag);
        }
        properties.putObject("contents").put("type", "array").set("items", itemSchema);
        required.add("contents");
        return factory(page);
    }

    static JsonNode schemaNode(String name) {
        try (InputStream in = HsdsConformanceIT.class.getResourceAsStream("/hsds-3.0/compiled/" + name + ".json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forbids additional properties on every object the schema describes ("also with additional properties forbidden"). */
    static JsonNode strict(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode object = (ObjectNode) schema;
            if ("object".equals(object.path("type").asText()) && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.path("properties").forEach(HsdsConformanceIT::strict);
            strict(object.path("items"));
            for (String list : List.of("allOf", "anyOf", "oneOf")) {
                object.path(list).forEach(HsdsConformanceIT::strict);
            }
            object.path("definitions").forEach(HsdsConformanceIT::strict);
        }
        return schema;
    }

    static JsonSchema factory(JsonNode schema) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
    }
}
