package org.kiezwerk.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15: hostile input, generated from the merged API document. For every operation of GET /openapi a
 * seeded random generator builds a valid request from the schemas and then spoils it, one kind of spoiling
 * after the other: wrong types, missing and extra fields, huge and deeply nested bodies, NUL and invalid
 * UTF-8 (in bodies, paths, queries and headers), bad dates and time zones, bad ids, cursors, limits and
 * headers (If-Match, Idempotency-Key, Accept, Content-Type, X-Request-Id, traceparent, credentials), broken
 * JSON and CSV, bodies where none belong, and methods the path does not have. Each request is written byte
 * by byte (so that invalid bytes really go out) and must be answered completely within 10 s. What must hold
 * for every answer: no 5xx, no hang, every 4xx an RFC 9457 problem (application/problem+json with its
 * status), and no internal names (class names, stack traces, driver messages) in any refusal. The one
 * exception: a request that is no HTTP/1.1 message at all (raw bytes outside the URI grammar in the request
 * target, a control character in a header value) is refused by the HTTP layer before any route sees it;
 * it must get a 4xx, but no problem body.
 *
 * <p>-Dkiezwerk.hostile.seed and -Dkiezwerk.hostile.perOperation change the seed and the number of requests
 * per operation; target/hostile-requests.txt lists every request's kind and answer.
 */
@ExtendWith(TheSystem.class)
class HostileInputIT {

    static final long SEED = Long.getLong("kiezwerk.hostile.seed", 15L);
    static final int PER_OPERATION = Integer.getInteger("kiezwerk.hostile.perOperation", 34);
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final int KINDS = 30;

    /** Names that betray the implementation: Java classes, stack frames, the drivers and frameworks below. */
    static final Pattern INTERNAL = Pattern.compile("\\b(?:org|com|io|java|javax|jakarta|sun|net)\\.[a-z][a-z0-9_]*\\.[A-Za-z][\\w$.]*"
            + "|\\b[A-Z]\\w*(?:Exception|Error)\\b|\\tat |Caused by|SQLSTATE|SQL state|PSQL|\\bNeo4j\\b|Neo\\.ClientError|\\bHibernate|\\bVert\\.?x\\b"
            + "|RESTEASY|\\bJackson\\b|\\bjackson\\b|Unrecognized field|StackOverflow|\\bnull pointer|\\bSmallRye|\\bQuarkus\\b|\\bagroal\\b|\\bbolt://"
            + "|jdbc:|\\bKafka\\b");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApiContract contract;
    private Random random;
    private RawHttp http;
    private final List<String> keys = new ArrayList<>();
    private final Map<String, String> fixture = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private int sent;
    private int malformedRefused;

