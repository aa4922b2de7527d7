package org.kiezwerk.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13: the merged API document says what the API does. Every operation of GET /openapi is called
 * through the gateway with a valid request (as the local admin, on data made first: a neighbourhood,
 * partners with an address, an offer, a resource, a recurring event, persons with consent, a tie ...),
 * and each real answer is checked against the document: its status is one the operation documents, its
 * content type one documented for that status, its JSON body valid against that schema. Operations with
 * two kinds of success (PUT that creates or replaces, JSON or JSON-LD) are called for each.
 * target/contract-calls.txt lists every call and its answer.
 */
@ExtendWith(TheSystem.class)
class OpenApiContractIT {

    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(90);

    private ApiContract contract;
    private final java.util.Set<String> wrong = new java.util.LinkedHashSet<>();
    private final List<String> calls = new ArrayList<>();
    private final TreeSet<String> covered = new TreeSet<>();

    @Test
    void everyOperationAnswersAsTheDocumentSays() throws Exception {
        String text = given().baseUri(TheSystem.gateway()).when().get("/openapi").then().statusCode(200).extract().asString();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), text);
        contract = new ApiContract(text);
        assertTrue(contract.document.path("x-kiezwerk-unavailable").isMissingNode(), "every service answered: " + text.length());
        assertTrue(contract.operations.size() >= 90, "operations: " + contract.operations.size());

        String run = UUID.randomUUID().toString().substring(0, 8);
        String today = LocalDate.now().toString();

        // --- webhooks (the gateway's own): a receiver here gets the partner changes and the tie this test makes
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String webhook = call("POST", "/api/v1/webhooks", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "description", "contract " + run, "eventTypes", List.of("org.kiezwerk.partner.registered.v1", "org.kiezwerk.partner.updated.v1",
                        "org.kiezwerk.network.tie-asserted.v1")))
                .path("id");

        // --- the directory's taxonomies
        call("GET", "/api/v1/taxonomies", null);
        call("GET", "/api/v1/taxonomies/target_groups", null);
        call("GET", "/api/v1/taxonomies/target_groups/terms?limit=5", null);
        String group = "ct-group-" + run;
        Map<String, Object> term = Map.of("code", group, "nameDe", "Vertrag " + run, "nameEn", "Contract " + run, "ageMin", 60, "ageMax", 75);
        call("POST", "/api/v1/taxonomies/target_groups/terms", term);
        call("GET", "/api/v1/taxonomies/target_groups/terms/" + group, null);
        call("PUT", "/api/v1/taxonomies/target_groups/terms/" + group, with(term, "description", "Ersetzt"));
        String spareGroup = "ct-spare-" + run;
        call("PUT", "/api/v1/taxonomies/target_groups/terms/" + spareGroup, with(term, "code", spareGroup));
        patch("/api/v1/taxonomies/target_groups/terms/" + group, "{\"description\": \"Geändert\"}");
        call("DELETE", "/api/v1/taxonomies/target_groups/terms/" + spareGroup, null);

        // --- neighbourhoods
        String area = "ct-" + run;
        Map<String, Object> neighbourhood = Map.of("code", area, "name", "Vertragsviertel " + run, "level", "quarter",
                "centre", Map.of("lat", 50.1, "lon", 8.21));
        String areaId = call("POST", "/api/v1/neighbourhoods", neighbourhood).path("id");
        call("GET", "/api/v1/neighbourhoods?limit=5", null);
        call("GET", "/api/v1/neighbourhoods/" + areaId, null);
        call("PUT", "/api/v1/neighbourhoods/" + areaId, neighbourhood);
        String spareArea = UUID.randomUUID().toString();
        call("PUT", "/api/v1/neighbourhoods/" + spareArea, with(neighbourhood, "code", area + "-spare"));
        patch("/api/v1/neighbourhoods/" + areaId, "{\"name\": \"Vertragsviertel " + run + " (neu)\"}");
        call("DELETE", "/api/v1/neighbourhoods/" + spareArea, null);

        // --- partners
        String a = partner("Vertragshaus " + run, area);
        String b = partner("Vertragsverein " + run, area);
        String duplicate = partner("Vertragshaus Doppelt " + run, area);
        String doomed = partner("Vertragsabriss " + run, area);
        call("GET", "/api/v1/partners?q=Vertragshaus%20" + run + "&neighbourhood=" + area + "&count=true&facets=true", null);
        call("GET", "/api/v1/partners?near=50.1,8.21&radius=5000&limit=5", null);
        call("GET", "/api/v1/partners/" + a, null);
        call("PUT", "/api/v1/partners/" + a, partnerDraft("Vertragshaus " + run, area));
        call("PUT", "/api/v1/partners/" + UUID.randomUUID(), partnerDraft("Vertragsneubau " + run, area));
        patch("/api/v1/partners/" + a, "{\"description\": \"Ein Haus für alle.\"}");
        call("POST", "/api/v1/partners/" + a + "/merge", Map.of("duplicateId", duplicate));
        call("GET", "/api/v1/partners/gaps?neighbourhood=" + area, null);
        Response imported = call("POST", "/api/v1/partners/imports?duplicateCheck=false", "text/csv",
                "external_id,name,kind,neighbourhoods\nct-" + run + ",Vertragsimport " + run + ",initiative," + area + "\n", Map.of());
        call("GET", imported.header("Location"), null);
        call("DELETE", "/api/v1/partners/" + doomed, null);

        // --- offers and resources
        Map<String, Object> offer = Map.of("partnerId", a, "name", "Vertragscafé", "category", "family_education",
                "targetGroups", List.of(group), "ageMin", 60, "ageMax", 80);
        String offerId = call("POST", "/api/v1/offers", offer).path("id");
        call("GET", "/api/v1/offers?partnerId=" + a, null);
        call("GET", "/api/v1/offers/" + offerId, null);
        call("PUT", "/api/v1/offers/" + offerId, with(offer, "description", "Kaffee und Kuchen"));
        String spareOffer = UUID.randomUUID().toString();
        call("PUT", "/api/v1/offers/" + spareOffer, with(offer, "name", "Ersatzcafé"));
        patch("/api/v1/offers/" + offerId, "{\"cost\": \"2 € pro Termin\"}");
        call("DELETE", "/api/v1/offers/" + spareOffer, null);
        Map<String, Object> room = Map.of("partnerId", a, "direction", "offered", "kind", "room", "name", "Saal", "capacity", 40);
        String roomId = call("POST", "/api/v1/resources", room).path("id");
        call("POST", "/api/v1/resources", Map.of("partnerId", b, "direction", "needed", "kind", "room", "name", "Probenraum"));
        call("GET", "/api/v1/resources?partnerId=" + a, null);
        call("GET", "/api/v1/resources/" + roomId, null);
        call("PUT", "/api/v1/resources/" + roomId, with(room, "availability", "werktags ab 17 Uhr"));
        String spareRoom = UUID.randomUUID().toString();
        call("PUT", "/api/v1/resources/" + spareRoom, with(room, "name", "Nebenraum"));
        patch("/api/v1/resources/" + roomId, "{\"capacity\": 60}");
        call("DELETE", "/api/v1/resources/" + spareRoom, null);
        call("GET", "/api/v1/partners/" + a + "/offers", null);
        call("GET", "/api/v1/partners/" + a + "/resources", null);
        call("GET", "/api/v1/partners/" + b + "/matches", null);
        // --- freshness: an editor confirms without a body; the stale-entry report of the area
        call("POST", "/api/v1/partners/" + a + "/confirmation", null);
        call("POST", "/api/v1/offers/" + offerId + "/confirmation", null);
        call("GET", "/api/v1/partners/stale?neighbourhood=" + area + "&months=1", null);

        // --- the HSDS view
        call("GET", "/hsds", null);
        call("GET", "/hsds/organizations?search=Vertragshaus%20" + run, null);
        call("GET", "/hsds/organizations/" + a, null);
        call("GET", "/hsds/services?organization_id=" + a, null);
        call("GET", "/hsds/services/" + offerId, null);
        String location = call("GET", "/hsds/service_at_locations?organization_id=" + a, null).path("contents[0].id");
        call("GET", "/hsds/service_at_locations/" + location, null);
        String taxonomy = call("GET", "/hsds/taxonomies", null).path("contents[0].id");
        call("GET", "/hsds/taxonomies/" + taxonomy, null);
        String hsdsTerm = call("GET", "/hsds/taxonomy_terms?per_page=5", null).path("contents[0].id");
        call("GET", "/hsds/taxonomy_terms/" + hsdsTerm, null);

        // --- events (event-service learns of the partners through Kafka)
        Map<String, Object> event = new LinkedHashMap<>(Map.of("title", "Vertragsstammtisch " + run, "category", "networking",
                "start", "2027-05-04T19:00", "end", "2027-05-04T21:00", "neighbourhood", area,
                "recurrence", Map.of("rule", "FREQ=WEEKLY;BYDAY=TU;COUNT=5"),
                "partners", List.of(Map.of("partnerId", a, "role", "host"), Map.of("partnerId", b, "role", "co_host"))));
        String eventId = await(() -> call("POST", "/api/v1/events", event), s -> s == 201).path("id");
        call("GET", "/api/v1/events?from=2027-05-01T00:00:00%2B02:00&to=2027-06-30T00:00:00%2B02:00&neighbourhood=" + area, null);
        call("GET", "/api/v1/events/calendar.ics?neighbourhood=" + area + "&from=2027-05-01T00:00:00Z", null);
        call("GET", "/api/v1/events/feed.atom?neighbourhood=" + area + "&from=2027-05-01T00:00:00Z&days=60", null);
        call("GET", "/api/v1/events/feed.atom?partner=" + b + "&from=2027-05-01T00:00:00Z", null);
        call("GET", "/api/v1/events/ended?neighbourhood=" + area + "&days=30", null);
        // --- embedding: oEmbed for the partner's embed page, and for a page of another site
        call("GET", "/api/v1/oembed?format=json&maxwidth=400&url=" + java.net.URLEncoder.encode(TheSystem.gateway() + "/embed/partners/" + b,
                java.nio.charset.StandardCharsets.UTF_8), null);
        call("GET", "/api/v1/oembed?url=" + java.net.URLEncoder.encode("https://blog.example.org/embed/partners/" + b,
                java.nio.charset.StandardCharsets.UTF_8), null);
        call("GET", "/api/v1/events/coproduction?partner=" + a + "&from=2027-01-01T00:00:00%2B01:00&to=2027-12-31T00:00:00%2B01:00", null);
        call("GET", "/api/v1/events/" + eventId, null);
        call("GET", "/api/v1/events/" + eventId, null, null, Map.of("Accept", "application/ld+json"));
        call("GET", "/api/v1/events/" + eventId + "/occurrences?from=2027-05-01T00:00:00%2B02:00&to=2027-06-30T00:00:00%2B02:00", null);
        call("PUT", "/api/v1/events/" + eventId, with(event, "description", "Jeden Dienstag"));
        String spareEvent = UUID.randomUUID().toString();
        call("PUT", "/api/v1/events/" + spareEvent, with(event, "title", "Vertragsfest " + run));
        patch("/api/v1/events/" + eventId, "{\"capacity\": 30}");
        call("POST", "/api/v1/events/" + eventId + "/occurrences/cancel", Map.of("occurrence", "2027-05-11T19:00", "reason", "Feiertag"));
        call("POST", "/api/v1/events/" + spareEvent + "/cancel", null);
        call("DELETE", "/api/v1/events/" + spareEvent, null);

        // --- the network (network-service learns of the partners through Kafka)
        await(() -> call("GET", "/api/v1/network/actors/" + a, null), s -> s == 200);
        await(() -> call("GET", "/api/v1/network/actors/" + b, null), s -> s == 200);
        call("GET", "/api/v1/network/actors/" + a + "/co-production-ties", null);
        call("GET", "/api/v1/network/actors/" + a + "/network?depth=2", null);
        String tie = call("POST", "/api/v1/network/ties", Map.of("from", a, "to", b, "kind", "partnership", "strength", 3,
                "assertedBy", a, "since", "2025-01-01")).path("id");
        call("GET", "/api/v1/network/ties/" + tie, null);
        call("GET", "/api/v1/network/actors/" + a + "/ties", null);
        call("POST", "/api/v1/network/ties/" + tie + "/confirm", Map.of("by", b));
        Map<String, Object> consent = Map.of("scope", "public", "recordedBy", "Quartiersbüro " + run);
        String first = call("POST", "/api/v1/network/persons", Map.of("displayName", "Frau V. " + run, "consent", consent,
                "affiliations", List.of(Map.of("organisationId", a, "role", "works_at")))).path("id");
        String second = call("POST", "/api/v1/network/persons", Map.of("displayName", "Herr T. " + run, "consent", consent)).path("id");
        call("GET", "/api/v1/network/persons/" + first, null);
        call("POST", "/api/v1/network/persons/" + second + "/affiliations", Map.of("organisationId", b, "role", "volunteers_at"));
        call("POST", "/api/v1/network/persons/" + second + "/affiliations/" + b + "/confirm", Map.of("by", second));
        call("POST", "/api/v1/network/conversations", Map.of("personA", first, "personB", second, "date", today, "topic", "Kennenlernen"));
        call("GET", "/api/v1/network/paths?from=" + a + "&to=" + b + "&k=2", null);
        call("GET", "/api/v1/network/export?format=cytoscape&neighbourhood=" + area, null);
        call("GET", "/api/v1/network/export?neighbourhood=" + area, null);
        call("GET", "/api/v1/network/export?format=csv&persons=true&neighbourhood=" + area, null);
        call("POST", "/api/v1/network/persons/" + first + "/acquaintances/" + second + "/end", Map.of("until", today));
        call("POST", "/api/v1/network/persons/" + second + "/affiliations/" + b + "/end", Map.of("until", today));
        call("POST", "/api/v1/network/ties/" + tie + "/end", Map.of("until", today));
        call("DELETE", "/api/v1/network/ties/" + tie, null);
        call("DELETE", "/api/v1/network/persons/" + second + "/consent", null);
        call("DELETE", "/api/v1/network/persons/" + first, null);

        // --- analyses
        call("GET", "/api/v1/analytics/key-actors?neighbourhood=" + area, null);
        call("GET", "/api/v1/analytics/communities?neighbourhood=" + area, null);
        call("GET", "/api/v1/analytics/partner-suggestions?for=" + a, null);
        call("GET", "/api/v1/analytics/health?neighbourhood=" + area, null);
        call("POST", "/api/v1/analytics/health/snapshots?neighbourhood=" + area, null);
        call("GET", "/api/v1/analytics/health/snapshots?neighbourhood=" + area, null);
        // before the first snapshot there is nothing to compare (404); after it, the change
        call("GET", "/api/v1/analytics/health/change?neighbourhood=" + area + "&from=2026-01-01T00:00:00Z&to="
                + Instant.now().plusSeconds(60), null);
        call("GET", "/api/v1/analytics/health/change?neighbourhood=" + area + "&from=" + Instant.now().plusSeconds(1) + "&to="
                + Instant.now().plusSeconds(60), null);
        Map<String, Object> query = Map.of("query", "MATCH (o:Organisation) RETURN count(o) AS organisations");
        call("POST", "/api/v1/analytics/cypher", query);
        call("POST", "/api/v1/analytics/cypher", "application/json", query, Map.of("Accept", "text/csv"));
        String saved = "ct-" + run;
        Map<String, Object> savedQuery = Map.of("description", "Organisationen zählen", "query", query.get("query"));
        call("PUT", "/api/v1/analytics/saved-queries/" + saved, savedQuery);
        call("PUT", "/api/v1/analytics/saved-queries/" + saved, savedQuery);
        call("GET", "/api/v1/analytics/saved-queries", null);
        call("GET", "/api/v1/analytics/saved-queries/" + saved, null);
        call("POST", "/api/v1/analytics/saved-queries/" + saved + "/run", Map.of("limit", 10));
        call("DELETE", "/api/v1/analytics/saved-queries/" + saved, null);

        // --- administration (the gateway's own operations)
        call("GET", "/api/v1/admin/api-keys", null);
        String key = call("POST", "/api/v1/admin/api-keys", Map.of("name", "contract " + run, "scopes", List.of("read"))).path("id");
        call("DELETE", "/api/v1/admin/api-keys/" + key, null);
        call("POST", "/api/v1/admin/person-tokens", Map.of("subject", "contract-" + run, "roles", List.of("analyst"), "minutes", 5));

        // --- webhooks: the partner writes above were delivered (through Kafka, the gateway's consumer and worker)
        call("GET", "/api/v1/webhooks", null);
        call("GET", "/api/v1/webhooks/" + webhook, null);
        call("PATCH", "/api/v1/webhooks/" + webhook, Map.of("description", "contract " + run + " (changed)"));
        Response log = Eventually.answer("a partner change delivered", PROJECTION_DEADLINE,
                () -> call("GET", "/api/v1/webhooks/" + webhook + "/deliveries?status=delivered&limit=5", null),
                answer -> !answer.jsonPath().getList("items").isEmpty());
        assertTrue(received.stream().anyMatch(body -> body.contains("\"type\":\"org.kiezwerk.partner.")), "received: " + received.size());
        // the tie asserted above: network-service's outbox relay, kiezwerk.ties.v1, the gateway's consumer and worker
        Eventually.until("the tie delivered", PROJECTION_DEADLINE,
                () -> received.stream().anyMatch(body -> body.contains("\"type\":\"org.kiezwerk.network.tie-asserted.v1\"")));
        assertTrue(received.stream().anyMatch(body -> body.contains("\"type\":\"org.kiezwerk.network.tie-asserted.v1\"")
                && body.contains("\"subject\":\"" + tie + "\"")), "the tie was delivered; received: " + received.size());
        call("POST", "/api/v1/webhooks/" + webhook + "/deliveries/" + log.path("items[0].id") + "/redeliver", null);
        call("POST", "/api/v1/webhooks/" + webhook + "/replay?from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now(), null);
        call("POST", "/api/v1/webhooks/" + webhook + "/resume", null);
        call("DELETE", "/api/v1/webhooks/" + webhook, null);
        receiver.stop(0);

        TreeSet<String> missing = new TreeSet<>();
        contract.operations.forEach(o -> missing.add(o.key()));
        missing.removeAll(covered);
        Files.write(Path.of("target/contract-calls.txt"), calls);
        assertTrue(missing.isEmpty(), "operations of the document this test does not call yet: " + missing);
        assertTrue(wrong.isEmpty(), wrong.size() + " answers differ from the document:\n" + String.join("\n", wrong));
    }

    private String partner(String name, String area) {
        return call("POST", "/api/v1/partners?duplicateCheck=false", partnerDraft(name, area)).path("id");
    }

    private static Map<String, Object> partnerDraft(String name, String area) {
        return Map.of("name", name, "kind", "community_centre", "neighbourhoods", List.of(area),
                "addresses", List.of(Map.of("street", "Lindenstraße 12", "postcode", "65101", "city", "Auenstadt",
                        "lat", 50.0991, "lon", 8.2103)), "email", "info@vertrag.example.org");
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private Response patch(String path, String mergePatch) {
        return call("PATCH", path, "application/merge-patch+json", mergePatch, Map.of());
    }

    private Response call(String method, String path, Object jsonBody) {
        return call(method, path, jsonBody == null ? null : "application/json", jsonBody, Map.of());
    }

    /** One request through the gateway, its answer checked against the document (and logged). */
    private Response call(String method, String path, String contentType, Object body, Map<String, String> headers) {
        RequestSpecification request = given().baseUri(TheSystem.gateway()).urlEncodingEnabled(false).headers(headers);
        if (body != null) {
            request.contentType(contentType).body(body);
        }
        Response answer = request.when().request(method, path);
        String line = method + " " + path + (headers.isEmpty() ? "" : " " + headers) + " -> " + answer.statusCode() + " "
                + answer.contentType();
        calls.add(line);
        var operation = contract.operation(method, path);
        if (operation.isEmpty()) {
            wrong.add(line + ": no operation of the document matches");
            return answer;
        }
        covered.add(operation.get().key());
        for (String problem : contract.check(operation.get(), answer.statusCode(), answer.contentType(), answer.asString())) {
            wrong.add(operation.get().key() + " (" + line + "): " + problem);
        }
        return answer;
    }

    /** Repeats a request until the projection it depends on has caught up; every answer is checked. */
    private Response await(Callable<Response> request, IntPredicate done) {
        return Eventually.answer("success once the projection has caught up", PROJECTION_DEADLINE, request,
                answer -> done.test(answer.statusCode()));
    }
}