    @Test
    void hostileInputIsRefusedCleanlyEverywhere() throws Exception {
        String text = given().baseUri(TheSystem.gateway()).when().get("/openapi").then().statusCode(200).extract().asString();
        contract = new ApiContract(text);
        assertTrue(contract.operations.size() >= 90, "operations: " + contract.operations.size());
        makeFixtures();
        // one bucket of the gateway's rate limit per key: a few admin keys keep this test clear of 429
        for (int i = 0; i < 8; i++) {
            keys.add(given().baseUri(TheSystem.gateway()).contentType(ContentType.JSON)
                    .body(Map.of("name", "hostile " + i, "scopes", List.of("admin")))
                    .when().post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key"));
        }
        random = new Random(SEED);
        http = new RawHttp("127.0.0.1", TheSystem.PORTS.gateway(), DEADLINE);
        Instant began = Instant.now();
        for (ApiContract.Operation operation : contract.operations) {
            for (int i = 0; i < PER_OPERATION; i++) {
                int kind = (i + operation.path().length()) % KINDS;
                send(operation, kind);
            }
        }
        // paths that are no operation at all
        for (String path : List.of("/api/v1/nothing", "/api/v2/partners", "/api/v1/partners/%00/x", "/api/v1/%FF", "/hsds/..%2F..%2Fetc",
                "/api/v1/partners/" + UUID.randomUUID() + "/nothing", "/api/v1/network/actors", "/api/v1/admin", "/api/v1/events/calendar.ics/x")) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                send("(no operation)", "unknown path", new RawHttp.Request(method, path.getBytes(StandardCharsets.UTF_8),
                        headers(true), method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null));
            }
        }
        Duration took = Duration.between(began, Instant.now());
        // the system is still fine afterwards
        for (var service : org.kiezwerk.infra.LocalInfra.Service.values()) {
            given().baseUri("http://127.0.0.1:" + TheSystem.PORTS.of(service)).when().get("/q/health/ready").then().statusCode(200);
        }
        List<String> summary = new ArrayList<>();
        summary.add("seed " + SEED + ", " + sent + " requests in " + took.toSeconds() + " s, statuses " + statuses + "; "
                + malformedRefused + " not HTTP/1.1 at all, refused by the HTTP layer");
        summary.addAll(log);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/hostile-requests.txt"), String.join("\n", summary).getBytes(StandardCharsets.UTF_8));
        Files.write(Path.of("target/hostile-failures.txt"), String.join("\n\n", failures).getBytes(StandardCharsets.UTF_8));
        System.out.println("[hostile] " + summary.get(0) + ", " + failures.size() + " failures");
        assertTrue(sent >= 3000, "requests sent: " + sent);
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " hostile requests were answered wrongly (seed " + SEED + "):\n\n"
                + String.join("\n\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    // ------------------------------------------------------------------ sending and judging

    private void send(ApiContract.Operation operation, int kind) {
        RawHttp.Request request;
        String what;
        try {
            Spoiled spoiled = spoil(operation, kind);
            request = spoiled.request();
            what = spoiled.what();
        } catch (RuntimeException e) {
            throw new IllegalStateException("building request kind " + kind + " for " + operation.key(), e);
        }
        send(operation.key(), what, request);
    }

    private void send(String operation, String what, RawHttp.Request request) {
        sent++;
        RawHttp.Answer answer;
        try {
            answer = http.send(request);
        } catch (RawHttp.Hang e) {
            fail(operation, what, request, "HANG: " + e.getMessage(), null);
            log.add(operation + " | " + what + " | hang");
            return;
        } catch (java.io.IOException e) {
            fail(operation, what, request, "no answer: " + e, null);
            log.add(operation + " | " + what + " | " + e.getClass().getSimpleName());
            return;
        }
        statuses.merge(Integer.toString(answer.status()), 1, Integer::sum);
        log.add(operation + " | " + what + " | " + answer.status() + " " + answer.millis() + " ms");
        int status = answer.status();
        if (status >= 500) {
            fail(operation, what, request, "answered " + status, answer);
            return;
        }
        if (request.malformed() && status >= 400 && status < 500) {
            // refused by the HTTP layer, before any route: a 4xx is right, a problem body not to be had
            malformedRefused++;
            return;
        }
        if (status >= 400) {
            String type = answer.header("content-type");
            if (type == null || !type.toLowerCase().startsWith("application/problem+json")) {
                fail(operation, what, request, status + " is not application/problem+json but " + type, answer);
                return;
            }
            try {
                JsonNode problem = ApiContract.JSON.readTree(answer.body());
                if (problem.path("status").asInt() != status || problem.path("title").asText("").isBlank()) {
                    fail(operation, what, request, "the problem does not carry status " + status + " and a title", answer);
                    return;
                }
            } catch (java.io.IOException e) {
                fail(operation, what, request, "the problem body is no JSON", answer);
                return;
            }
            var internal = INTERNAL.matcher(answer.text());
            if (internal.find()) {
                fail(operation, what, request, "internal name in the answer: '" + internal.group() + "'", answer);
            }
        }
    }

    private void fail(String operation, String what, RawHttp.Request request, String why, RawHttp.Answer answer) {
        failures.add("#" + sent + " " + operation + " [" + what + "]: " + why + "\n  request: " + request.describe()
                + (answer == null ? "" : "\n  answer: " + answer.status() + " " + answer.header("content-type") + " "
                        + RawHttp.printable(answer.body(), 600)));
    }

    // ------------------------------------------------------------------ building hostile requests

    record Spoiled(String what, RawHttp.Request request) {
    }

    private Spoiled spoil(ApiContract.Operation operation, int kind) {
        String method = operation.method().toUpperCase();
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (JsonNode p : operation.parameters("path")) {
            pathValues.put(p.path("name").asText(), encode(validPathValue(operation.path(), p.path("name").asText())));
        }
        List<Map.Entry<String, String>> query = validQuery(operation);
        List<Map.Entry<String, byte[]>> headers = headers(true);
        Body body = validBody(operation);
        String what;
        switch (kind) {
            case 0 -> what = "valid";
            case 1, 2 -> {
                if (pathValues.isEmpty()) {
                    String name = "x" + random.nextInt(100);
                    query.add(entry(name, pick(HOSTILE_IDS)));
                    what = "unknown query " + name;
                } else {
                    String name = pick(new ArrayList<>(pathValues.keySet()));
                    String value = pick(HOSTILE_IDS);
                    pathValues.put(name, value);
                    what = "path " + name + "=" + value;
                }
            }
            case 3, 4 -> {
                List<JsonNode> params = operation.parameters("query");
                String name = params.isEmpty() ? "q" : pick(params).path("name").asText();
                String value = hostileQueryValue(name);
                setQuery(query, name, value);
                what = "query " + name + "=" + abbreviate(value);
            }
            case 5 -> {
                String value = pick(BAD_DATES);
                String name = firstPresent(operation, List.of("from", "to", "modifiedSince", "modified_after", "age", "since"), "from");
                setQuery(query, name, encode(value));
                what = "date " + name + "=" + value;
            }
            case 6 -> {
                String name = pick(List.of("cursor", "limit", "page", "per_page"));
                String value = pick(name.equals("cursor") ? hostileCursors() : HOSTILE_NUMBERS);
                setQuery(query, name, value);
                what = "paging " + name + "=" + abbreviate(value);
            }
            case 7 -> {
                for (Map.Entry<String, String> q : new ArrayList<>(query)) {
                    query.add(entry(q.getKey(), pick(HOSTILE_TEXT_ENCODED)));
                }
                query.add(entry(pick(List.of("__proto__", "constructor", "%00", "a%5B%5D", "x".repeat(3000))), pick(HOSTILE_TEXT_ENCODED)));
                what = "repeated and unknown query parameters";
            }
            case 8 -> {
                String name = pick(List.of("If-Match", "If-None-Match", "Idempotency-Key", "If-Modified-Since"));
                byte[] value = pick(HOSTILE_HEADER_VALUES);
                headers.add(Map.entry(name, value));
                what = "header " + name + "=" + RawHttp.printable(value, 60);
            }
            case 9 -> {
                String name = pick(List.of("Accept", "Content-Type", "Accept-Charset", "Accept-Encoding", "Content-Encoding", "Accept-Language"));
                byte[] value = pick(HOSTILE_MEDIA_TYPES);
                headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
                headers.add(Map.entry(name, value));
                if (name.equals("Content-Type") && body.bytes() == null) {
                    body = new Body("{}".getBytes(StandardCharsets.UTF_8), null);
                }
                what = "header " + name + "=" + RawHttp.printable(value, 60);

            }
            case 10 -> {
                String name = pick(List.of("X-Request-Id", "traceparent", "tracestate", "X-Forwarded-For", "Forwarded", "User-Agent", "Referer"));
                byte[] value = pick(HOSTILE_HEADER_VALUES);
                headers.add(Map.entry(name, value));
                what = "header " + name + "=" + RawHttp.printable(value, 60);
            }
            case 11 -> {
                headers = headers(false);
                int which = random.nextInt(7);
                switch (which) {
                    case 0 -> headers.add(Map.entry("X-API-Key", "kw_wrong".getBytes(StandardCharsets.UTF_8)));
                    case 1 -> headers.add(Map.entry("X-API-Key", pick(HOSTILE_HEADER_VALUES)));
                    case 2 -> headers.add(Map.entry("Authorization", "Bearer not.a.token".getBytes(StandardCharsets.UTF_8)));
                    case 3 -> headers.add(Map.entry("Authorization", ("Bearer " + forgedToken()).getBytes(StandardCharsets.UTF_8)));
                    case 4 -> headers.add(Map.entry("Authorization", "Basic YWRtaW46YWRtaW4=".getBytes(StandardCharsets.UTF_8)));
                    case 5 -> headers.add(Map.entry("Authorization", pick(HOSTILE_HEADER_VALUES)));
                    default -> {
                        // none at all
                    }
                }
                what = "credentials #" + which;
            }
            case 12 -> {
                String other = pick(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"));
                JsonNode pathItem = contract.document.path("paths").path(operation.path());
                if (!pathItem.has(other.toLowerCase())) {
                    method = other;
                    what = "method " + other + " the path does not have";
                } else {
                    headers.add(Map.entry("X-HTTP-Method-Override", "DELETE".getBytes(StandardCharsets.UTF_8)));
                    what = "method override header";
                }
            }
            case 13 -> {
                byte[] raw = pick(RAW_PATH_SUFFIXES);
                String target = target(operation.path(), pathValues, query);
                int cut = target.indexOf('?') < 0 ? target.length() : target.indexOf('?');
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bytes.writeBytes(target.substring(0, cut).getBytes(StandardCharsets.UTF_8));
                bytes.writeBytes(raw);
                bytes.writeBytes(target.substring(cut).getBytes(StandardCharsets.UTF_8));
                if (body.bytes() != null) {
                    headers.add(Map.entry("Content-Type", body.contentType()));
                }
                return new Spoiled("raw path bytes " + RawHttp.printable(raw, 40),
                        new RawHttp.Request(method, bytes.toByteArray(), headers, body.bytes()));
            }
            default -> {
                what = spoilBody(operation, body, kind, headers);
                body = lastBody;
            }
        }
        return new Spoiled(what, request(method, operation.path(), pathValues, query, headers, body));
    }

    private Body lastBody;

    /** Kinds 14 and up: the body. Operations without one get a body anyway (or their query spoiled). */
    private String spoilBody(ApiContract.Operation operation, Body body, int kind, List<Map.Entry<String, byte[]>> headers) {
        boolean json = body.json() != null;
        lastBody = body;
        if (body.bytes() == null) {
            // no body expected: send one, of any kind
            byte[] junk = switch (kind % 4) {
                case 0 -> "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
                case 1 -> deep(2000);
                case 2 -> new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x41};
                default -> "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
            };
            headers.add(Map.entry("Content-Type", "application/json".getBytes(StandardCharsets.UTF_8)));
            lastBody = new Body(junk, null);
            return "body where none belongs #" + (kind % 4);
        }
        if (!json) {
            headers.removeIf(h -> h.getKey().equalsIgnoreCase("Content-Type"));
            headers.add(Map.entry("Content-Type", body.contentType()));
            lastBody = new Body(hostileCsv(kind), null);
            return "csv #" + kind;
        }
        JsonNode tree = body.json().deepCopy();
        String what;
        switch (kind) {
            case 14 -> {
                what = "missing " + removeSomething(tree);
            }
            case 15, 16 -> {
                JsonNode value = pick(WRONG_TYPES);
                what = "wrong type " + setSomewhere(tree, value) + "=" + value;
            }
            case 17 -> {
                if (tree instanceof ObjectNode object) {
                    object.put("unknownField", "x");
                    object.set("__proto__", NODES.objectNode().put("admin", true));
                    object.put("id", UUID.randomUUID().toString());
                    object.put("version", -1);
                    object.put("createdAt", "1970-01-01T00:00:00Z");
                }
                what = "extra fields";
            }
            case 18, 19 -> {
                String value = pick(HOSTILE_TEXTS);
                what = "text " + setSomewhere(tree, NODES.textNode(value)) + "=" + abbreviate(value);
            }
            case 20 -> {
                String value = pick(BAD_DATES);
                String field = setNamed(tree, List.of("start", "end", "since", "until", "date", "occurrence", "recordedAt", "lastVerified",
                        "exceptions"), NODES.textNode(value));
                what = "date " + field + "=" + value;
            }
            case 21 -> {
                String value = pick(BAD_ZONES);
                if (tree instanceof ObjectNode object) {
                    object.put("timeZone", value);
                }
                what = "time zone " + value;
            }
            case 22 -> {
                String value = pick(HOSTILE_NUMBER_LITERALS);
                String field = setSomewhere(tree, NODES.numberNode(0));
                lastBody = new Body(replaceFirstZero(tree, value), null, body.contentType());
                return "number " + field + "=" + value;
            }
            case 23 -> {
                what = "huge text " + setSomewhere(tree, NODES.textNode("ü".repeat(600_000)));
            }
            case 24 -> {
                lastBody = new Body(deepInside(tree, 3000 + random.nextInt(20_000)), null, body.contentType());
                return "deeply nested";
            }
            case 25 -> {
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 100_000; i++) {
                    many.add(i % 2 == 0 ? "lindenhof" : UUID.randomUUID().toString());
                }
                what = "huge array " + setSomewhere(tree, many);
            }
            case 26 -> {
                byte[] valid = bytes(tree);
                lastBody = new Body(insertInvalidUtf8(valid), null, body.contentType());
                return "invalid UTF-8 in the body";
            }
            case 27 -> {
                byte[] valid = bytes(tree);
                int which = random.nextInt(BROKEN_JSON.size() + 3);
                byte[] broken = which < BROKEN_JSON.size() ? BROKEN_JSON.get(which).getBytes(StandardCharsets.UTF_8)
                        : which == BROKEN_JSON.size() ? java.util.Arrays.copyOf(valid, Math.max(1, valid.length / 2))
                        : which == BROKEN_JSON.size() + 1 ? concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, valid)
                        : new String(valid, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
                lastBody = new Body(broken, null, body.contentType());
                return "broken JSON #" + which;
            }
            case 28 -> {
                // far bigger than any body the API takes, but below the gateway's limit
                ObjectNode big = tree instanceof ObjectNode o ? o : NODES.objectNode();
                big.put("filler", "a".repeat(6 * 1024 * 1024));
                what = "6 MiB body";
            }
            default -> {
                removeSomething(tree);
                setSomewhere(tree, pick(WRONG_TYPES));
                setSomewhere(tree, NODES.textNode(pick(HOSTILE_TEXTS)));
                what = "several faults";
            }
        }
        lastBody = new Body(bytes(tree), null, body.contentType());
        return what;
    }

    // ------------------------------------------------------------------ valid requests from the document

    record Body(byte[] bytes, JsonNode json, byte[] contentType) {
        Body(byte[] bytes, JsonNode json) {
            this(bytes, json, null);
        }
    }

    private Body validBody(ApiContract.Operation operation) {
        JsonNode content = operation.node().path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return new Body(null, null);
        }
        if (content.has("text/csv")) {
            String csv = "external_id,name,kind,neighbourhoods\nh-" + random.nextInt(1_000_000) + ",Feindliche Probe,initiative,"
                    + fixture.get("area") + "\n";
            return new Body(csv.getBytes(StandardCharsets.UTF_8), null, "text/csv".getBytes(StandardCharsets.UTF_8));
        }
        if (!content.has("application/json")) {
            return new Body(null, null);
        }
        JsonNode schema = content.path("application/json").path("schema");
        if (operation.method().equals("patch") || "string".equals(contract.resolve(schema).path("type").asText())) {
            // merge-patch: part of what PUT takes
            JsonNode put = contract.document.path("paths").path(operation.path()).path("put").path("requestBody").path("content")
                    .path("application/json").path("schema");
            JsonNode whole = put.isMissingNode() ? NODES.objectNode().put("description", "geändert") : sample(put, "", 0);
            ObjectNode part = NODES.objectNode();
            if (whole instanceof ObjectNode object && object.size() > 0) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = pick(names);
                part.set(name, object.get(name));
            }
            return new Body(bytes(part), part, "application/merge-patch+json".getBytes(StandardCharsets.UTF_8));
        }
        JsonNode body = sample(schema, "", 0);
        return new Body(bytes(body), body, "application/json".getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Request request(String method, String template, Map<String, String> pathValues, List<Map.Entry<String, String>> query,
            List<Map.Entry<String, byte[]>> headers, byte[] body) {
        return new RawHttp.Request(method, target(template, pathValues, query).getBytes(StandardCharsets.UTF_8), headers, body);
    }

    private RawHttp.Request request(String method, String template, Map<String, String> pathValues, List<Map.Entry<String, String>> query,
            List<Map.Entry<String, byte[]>> headers, Body body) {
        if (body.bytes() != null && headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
            headers.add(Map.entry("Content-Type", body.contentType() != null ? body.contentType() : "application/json".getBytes()));
        }
        return request(method, template, pathValues, query, headers, body.bytes());
    }

    private static String target(String template, Map<String, String> pathValues, List<Map.Entry<String, String>> query) {
        String path = template;
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        StringBuilder target = new StringBuilder(path);
        for (int i = 0; i < query.size(); i++) {
            target.append(i == 0 ? '?' : '&').append(query.get(i).getKey()).append('=').append(query.get(i).getValue());
        }
        return target.toString();
    }

    private List<Map.Entry<String, byte[]>> headers(boolean asAdmin) {
        List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
        if (asAdmin) {
            headers.add(Map.entry("X-API-Key", keys.get(sent % keys.size()).getBytes(StandardCharsets.UTF_8)));
        }
        headers.add(Map.entry("X-Request-Id", ("hostile-" + SEED + "-" + (sent + 1)).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** A JSON value the schema allows, with the fixtures where ids and codes must exist. */
    private JsonNode sample(JsonNode schema, String name, int depth) {
        JsonNode fixed = fixtureValue(name);
        if (fixed != null) {
            return fixed;
        }
        JsonNode resolved = contract.resolve(schema);
        if (depth > 6) {
            return NODES.nullNode();
        }
        JsonNode examples = schema.has("examples") ? schema.get("examples") : resolved.get("examples");
        if (examples != null && examples.isArray() && examples.size() > 0) {
            return localise(examples.get(0).deepCopy());
        }
        if (resolved.has("enum")) {
            JsonNode values = resolved.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = type(schema.has("type") ? schema : resolved);
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new HashSet<>();
                resolved.path("required").forEach(r -> required.add(r.asText()));
                resolved.path("properties").fields().forEachRemaining(p -> {
                    if (required.contains(p.getKey()) || random.nextInt(3) == 0) {
                        object.set(p.getKey(), sample(p.getValue(), p.getKey(), depth + 1));
                    }
                });
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = Math.max(1, resolved.path("minItems").asInt(1));
                for (int i = 0; i < items; i++) {
                    array.add(sample(resolved.path("items"), name, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                long min = resolved.path("minimum").asLong(1);
                long max = resolved.path("maximum").asLong(Math.max(min, 10));
                return NODES.numberNode(Math.min(max, Math.max(min, 3)));
            }
            case "number" -> {
                return NODES.numberNode(Math.min(resolved.path("maximum").asDouble(50), Math.max(resolved.path("minimum").asDouble(1), 1.5)));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                String format = resolved.path("format").asText(schema.path("format").asText(""));
                return NODES.textNode(switch (format) {
                    case "uuid" -> fixture.get("partner");
                    case "date" -> "2027-05-04";
                    case "date-time" -> "2027-05-04T19:00";
                    default -> resolved.path("pattern").asText("").startsWith("[a-z0-9]") ? fixture.get("area") : "Probe " + random.nextInt(1000);
                });
            }
        }
    }

    private JsonNode fixtureValue(String name) {
        return switch (name) {
            case "partnerId", "organisationId", "from", "assertedBy", "duplicateId" -> NODES.textNode(fixture.get("partner"));
            case "to", "by" -> NODES.textNode(fixture.get("partner2"));
            case "personA" -> NODES.textNode(fixture.get("person"));
            case "personB" -> NODES.textNode(fixture.get("person2"));
            case "neighbourhood", "parent" -> NODES.textNode(fixture.get("area"));
            case "neighbourhoods" -> NODES.arrayNode().add(fixture.get("area"));
            case "code" -> NODES.textNode("hostile-" + random.nextInt(1_000_000));
            case "organisations" -> NODES.arrayNode();
            case "scopes" -> NODES.arrayNode().add("read");
            case "roles" -> NODES.arrayNode().add("analyst");
            default -> null;
        };
    }

    /** Example values that name the demo neighbourhood point to this test's own instead. */
    private JsonNode localise(JsonNode example) {
        if (example.isTextual() && Set.of("lindenhof", "auenstadt-sued").contains(example.asText())) {
            return NODES.textNode(fixture.get("area"));
        }
        if (example.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            example.forEach(e -> copy.add(localise(e)));
            return copy;
        }
        return example;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : "string";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText();
    }

    private List<Map.Entry<String, String>> validQuery(ApiContract.Operation operation) {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        for (JsonNode parameter : operation.parameters("query")) {
            String name = parameter.path("name").asText();
            String value = validQueryValue(operation.path(), name);
            if (value != null && random.nextInt(4) != 0) {
                query.add(entry(name, encode(value)));
            }
        }
        return query;
    }

    private String validQueryValue(String path, String name) {
        boolean network = path.contains("/network/") || path.contains("/analytics/");
        return switch (name) {
            case "neighbourhood", "within" -> fixture.get("area");
            case "partnerId", "partner", "for", "organization_id" -> fixture.get("partner");
            case "from" -> path.endsWith("/paths") ? fixture.get("partner") : network && path.contains("/actors/") ? "2025-01-01"
                    : "2027-05-01T00:00:00+02:00";
            case "to" -> path.endsWith("/paths") ? fixture.get("partner2") : network && path.contains("/actors/") ? "2027-12-31"
                    : "2027-06-30T00:00:00+02:00";
            case "limit", "per_page", "k", "depth", "nearest" -> "2";
            case "page", "minStrength" -> "1";
            case "q", "search" -> "Haus";
            case "near" -> "50.1,8.21";
            case "radius", "proximity" -> "2000";
            case "age" -> "30";
            case "format" -> path.contains("/export") ? "cytoscape" : null;
            case "kind" -> path.contains("/resources") ? "room" : path.contains("/network/") ? "partnership" : "initiative";
            case "category" -> path.contains("/events") ? "networking" : "family_education";
            case "targetGroup" -> "adults";
            case "status" -> "active";
            case "sort" -> "name";
            case "direction" -> "offered";
            case "modifiedSince", "modified_after" -> "2026-01-01T00:00:00Z";
            case "timeOfDay" -> "evening";
            case "duplicateCheck" -> "false";
            case "dryRun", "free", "childcare", "stepFree", "count", "facets", "persons" -> "true";
            case "postcode" -> "65101";
            default -> null;
        };
    }

    private String validPathValue(String path, String name) {
        if (name.equals("taxonomy")) {
            return "target_groups";
        }
        if (name.equals("code")) {
            return fixture.get("term");
        }
        if (name.equals("name")) {
            return fixture.get("savedQuery");
        }
        if (name.equals("organisationId")) {
            return fixture.get("partner2");
        }
        if (name.equals("otherId")) {
            return fixture.get("person2");
        }
        String key = path.startsWith("/api/v1/partners/imports") ? "import"
                : path.startsWith("/api/v1/partners") || path.startsWith("/api/v1/network/actors") || path.startsWith("/hsds/organizations")
                        ? "partner"
                : path.startsWith("/api/v1/offers") || path.startsWith("/hsds/services") ? "offer"
                : path.startsWith("/api/v1/resources") ? "resource"
                : path.startsWith("/api/v1/neighbourhoods") ? "areaId"
                : path.startsWith("/api/v1/events") ? "event"
                : path.startsWith("/api/v1/network/persons") ? "person"
                : path.startsWith("/api/v1/network/ties") ? "tie"
                : path.startsWith("/api/v1/admin/api-keys") ? "apiKey"
                : path.startsWith("/hsds/service_at_locations") ? "location"
                : path.startsWith("/hsds/taxonomies") ? "hsdsTaxonomy"
                : path.startsWith("/hsds/taxonomy_terms") ? "hsdsTerm" : "partner";
        String value = fixture.get(key);
        return value != null ? value : UUID.randomUUID().toString();
    }

    // ------------------------------------------------------------------ the hostile values

    static final List<String> HOSTILE_IDS = List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
            "123", "-1", "1e3", "%00", "a%00b", UUID.randomUUID() + "%00", UUID.randomUUID().toString().replace("-", ""),
            UUID.randomUUID() + "x", "%20" + UUID.randomUUID(), "..", "%2e%2e", "%2F", "%252F", "x".repeat(5000), "null", "undefined",
            "%7Bid%7D", "*", "%FF%FE", "%C3%28", "%E2%80%AE", "%F0%9F%98%80", "%27%20OR%20%271%27%3D%271",
            "%27%29%20MATCH%20(n)%20DETACH%20DELETE%20n%20//", "1%3BDROP%20TABLE%20partner", "%0d%0aSet-Cookie:%20x=1", "%", "%G1", "~", "%5B%5D", "9".repeat(40), "lindenhof%00",
            "target_groups%00", "%E2%80%8B", "CON", "%C0%AF");

    static final List<String> HOSTILE_NUMBERS = List.of("-1", "0", "1e9", "99999999999999999999", "2147483648", "-2147483649", "1.5", "NaN",
            "Infinity", "0x10", "%00", "", "abc", "1%00", "%FF", "10001", "1e400", "+5", "05", "%201");

    static final List<String> HOSTILE_TEXT_ENCODED = List.of("%00", "a%00b", "%FF%FE", "%C3%28", "%ED%A0%80", "%E2%80%AE", "x".repeat(10_000),
            "%27%20OR%20%271%27%3D%271", "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%2Fa%7D", "%3Cscript%3E", "", "%20", "%0A", "%09", "%25s%25n",
            "..%2F..%2F..%2Fetc%2Fpasswd", "%5C", "%22", "true", "-1", "null", "%F0%9F%98%80", "%EF%BF%BF", "%E0%80%80");

    static final List<String> BAD_DATES = List.of("2027-02-30", "2027-13-01", "2027-00-10", "0000-01-01", "-0001-01-01", "+999999999-12-31",
            "2027-5-4", "04.05.2027", "2027-05-04T24:00", "2027-05-04T19:60", "2027-03-28T02:30", "2027-10-31T02:30",
            "2027-05-04T19:00:00+25:00", "2027-05-04T19:00:00Z[Mars/Olympus]", "2027-05-04T19:00:00.9999999999Z", "yesterday", "",
            "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2027-W18-2", "P1D",
            "1715000000", "2027-05-04T19:00:00+02:00", "2027-05-04 19:00", "2027-05-04T19:00:00\u0000", "２０２７-05-04", "2027-05-04T19:00:00-00:00",
            "2027-02-29", "2028-02-29T00:00:00+14:00", "2027-05-04T19:00:00-12:00", "2027-05-04T19:00:00+18:00", "2027-05-04T19:00:00+18:01");

    static final List<String> BAD_ZONES = List.of("Mars/Olympus", "UTC+25", "GMT+99", "Europe/Berlin\u0000", "", "Z", "+02:00", "SystemV/CST6",
            "../../etc/passwd", "EST", "Etc/GMT-14", "America/Argentina/ComodRivadavia", "europe/berlin", " Europe/Berlin", "x".repeat(500),
            "Europe/Berlin\n", "UTC", "Pacific/Kiritimati", "Asia/Kathmandu");

    static final List<String> HOSTILE_TEXTS = List.of("\u0000", "abc\u0000def", "\u0007\u001b[31mred", "\u202Eevil", "😀".repeat(50), "' OR '1'='1",
            "\") RETURN 1 //", "MATCH (n) DETACH DELETE n", "${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>", "%s%n%x",
            "../../../../etc/passwd", "\\", "\"", "", " ", "null", "NaN", "-1", "9".repeat(40), "\uD800", "\uDFFF\uD800", "\uFFFF", "\uFEFF",
            "line\r\nbreak", "\t", "x".repeat(100_000), "ǅ\u0301\u0301\u0301", "lindenhof\u0000", "=cmd|' /C calc'!A0", "{\"a\":1}");

    static final List<String> HOSTILE_NUMBER_LITERALS = List.of("2147483648", "-2147483649", "9223372036854775808", "1e400", "-1e400", "0.5",
            "-0.0", "1E+2", "99999999999999999999999999999", "1" + "0".repeat(5000), "0." + "0".repeat(5000) + "1", "-9223372036854775809",
            "1e-400");

    static final List<JsonNode> WRONG_TYPES = List.of(NODES.numberNode(123), NODES.numberNode(-1), NODES.numberNode(1.5e308), NODES.booleanNode(true),
            NODES.textNode("x"), NODES.arrayNode(), NODES.objectNode(), NODES.nullNode(), NODES.arrayNode().add(NODES.nullNode()),
            NODES.objectNode().put("$ref", "#/x"), NODES.textNode("true"), NODES.textNode("1"));

    static final List<String> BROKEN_JSON = List.of("", "null", "[]", "[{}]", "\"text\"", "123", "true", "{", "}", "{\"a\":}", "{\"a\" 1}",
            "{'a': 1}", "{\"a\":1,}", "{\"a\":1}{\"b\":2}", "{\"a\":1} trailing", "{\"name\":\"a\",\"name\":\"b\"}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\x41\"}", "/* c */ {}", "{\"a\":1 // c\n}",
            "\u0000", "{\"\u0000\":1}", "<xml/>", "a=1&b=2");

    static final List<byte[]> HOSTILE_HEADER_VALUES = List.of(bytes("\"abc\""), bytes("*"), bytes("W/\"1\""), bytes("\"-1\""),
            bytes("\"99999999999999999999\""), bytes("1"), bytes("\"\""), bytes("\"1\", \"2\""), bytes("x".repeat(9000)),
            new byte[] {'a', (byte) 0xff, (byte) 0xfe, 'b'}, new byte[] {(byte) 0xc3, (byte) 0x28}, new byte[] {'a', 0x01, 'b'},
            bytes("ü-ö-ß"), bytes("../../etc/passwd"), bytes("00-zzzz-yyyy-01"), bytes("00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01"),
            bytes("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), bytes(""), bytes(" "), bytes("null"),
            bytes("${jndi:ldap://127.0.0.1/a}"), bytes("Mon, 32 Foo 2027 25:61:61 GMT"), new byte[] {'x', 0x00, 'y'});

    static final List<byte[]> HOSTILE_MEDIA_TYPES = List.of(bytes("application/xml"), bytes("text/csv"), bytes("*/*;q=abc"),
            bytes("application/json;q=0"), bytes(""), bytes("text/html"), bytes("image/png"), bytes("application/problem+json"),
            bytes("application/ld+json"), bytes(";;;"), bytes("application/json; charset=latin1"), bytes("application/json; charset=nonsense"),
            bytes("multipart/form-data; boundary=x"), bytes("application/x-www-form-urlencoded"), bytes("gzip"), bytes("br, zstd, x-unknown"),
            bytes("text/plain"), bytes("application/merge-patch+json"), bytes("application/json-patch+json"),
            new byte[] {'t', 'e', 'x', 't', '/', (byte) 0xff}, bytes("a".repeat(5000)), bytes("application/json, */*;q=0.1; level=99999999999"));

    static final List<byte[]> RAW_PATH_SUFFIXES = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, (byte) 0x28},
            new byte[] {'%'}, bytes("%G1"), bytes("%00"), bytes("/"), bytes("//"), bytes(";jsessionid=x"), bytes("/.."), bytes("/%2e%2e/%2e%2e"),
            new byte[] {(byte) 0xe2, (byte) 0x80, (byte) 0xae}, bytes(".json"), bytes("%2F"), new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            bytes("#frag"), bytes("/x".repeat(200)));

    private List<String> hostileCursors() {
        List<String> cursors = new ArrayList<>(List.of("", "abc", "%00", "====", "-1", "..%2F", "A".repeat(10_000), "eyJ", "%FF%FE"));
        for (String json : List.of("{\"a\":1}", "[]", "null", "{\"after\":\"x\",\"id\":\"not-a-uuid\"}", "{\"s\":\"\\u0000\"}")) {
            cursors.add(encode(Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
        }
        cursors.add(encode(Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2})));
        cursors.add(encode(Base64.getEncoder().encodeToString("2027-02-30T25:00:00|not-a-uuid".getBytes(StandardCharsets.UTF_8))));
        return cursors;
    }

    private String hostileQueryValue(String name) {
        int which = random.nextInt(4);
        return switch (which) {
            case 0 -> pick(HOSTILE_TEXT_ENCODED);
            case 1 -> pick(HOSTILE_NUMBERS);
            case 2 -> encode(pick(BAD_DATES));
            default -> pick(HOSTILE_IDS);
        };
    }

    private byte[] hostileCsv(int kind) {
        String area = fixture.get("area");
        return switch (kind % 8) {
            case 0 -> ("external_id,name,kind,neighbourhoods\nh1,Na\u0000me,initiative," + area + "\n").getBytes(StandardCharsets.UTF_8);
            case 1 -> concat("name,kind\n".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe, ',', 'x', '\n'});
            case 2 -> ("name," + "col,".repeat(20_000) + "\nx\n").getBytes(StandardCharsets.UTF_8);
            case 3 -> "name,kind\n\"unterminated,initiative\n".getBytes(StandardCharsets.UTF_8);
            case 4 -> ("name,kind,neighbourhoods\n=cmd|' /C calc'!A0,initiative," + area + "\n").getBytes(StandardCharsets.UTF_8);
            case 5 -> ("name,name,name\n" + "a,b,c\n".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
            case 6 -> "{\"not\": \"csv\"}".getBytes(StandardCharsets.UTF_8);
            default -> ("name,kind,neighbourhoods,founded\n" + "x".repeat(1_000_000) + ",initiative," + area + ",2027-02-30\n")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private String forgedToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"mallory\",\"groups\":[\"admin\"],\"iss\":\"kiezwerk\",\"exp\":"
                + (Instant.now().getEpochSecond() + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    // ------------------------------------------------------------------ tree surgery

    /** All places in the tree that hold a value: (container, field name or index). */
    private static List<Object[]> places(JsonNode node) {
        List<Object[]> places = new ArrayList<>();
        collect(node, places);
        return places;
    }

    private static void collect(JsonNode node, List<Object[]> places) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                places.add(new Object[] {object, name});
                collect(object.get(name), places);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                places.add(new Object[] {array, i});
                collect(array.get(i), places);
            }
        }
    }

    private String setSomewhere(JsonNode tree, JsonNode value) {
        List<Object[]> places = places(tree);
        if (places.isEmpty()) {
            if (tree instanceof ObjectNode object) {
                object.set("name", value);
            }
            return "name";
        }
        Object[] place = pick(places);
        return put(place, value);
    }

    private String setNamed(JsonNode tree, List<String> names, JsonNode value) {
        List<Object[]> matching = places(tree).stream().filter(p -> p[1] instanceof String n && names.contains(n)).toList();
        if (matching.isEmpty()) {
            if (tree instanceof ObjectNode object) {
                String name = pick(names);
                object.set(name, value);
                return name;
            }
            return "-";
        }
        return put(pick(matching), value);
    }

    private static String put(Object[] place, JsonNode value) {
        if (place[0] instanceof ObjectNode object) {
            object.set((String) place[1], value);
            return (String) place[1];
        }
        ((ArrayNode) place[0]).set((Integer) place[1], value);
        return "[" + place[1] + "]";
    }

    private String removeSomething(JsonNode tree) {
        List<Object[]> fields = places(tree).stream().filter(p -> p[0] instanceof ObjectNode).toList();
        if (fields.isEmpty()) {
            return "-";
        }
        Object[] place = pick(fields);
        ((ObjectNode) place[0]).remove((String) place[1]);
        return (String) place[1];
    }

    /** The tree's text with its first literal 0 (set as a marker) replaced by a number literal no Java type holds. */
    private static byte[] replaceFirstZero(JsonNode tree, String literal) {
        String text = tree.toString();
        int at = text.indexOf(":0");
        if (at < 0) {
            at = text.indexOf("[0");
        }
        if (at < 0) {
            return bytes(text);
        }
        return bytes(text.substring(0, at + 1) + literal + text.substring(at + 2));
    }

    private byte[] deepInside(JsonNode tree, int depth) {
        String text = tree.toString();
        String nested = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        if (text.startsWith("{") && text.length() > 2) {
            return bytes("{\"deep\":" + nested + "," + text.substring(1));
        }
        return bytes(nested);
    }

    private static byte[] deep(int depth) {
        return bytes("[".repeat(depth) + "]".repeat(depth));
    }

    private byte[] insertInvalidUtf8(byte[] valid) {
        String text = new String(valid, StandardCharsets.UTF_8);
        int quote = text.indexOf(":\"");
        byte[][] invalid = {{(byte) 0xff}, {(byte) 0xc3, (byte) 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}};
        byte[] bad = invalid[random.nextInt(invalid.length)];
        if (quote < 0) {
            return concat(bad, valid);
        }
        byte[] before = text.substring(0, quote + 2).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(quote + 2).getBytes(StandardCharsets.UTF_8);
        return concat(concat(before, bad), after);
    }

    // ------------------------------------------------------------------ small things

    private String firstPresent(ApiContract.Operation operation, List<String> names, String otherwise) {
        for (JsonNode p : operation.parameters("query")) {
            if (names.contains(p.path("name").asText())) {
                return p.path("name").asText();
            }
        }
        return otherwise;
    }

    private static void setQuery(List<Map.Entry<String, String>> query, String name, String value) {
        query.removeIf(q -> q.getKey().equals(name));
        query.add(entry(name, value));
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new AbstractMap.SimpleEntry<>(name, value);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode tree) {
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…(" + text.length() + ")";
    }

    // ------------------------------------------------------------------ fixtures: real ids for the paths

    private void makeFixtures() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String area = "hostile-" + run;
        String gateway = TheSystem.gateway();
        fixture.put("area", area);
        fixture.put("areaId", given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("code", area, "name", "Feindesland " + run, "level", "quarter", "centre", Map.of("lat", 50.1, "lon", 8.21)))
                .when().post("/api/v1/neighbourhoods").then().statusCode(201).extract().path("id"));
        for (String key : List.of("partner", "partner2")) {
            fixture.put(key, given().baseUri(gateway).contentType(ContentType.JSON)
                    .body(Map.of("name", "Feindprobe " + key + " " + run, "kind", "initiative", "neighbourhoods", List.of(area),
                            "addresses", List.of(Map.of("street", "Probeweg 1", "postcode", "65101", "city", "Auenstadt", "lat", 50.1,
                                    "lon", 8.21))))
                    .when().post("/api/v1/partners?duplicateCheck=false").then().statusCode(201).extract().path("id"));
        }
        String term = "hostile-" + run;
        given().baseUri(gateway).contentType(ContentType.JSON).body(Map.of("code", term, "nameDe", "Probe", "nameEn", "Probe"))
                .when().post("/api/v1/taxonomies/target_groups/terms").then().statusCode(201);
        fixture.put("term", term);
        fixture.put("offer", given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("partnerId", fixture.get("partner"), "name", "Probeangebot", "category", "family_education"))
                .when().post("/api/v1/offers").then().statusCode(201).extract().path("id"));
        fixture.put("resource", given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("partnerId", fixture.get("partner"), "direction", "offered", "kind", "room", "name", "Proberaum"))
                .when().post("/api/v1/resources").then().statusCode(201).extract().path("id"));
        fixture.put("import", given().baseUri(gateway).contentType("text/csv")
                .body("name,kind,neighbourhoods\nProbeimport " + run + ",initiative," + area + "\n")
                .when().post("/api/v1/partners/imports?dryRun=true").then().statusCode(202).extract().path("id"));
        fixture.put("apiKey", given().baseUri(gateway).contentType(ContentType.JSON).body(Map.of("name", "hostile target", "scopes", List.of("read")))
                .when().post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("id"));
        String saved = "hostile-" + run;
        given().baseUri(gateway).contentType(ContentType.JSON).body(Map.of("query", "MATCH (o:Organisation) RETURN count(o) AS n"))
                .when().put("/api/v1/analytics/saved-queries/" + saved).then().statusCode(org.hamcrest.Matchers.lessThan(300));
        fixture.put("savedQuery", saved);
        Map<String, Object> event = Map.of("title", "Probeabend " + run, "category", "meeting", "start", "2027-06-01T18:00",
                "end", "2027-06-01T20:00", "neighbourhood", area, "recurrence", Map.of("rule", "FREQ=WEEKLY;COUNT=4"),
                "partners", List.of(Map.of("partnerId", fixture.get("partner"), "role", "host")));
        fixture.put("event", until(() -> given().baseUri(gateway).contentType(ContentType.JSON).body(event).when().post("/api/v1/events"),
                201).path("id"));
        until(() -> given().baseUri(gateway).when().get("/api/v1/network/actors/" + fixture.get("partner")), 200);
        until(() -> given().baseUri(gateway).when().get("/api/v1/network/actors/" + fixture.get("partner2")), 200);
        fixture.put("tie", given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("from", fixture.get("partner"), "to", fixture.get("partner2"), "kind", "referral", "strength", 2,
                        "assertedBy", fixture.get("partner")))
                .when().post("/api/v1/network/ties").then().statusCode(201).extract().path("id"));
        Map<String, Object> consent = Map.of("scope", "analysts", "recordedBy", "Probe");
        for (String key : List.of("person", "person2")) {
            fixture.put(key, given().baseUri(gateway).contentType(ContentType.JSON)
                    .body(Map.of("displayName", "Probe " + key, "consent", consent,
                            "affiliations", List.of(Map.of("organisationId", fixture.get("partner2"), "role", "member_of"))))
                    .when().post("/api/v1/network/persons").then().statusCode(201).extract().path("id"));
        }
        fixture.put("location", given().baseUri(gateway).when().get("/hsds/service_at_locations?organization_id=" + fixture.get("partner"))
                .then().extract().path("contents[0].id"));
        fixture.put("hsdsTaxonomy", given().baseUri(gateway).when().get("/hsds/taxonomies").then().extract().path("contents[0].id"));
        fixture.put("hsdsTerm", given().baseUri(gateway).when().get("/hsds/taxonomy_terms").then().extract().path("contents[0].id"));
    }

    private static Response until(Callable<Response> request, int status) {
        return Eventually.answer("fixture answers " + status, Duration.ofSeconds(90), request, answer -> answer.statusCode() == status);
    }
}
