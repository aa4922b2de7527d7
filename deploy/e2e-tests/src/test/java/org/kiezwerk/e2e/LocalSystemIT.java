package org.kiezwerk.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.LocalTraces;
import org.kiezwerk.infra.ManagedProcess;

/**
 * The whole system as packaged. The first flow, end to end: POST a partner through the gateway, PostgreSQL and the outbox, Kafka,
 * the projection into Neo4j, and read the organisation back from the network through the gateway.
 * Then accepted writes survive a restart of Kafka and of Neo4j. The services run on their own ports
 * (180xx), so a running local system is left alone; servers are restarted only if this test started them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(TheSystem.class)
class LocalSystemIT {

    static final LocalInfra.ServicePorts PORTS = TheSystem.PORTS;
    static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(60);

    // started once for all IT classes of the run (TheSystem), stopped after the last
    static LocalInfra infra;
    static final List<ManagedProcess> started = TheSystem.started;
    static String adminKey;

    @BeforeAll
    static void theSystem() {
        infra = TheSystem.infra;
        adminKey = TheSystem.adminKey;
    }

    @Test
    @Order(1)
    void aPartnerRegisteredThroughTheGatewayAppearsInTheNetwork() throws InterruptedException {
        String name = "Familienzentrum Lindenhof " + UUID.randomUUID();
        String id = register(name);
        given().baseUri(gateway()).when().get("/api/v1/partners/" + id)
                .then().statusCode(200).body("name", is(name));
        awaitInNetwork(id, PROJECTION_DEADLINE).then()
                .body("id", is(id))
                .body("type", is("organisation"))
                .body("name", is(name))
                .body("kind", is("community_centre"))
                .body("neighbourhood", is("Lindenhof"));
    }

    @Test
    @Order(2)
    void theDirectoryWorksThroughTheGateway() throws InterruptedException {
        String area = quarter();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = given().baseUri(gateway()).contentType(ContentType.JSON)
                .body(Map.of("name", "Mütterzentrum Sonnenseite " + suffix, "kind", "initiative", "neighbourhoods", List.of(area)))
                .when().post("/api/v1/partners?duplicateCheck=false")
                .then().statusCode(201).header("ETag", "\"0\"").extract().path("id");
        given().baseUri(gateway()).contentType(ContentType.JSON)
                .body(Map.of("partnerId", id, "name", "Sprachcafé", "category", "language_course", "targetGroups", List.of("migrants")))
                .when().post("/api/v1/offers").then().statusCode(201);
        // an umlaut spelt out, and only the same offer's target group
        given().baseUri(gateway()).queryParam("q", "Muetterzentrum Sonnenseite " + suffix).queryParam("targetGroup", "migrants")
                .when().get("/api/v1/partners")
                .then().statusCode(200).body("items[0].id", is(id));
        given().baseUri(gateway()).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"website\": \"https://muetterzentrum.example.org\"}")
                .when().patch("/api/v1/partners/" + id).then().statusCode(412);
        given().baseUri(gateway()).when().get("/hsds/organizations/" + id)
                .then().statusCode(200).body("services[0].name", is("Sprachcafé"));
        given().baseUri(gateway()).when().get("/api/v1/taxonomies/target_groups/terms/adults")
                .then().statusCode(200).body("ageMin", is(30));
        String job = given().baseUri(gateway()).contentType("text/csv")
                .body("external_id,name,kind,neighbourhoods\ne2e-" + suffix + ",Tauschring " + suffix + ",initiative," + area + "\n")
                .when().post("/api/v1/partners/imports").then().statusCode(202).extract().header("Location");
        Eventually.answer("import " + job, Duration.ofSeconds(30), () -> given().baseUri(gateway()).when().get(job),
                answer -> answer.statusCode() == 200 && "done".equals(answer.path("status")))
                .then().body("created", is(1));
    }

    @Test
    @Order(3)
    void theDemoNeighbourhoodLoadsThroughTheGatewayWithItsEvents() throws Exception {
        int loaded = org.kiezwerk.infra.DemoNeighbourhood.load(infra.settings().root().resolve(org.kiezwerk.infra.DemoNeighbourhood.FILE),
                java.net.URI.create(gateway() + "/"), java.util.Map.of("X-API-Key", adminKey));
        assertTrue(loaded >= 183, "records: " + loaded);
        String socialbar = "c97b9110-9f79-506c-9fcb-ebdd9822eba7";
        given().baseUri(gateway()).queryParam("from", "2027-04-01T00:00:00+02:00").queryParam("to", "2027-05-10T00:00:00+02:00")
                .when().get("/api/v1/events/" + socialbar + "/occurrences")
                .then().statusCode(200)
                .body("start", contains("2027-04-07T19:00:00+02:00", "2027-04-14T19:00:00+02:00", "2027-04-21T19:00:00+02:00",
                        "2027-04-28T19:00:00+02:00", "2027-05-05T19:00:00+02:00"))
                .body("cancelled", contains(true, false, false, false, false));
        String ics = given().baseUri(gateway()).queryParam("neighbourhood", "lindenhof").queryParam("from", "2027-01-01T00:00:00Z")
                .when().get("/api/v1/events/calendar.ics")
                .then().statusCode(200).contentType(containsString("text/calendar")).extract().asString();
        assertTrue(ics.startsWith("BEGIN:VCALENDAR"), ics);
        assertTrue(ics.contains("UID:" + socialbar + "@kiezwerk"), ics);
        assertTrue(ics.contains("RECURRENCE-ID;TZID=Europe/Berlin:20270407T190000"), ics);
        assertTrue(ics.contains("STATUS:CANCELLED"), ics);
        given().baseUri(gateway()).queryParam("partner", "9f32d001-59a8-4643-b98c-83c6b6228d6b")
                .queryParam("from", "2027-01-01T00:00:00+01:00").queryParam("to", "2027-12-31T00:00:00+01:00")
                .when().get("/api/v1/events/coproduction")
                .then().statusCode(200).body("events", greaterThanOrEqualTo(4)).body("depthScore", greaterThan(0.5f));
    }

    @Test
    @Order(4)
    void anAuthorisationMatrixOfRoutesAndCallers() {
        String own = register("Matrix-Verein " + UUID.randomUUID().toString().substring(0, 8));
        String area = quarter();
        Map<String, Object> event = Map.of("title", "Matrix-Treffen", "category", "networking", "start", "2027-09-01T18:00",
                "end", "2027-09-01T20:00", "neighbourhood", area, "partners", List.of(Map.of("partnerId", own, "role", "host")));
        Set<String> partnerWriters = Set.of("admin key", "partners:write key", "coordinator", "admin");
        Set<String> everyone = Set.of("anonymous", "admin key", "read key", "partners:write key", "events:write key",
                "network:write key", "analytics key", "editor of own", "editor of another", "coordinator", "analyst", "admin");
        List<AccessMatrix.Route> routes = List.of(
                new AccessMatrix.Route("GET", "/api/v1/partners?q=Matrix", null, everyone),
                new AccessMatrix.Route("GET", "/api/v1/events?from=2027-01-01T00:00:00Z&to=2027-12-31T00:00:00Z", null, everyone),
                new AccessMatrix.Route("GET", "/api/v1/events/calendar.ics?neighbourhood=" + area, null, everyone),
                new AccessMatrix.Route("GET", "/hsds/organizations", null, everyone),
                new AccessMatrix.Route("GET", "/api/v1/network/actors/" + own + "/network", null, everyone),
                new AccessMatrix.Route("GET", "/api/v1/analytics/key-actors", null, everyone),
                new AccessMatrix.Route("POST", "/api/v1/partners?duplicateCheck=false",
                        Map.of("name", "Matrix neu", "kind", "initiative", "neighbourhoods", List.of(area)), partnerWriters),
                new AccessMatrix.Route("PATCH", "/api/v1/partners/" + own, Map.of("description", "geändert"),
                        Set.of("admin key", "partners:write key", "coordinator", "admin", "editor of own")),
                new AccessMatrix.Route("POST", "/api/v1/offers", Map.of("partnerId", own, "name", "Matrix-Angebot", "category", "education",
                        "targetGroups", List.of("children")), Set.of("admin key", "partners:write key", "coordinator", "admin", "editor of own")),
                new AccessMatrix.Route("GET", "/api/v1/partners/imports/" + UUID.randomUUID(), null, partnerWriters),
                new AccessMatrix.Route("PUT", "/api/v1/neighbourhoods/" + UUID.randomUUID(),
                        Map.of("code", "matrix-" + UUID.randomUUID().toString().substring(0, 8), "name", "M", "level", "quarter"), partnerWriters),
                new AccessMatrix.Route("POST", "/api/v1/events", event,
                        Set.of("admin key", "events:write key", "coordinator", "admin", "editor of own")),
                new AccessMatrix.Route("POST", "/api/v1/network/ties", Map.of("from", own, "to", UUID.randomUUID(), "kind", "partnership", "strength", 3, "assertedBy", own),
                        Set.of("admin key", "network:write key", "coordinator", "admin", "editor of own")),
                new AccessMatrix.Route("POST", "/api/v1/network/persons", Map.of("name", "Matrix Person"),
                        Set.of("admin key", "network:write key", "coordinator", "admin")),
                new AccessMatrix.Route("POST", "/api/v1/analytics/cypher", Map.of("query", "RETURN 1"),
                        Set.of("admin key", "analytics key", "analyst", "admin")),
                new AccessMatrix.Route("GET", "/api/v1/admin/api-keys", null, Set.of("admin key", "admin")),
                new AccessMatrix.Route("POST", "/api/v1/admin/api-keys", Map.of("name", "x", "scopes", List.of("read")),
                        Set.of("admin key", "admin")));
        AccessMatrix matrix = new AccessMatrix(gateway(), adminKey, own);
        List<String> wrong = matrix.check(routes);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // a key revoked by the admin stops at once
        Map<String, Object> key = given().baseUri(gateway()).contentType(ContentType.JSON)
                .body(Map.of("name", "short-lived", "scopes", List.of("partners:write")))
                .when().post("/api/v1/admin/api-keys").then().statusCode(201).extract().jsonPath().getMap("");
        given().baseUri(gateway()).when().delete("/api/v1/admin/api-keys/" + key.get("id")).then().statusCode(204);
        given().noFilters().baseUri(gateway()).header("X-API-Key", (String) key.get("key")).contentType(ContentType.JSON)
                .body(Map.of("description", "zu spät")).when().patch("/api/v1/partners/" + own).then().statusCode(401);
    }

    /**
     * The directory in a browser (Debian's Chromium driven by playwright-core, gateway/src/main/webui/e2e)
     * against this running system with the demo data: search, a partner with its graph, the calendar,
     * the network map and the gap view; a screenshot of each page lands in target/screenshots. Then the embeds
     * (e2e/embed.test.mjs): a foreign page on another origin includes a partner's and an area's card and map
     * with the script and the element, and the iframe that oEmbed hands out, and reads what they show.
     */
    @Test
    @Order(5)
    void theDirectoryWorksInABrowser() throws Exception {
        java.nio.file.Path webui = infra.settings().root().resolve("gateway/src/main/webui");
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assertTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of(chromium)),
                "browser tests need Chromium at " + chromium + " (apt-get install chromium, or set CHROMIUM_PATH)");
        // built with -DskipWebui: there is no front end to test
        assumeTrue(java.nio.file.Files.isDirectory(webui.resolve("node_modules/playwright-core")), "front end not built");
        java.nio.file.Path screenshots = infra.settings().root().resolve("deploy/e2e-tests/target/screenshots").toAbsolutePath();
        ProcessBuilder browser = new ProcessBuilder("npm", "run", "e2e").directory(webui.toFile()).redirectErrorStream(true)
                .redirectOutput(infra.settings().root().resolve("deploy/e2e-tests/target/browser-tests.log").toFile());
        browser.environment().put("KIEZWERK_BASE_URL", gateway());
        browser.environment().put("KIEZWERK_SCREENSHOT_DIR", screenshots.toString());
        browser.environment().put("CHROMIUM_PATH", chromium);
        Process run = browser.start();
        boolean finished = run.waitFor(6, java.util.concurrent.TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String log = java.nio.file.Files.readString(infra.settings().root().resolve("deploy/e2e-tests/target/browser-tests.log"));
        assertTrue(finished && run.exitValue() == 0, "browser tests failed:\n" + log);
        try (var shots = java.nio.file.Files.list(screenshots)) {
            assertTrue(shots.filter(f -> f.toString().endsWith(".png")).count() >= 5, "a screenshot of each page");
        }
    }

    /** Each service's Prometheus metrics, with the series operators alert on (docs/operators.md). */
    @Test
    @Order(6)
    void metricsAreVisibleFromEveryService() throws Exception {
        String partner = metrics(PORTS.partner());
        for (String series : List.of("kiezwerk_outbox_connector_active ", "kiezwerk_outbox_replication_lag_bytes ", "agroal_active_count",
                "http_server_requests_seconds_count{", "jvm_memory_used_bytes")) {
            assertTrue(partner.contains(series), "partner-service: " + series);
        }
        String event = metrics(PORTS.event());
        for (String series : List.of("kiezwerk_outbox_connector_active ", "agroal_active_count", "kafka_consumer_fetch_manager_records_lag")) {
            assertTrue(event.contains(series), "event-service: " + series);
        }
        String network = metrics(PORTS.network());
        for (String series : List.of("kiezwerk_projection_lag_seconds_count{topic=\"kiezwerk.partners.v1\"}",
                "kiezwerk_projection_lag_seconds_count{topic=\"kiezwerk.events.v1\"}",
                "kiezwerk_analysis_seconds_count{analysis=\"key-actors\"", "kafka_consumer_fetch_manager_records_lag", "neo4j_")) {
            assertTrue(network.contains(series), "network-service: " + series);
        }
        String gateway = metrics(PORTS.gateway());
        assertTrue(gateway.contains("uri=\"/api/v1/partners/*\""), "gateway: one series per route prefix");

        // the Kafka Connect worker's task error counts, per outbox connector
        String connect = given().noFilters().baseUri("http://127.0.0.1:" + infra.settings().connectPort()).when()
                .get("/kiezwerk/metrics").then().statusCode(200).extract().asString();
        assertTrue(connect.contains("kafka_connect_task_error_total_record_failures{connector=\"partner-outbox\",task=\"0\"}"), connect);

        // an alert on a series nobody exposes never fires: every series deploy/monitoring's rules use is really there
        String all = partner + event + network + gateway + "\n" + connect;
        java.util.regex.Matcher series = java.util.regex.Pattern.compile("\\b([a-z][a-z0-9]*(?:_[a-z0-9]+){2,})\\s*[{\\[)]")
                .matcher(java.nio.file.Files.readString(infra.settings().root().resolve("deploy/monitoring/kiezwerk-alerts.yaml")));
        java.util.Set<String> used = new java.util.TreeSet<>();
        while (series.find()) {
            used.add(series.group(1));
        }
        used.remove("kiezwerk_dead_letters_total"); // appears with the first dead letter, which this run does not make
        assertTrue(used.size() >= 5, "series found in the rules: " + used);
        for (String name : used) {
            assertTrue(all.contains("\n" + name + "{") || all.contains("\n" + name + " "), "exposed by a service or the Connect worker: " + name);
        }
        assertFalse(gateway.matches("(?s).*uri=\"/api/v1/partners/[0-9a-f-]{36}\".*"), "gateway: no series per record");
    }

    /**
     * Traces (OpenTelemetry): one request through the gateway is one trace, from the gateway through
     * partner-service and its outbox (the outbox connector carries the request's traceparent onto the
     * record) into both consumers, as the local collector shows it.
     */
    @Test
    @Order(6)
    void oneWriteIsOneTraceFromTheGatewayThroughKafkaIntoTheConsumers() throws Exception {
        LocalTraces.TraceParent caller = LocalTraces.newTraceParent();
        String requestId = "e2e-trace-" + UUID.randomUUID();
        String id = given().baseUri(gateway()).contentType(ContentType.JSON).header("traceparent", caller.header())
                .header("X-Request-Id", requestId)
                .body(Map.of("name", "Kiezküche " + UUID.randomUUID(), "kind", "initiative", "neighbourhoods", List.of(quarter())))
                .when().post("/api/v1/partners?duplicateCheck=false")
                .then().statusCode(201).extract().path("id");
        awaitInNetwork(id, PROJECTION_DEADLINE);

        List<LocalTraces.Span> trace = new LocalTraces(infra.settings()).await(caller.traceId(), Duration.ofSeconds(30), spans ->
                LocalTraces.first(spans, "gateway", "SERVER").isPresent()
                        && LocalTraces.first(spans, "partner-service", "SERVER").isPresent()
                        && LocalTraces.first(spans, "network-service", "CONSUMER").isPresent()
                        && LocalTraces.first(spans, "event-service", "CONSUMER").isPresent());
        LocalTraces.Span atGateway = LocalTraces.first(trace, "gateway", "SERVER").orElseThrow();
        LocalTraces.Span atPartnerService = LocalTraces.first(trace, "partner-service", "SERVER").orElseThrow();
        assertEquals(caller.spanId(), atGateway.parentSpanId(), "the gateway continues the caller's trace");
        assertTrue(LocalTraces.descends(atPartnerService, atGateway, trace), "gateway -> partner-service: " + trace);
        for (String consumer : List.of("network-service", "event-service")) {
            assertTrue(LocalTraces.descends(LocalTraces.first(trace, consumer, "CONSUMER").orElseThrow(), atPartnerService, trace),
                    "partner-service -> outbox -> " + consumer + ": " + trace);
        }
        // the gateway's access log line of this request names the trace: from a trace to its logs and back
        String gatewayLog = java.nio.file.Files.readString(infra.settings().logDir().resolve("gateway.log"));
        assertTrue(gatewayLog.lines().anyMatch(line -> line.contains("trace " + caller.traceId()) && line.contains("POST /api/v1/partners")),
                "no gateway log line with trace " + caller.traceId());
        // an operator given the request id (in every answer and problem) finds the trace by it
        assertEquals(requestId, atGateway.attributes().get("kiezwerk.request_id"));
        assertEquals(requestId, atPartnerService.attributes().get("kiezwerk.request_id"));
        assertEquals(List.of(caller.traceId()), new LocalTraces(infra.settings()).tracesOfRequest(requestId));
        // and a person sees it in the local viewer
        given().noFilters().baseUri("http://127.0.0.1:" + infra.settings().otlpPort()).when().get("/trace/" + caller.traceId())
                .then().statusCode(200).body(containsString("network-service"), containsString("kiezwerk.partners.v1 receive"));
    }

    private static String metrics(int port) {
        return given().noFilters().baseUri("http://127.0.0.1:" + port).when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * Scale-out: a second partner-service beside the first, both writing at once. Both write the one
     * outbox, which the one outbox connector reads from the WAL, so every partner is announced, none lost.
     */
    @Test
    @Order(7)
    void twoInstancesOfAServiceWorkSideBySideWithoutDuplicatesOrLosses() throws Exception {
        int secondPort = 18091;
        ManagedProcess second = infra.startSecondInstance(LocalInfra.Service.PARTNER, PORTS, secondPort, started);
        String authorization = org.kiezwerk.infra.ServiceIdentity.localAdminHeaders(infra.settings().varDir()).get("Authorization");
        try (var consumer = consumerAtEnd("kiezwerk.partners.v1")) {
            String area = quarter();
            List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> writers = new ArrayList<>();
            for (int port : new int[] {PORTS.partner(), secondPort}) {
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < 15; i++) {
                        ids.add(given().noFilters().baseUri("http://127.0.0.1:" + port).header("Authorization", authorization)
                                .contentType(ContentType.JSON)
                                .body(Map.of("name", "Skalierung " + port + "-" + i + " " + UUID.randomUUID().toString().substring(0, 6),
                                        "kind", "initiative", "neighbourhoods", List.of(area)))
                                .when().post("/api/v1/partners?duplicateCheck=false").then().statusCode(201).extract().path("id"));
                    }
                });
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join(120_000);
            }
            assertEquals(30, ids.size());
            Map<String, Integer> announced = new java.util.HashMap<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (!announced.keySet().containsAll(ids) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    var type = r.headers().lastHeader("ce_type");
                    if (ids.contains(r.key()) && type != null && new String(type.value()).endsWith("registered.v1")) {
                        announced.merge(r.key(), 1, Integer::sum);
                    }
                });
            }
            // a little longer: a duplicate would come right behind
            Instant settle = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(settle)) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (ids.contains(r.key())) {
                        announced.merge(r.key(), 1, Integer::sum);
                    }
                });
            }
            assertEquals(Set.copyOf(ids), announced.keySet(), "every partner announced");
            assertTrue(announced.values().stream().allMatch(n -> n == 1), "each exactly once: " + announced);
        } finally {
            infra.stop(List.of(second));
            started.remove(second);
        }
    }

    /**
     * docs/integrators.md: every example block runs as it is (bash and curl) against this system with
     * the demo data, and answers the status its comment names.
     */
    @Test
    @Order(8)
    void everyExampleOfTheIntegratorGuideWorks() throws Exception {
        java.nio.file.Path guide = infra.settings().root().resolve("docs/integrators.md");
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("<!-- expect: (\\d{3}) -->\\s*```bash\\n(.*?)```",
                java.util.regex.Pattern.DOTALL).matcher(java.nio.file.Files.readString(guide));
        java.nio.file.Path workDir = java.nio.file.Files.createTempDirectory("integrator-guide");
        int examples = 0;
        List<String> wrong = new ArrayList<>();
        while (block.find()) {
            examples++;
            // the last curl's status goes to stderr, the output stays what the reader sees
            String script = "set -euo pipefail\ncurl() { command curl -w '%{stderr}KIEZWERK_STATUS %{http_code}\\n' \"$@\"; }\n"
                    + block.group(2);
            ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).directory(workDir.toFile());
            bash.environment().put("KIEZWERK", gateway());
            bash.environment().put("KEY", adminKey);
            bash.redirectError(workDir.resolve("stderr").toFile()).redirectOutput(workDir.resolve("stdout").toFile());
            Process run = bash.start();
            boolean finished = run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            String stderr = java.nio.file.Files.readString(workDir.resolve("stderr"));
            List<String> statuses = stderr.lines().filter(l -> l.startsWith("KIEZWERK_STATUS ")).map(l -> l.substring(16)).toList();
            String status = statuses.isEmpty() ? "none" : statuses.get(statuses.size() - 1);
            String expected = block.group(1);
            // a PUT that creates the first time replaces (200) when the guide has run before against this data
            boolean fine = finished && run.exitValue() == 0
                    && (status.equals(expected) || (expected.equals("201") && status.equals("200") && block.group(2).contains("-X PUT")));
            if (!fine) {
                wrong.add("example " + examples + " answered " + status + " (expected " + expected + ", exit "
                        + (finished ? run.exitValue() : "timeout") + "):\n" + block.group(2) + "\n"
                        + java.nio.file.Files.readString(workDir.resolve("stdout")) + "\n" + stderr);
            }
        }
        assertTrue(examples >= 15, "examples found: " + examples);
        assertTrue(wrong.isEmpty(), String.join("\n\n", wrong));
    }

    /**
     * The demo neighbourhood's network answers what a person reading its data would say: the
     * community centre, which puts on most events with others, is Lindenhof's most central actor and
     * holds its network together; it co-produces with the parish and the sports club; and it gets
     * partner suggestions with reasons.
     */
    @Test
    @Order(9)
    void theDemoNetworkAnswersAsAReaderWould() throws Exception {
        String centre = "9f32d001-59a8-4643-b98c-83c6b6228d6b";
        String parish = "ab984239-86af-4e37-b491-09646aab097b";
        String club = "1235b26a-8567-4fd3-886b-a9b909301123";
        Eventually.answer("co-producers of the centre", PROJECTION_DEADLINE,
                () -> given().baseUri(gateway()).when().get("/api/v1/network/actors/" + centre + "/co-production-ties"),
                answer -> answer.statusCode() == 200 && answer.jsonPath().getList("partnerId").containsAll(List.of(parish, club)));
        var lindenhof = given().baseUri(gateway()).queryParam("neighbourhood", "lindenhof").queryParam("limit", 50)
                .when().get("/api/v1/analytics/key-actors").then().statusCode(200).extract().jsonPath();
        assertEquals(centre, lindenhof.getString("actors[0].id"), "the most central actor in Lindenhof");
        assertTrue(lindenhof.getBoolean("actors[0].articulationPoint"), "without the centre the network falls apart");
        assertEquals("exact", lindenhof.getString("betweennessMethod"));
        var suggestions = given().baseUri(gateway()).queryParam("for", centre)
                .when().get("/api/v1/analytics/partner-suggestions").then().statusCode(200).extract().jsonPath();
        assertFalse(suggestions.getList("id").isEmpty());
        assertFalse(suggestions.getList("id").contains(parish), "no suggestion of a partner it already works with");
        assertFalse(suggestions.getList("[0].reasons").isEmpty(), "each suggestion says why");
    }

    @Test
    @Order(10)
    void aPartnerAcceptedWhileKafkaIsDownReachesTheNetworkWhenKafkaIsBack() throws InterruptedException {
        // meanwhile it waits in the outbox, and the network does not know it yet
        acceptedWhileDownArrivesWhenBack(LocalInfra.Server.KAFKA, "Tafel Lindenhof", 404);
    }

    @Test
    @Order(11)
    void aPartnerAcceptedWhileNeo4jIsDownReachesTheNetworkWhenNeo4jIsBack() throws InterruptedException {
        // meanwhile the projection retries instead of dead-lettering, and reads say the graph is unavailable
        acceptedWhileDownArrivesWhenBack(LocalInfra.Server.NEO4J, "Repair-Café Lindenhof", 503);
    }

    /**
     * network-service stopped while Neo4j is away and its projection waits for the graph (as an orchestrator
     * restarting it meanwhile would): the waiting messages are neither acknowledged nor dead-lettered, so after the
     * restart they are read again and the partner reaches the network once Neo4j is back.
     */
    @Test
    @Order(12)
    void aProjectionStoppedWhileNeo4jIsDownDeadLettersNothingAndLosesNothing() throws Exception {
        ManagedProcess neo4j = ourServer(LocalInfra.Server.NEO4J);
        ManagedProcess network = ourService("network-service");
        try (var deadLetters = consumerAtEnd("kiezwerk.partners.v1.dlq")) {
            long logBefore = java.nio.file.Files.size(network.logFile());
            assertTrue(neo4j.stop(Duration.ofSeconds(30)));
            String id;
            try {
                id = register("Nachbarschaftshilfe Lindenhof " + UUID.randomUUID());
                // the projection has the partner and waits for the graph (its retries are logged) when the service stops
                Eventually.value("network-service waiting for the graph", Duration.ofSeconds(30), () -> {
                    try (var log = java.nio.file.Files.newInputStream(network.logFile())) {
                        log.skipNBytes(logBefore);
                        return new String(log.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    }
                }, text -> text.contains("graph not available"));
                assertTrue(network.stop(Duration.ofSeconds(30)));
            } finally {
                infra.ensureRunning(EnumSet.of(LocalInfra.Server.NEO4J));
            }
            infra.startService(LocalInfra.Service.NETWORK, PORTS, started);
            awaitInNetwork(id, Duration.ofSeconds(90));
            List<String> deadLettered = new ArrayList<>();
            Instant settle = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(settle)) {
                deadLetters.poll(Duration.ofMillis(500)).forEach(r -> deadLettered.add(r.key()));
            }
            assertFalse(deadLettered.contains(id), "dead-lettered: " + deadLettered);
        }
    }

    /**
     * Services that crash (killed, no clean shutdown) lose nothing: a partner registered while
     * network-service is dead is projected once it is back; one accepted by partner-service just
     * before partner-service dies is published from its outbox after the restart.
     */
    @Test
    @Order(13)
    void writesAcceptedAroundServiceCrashesAreNotLost() throws InterruptedException {
        kill(ourService("network-service"));
        String whileNetworkDown = register("Lesepaten Lindenhof " + UUID.randomUUID());
        ManagedProcess partnerService = ourService("partner-service");
        String justBeforeCrash = register("Kiezgarten Lindenhof " + UUID.randomUUID());
        kill(partnerService);
        infra.startService(LocalInfra.Service.PARTNER, PORTS, started);
        infra.startService(LocalInfra.Service.NETWORK, PORTS, started);
        awaitInNetwork(whileNetworkDown, Duration.ofSeconds(90));
        awaitInNetwork(justBeforeCrash, Duration.ofSeconds(90));
    }

    /** A consumer of every partition of the topic, positioned at its end now: it sees only what is written after this. */
    private static org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumerAtEnd(String topic) {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", "127.0.0.1:" + infra.settings().kafkaPort());
        props.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        props.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props);
        List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start before anything is written
        return consumer;
    }

    private static ManagedProcess ourService(String name) {
        return started.stream().filter(p -> p.name().equals(name) && p.running().isPresent()).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(name + " is not running"));
    }

    private static void kill(ManagedProcess process) {
        ProcessHandle handle = process.running().orElseThrow();
        handle.destroyForcibly();
        handle.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    private static void acceptedWhileDownArrivesWhenBack(LocalInfra.Server server, String name, int statusMeanwhile)
            throws InterruptedException {
        ManagedProcess process = ourServer(server);
        assertTrue(process.stop(Duration.ofSeconds(30)));
        String id;
        try {
            id = register(name + " " + UUID.randomUUID());
            // for a while the write does not arrive, and the reader is told so plainly
            Eventually.throughout(name + " down: the write waits", Duration.ofSeconds(2), () -> given().baseUri(gateway())
                    .when().get("/api/v1/network/actors/" + id).statusCode() == statusMeanwhile);
            given().baseUri(gateway()).when().get("/api/v1/network/actors/" + id)
                    .then().statusCode(statusMeanwhile)
                    .contentType("application/problem+json");
        } finally {
            infra.ensureRunning(EnumSet.of(server));
        }
        awaitInNetwork(id, Duration.ofSeconds(90));
    }

    /** Only a server this test started may be bounced; a developer's running system is left alone. */
    private static ManagedProcess ourServer(LocalInfra.Server server) {
        ManagedProcess process = infra.server(server);
        assumeTrue(started.stream().anyMatch(p -> p.name().equals(process.name())),
                process.name() + " was already running; not restarting someone else's server");
        return process;
    }

    /** The quarter the test partners are active in; PUT under a fixed id, so that reruns reuse it. */
    private static String quarter() {
        String code = "e2e-lindenhof";
        given().baseUri(gateway()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Lindenhof", "level", "quarter"))
                .when().put("/api/v1/neighbourhoods/" + UUID.nameUUIDFromBytes(code.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .then().statusCode(anyOf(is(200), is(201)));
        return code;
    }

    private static String register(String name) {
        String requestId = "e2e-" + UUID.randomUUID();
        return given().baseUri(gateway()).contentType(ContentType.JSON).header("X-Request-Id", requestId)
                .body(Map.of("name", name, "kind", "community_centre", "neighbourhoods", List.of(quarter())))
                .when().post("/api/v1/partners")
                .then().statusCode(201)
                .header("X-Request-Id", requestId)
                .body("name", is(name))
                .extract().path("id");
    }

    private static Response awaitInNetwork(String id, Duration timeout) {
        return Eventually.answer("organisation " + id + " in the network", timeout,
                () -> given().baseUri(gateway()).when().get("/api/v1/network/actors/" + id), actor -> actor.statusCode() == 200);
    }

    @Test
    @Order(2)
    void badInputThroughTheGatewayIsAProblemNotAnError() {
        given().baseUri(gateway()).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400));
        given().baseUri(gateway()).when().get("/api/v1/network/actors/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @Order(3)
    void everyServiceIsHealthyAndDocumented() {
        for (LocalInfra.Service service : LocalInfra.Service.values()) {
            String base = "http://127.0.0.1:" + PORTS.of(service);
            given().baseUri(base).when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
            given().baseUri(base).when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
            given().baseUri(base).accept("application/json").when().get("/q/openapi")
                    .then().statusCode(200).body("openapi", startsWith("3."));
        }
        // one API document for everything behind the gateway, every reference resolvable
        io.restassured.path.json.JsonPath document = given().baseUri(gateway()).when().get("/openapi")
                .then().statusCode(200).body("openapi", startsWith("3.")).extract().jsonPath();
        java.util.Map<String, Object> paths = document.<String, Object>getMap("paths");
        for (String path : List.of("/api/v1/partners", "/api/v1/events", "/api/v1/events/calendar.ics", "/api/v1/network/ties",
                "/api/v1/analytics/key-actors", "/hsds/organizations")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        assertNull(document.get("'x-kiezwerk-unavailable'"));
        String text = given().baseUri(gateway()).when().get("/openapi").then().extract().asString();
        java.util.Set<String> schemas = document.<String, Object>getMap("components.schemas").keySet();
        java.util.regex.Matcher ref = java.util.regex.Pattern.compile("#/components/schemas/([A-Za-z0-9_.-]+)").matcher(text);
        while (ref.find()) {
            assertTrue(schemas.contains(ref.group(1)), "unresolved reference " + ref.group(1));
        }
        // the gateway reports every service behind it
        given().baseUri(gateway()).when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'services behind the gateway' }.data.'partner-service'", is("UP"))
                .body("checks.find { it.name == 'services behind the gateway' }.data.'event-service'", is("UP"))
                .body("checks.find { it.name == 'services behind the gateway' }.data.'network-service'", is("UP"));
        // readiness really covers the graph and the broker
        given().baseUri("http://127.0.0.1:" + PORTS.network()).when().get("/q/health/ready")
                .then().body("checks.name", hasItems(containsString("Neo4j"), containsString("Messaging")));
    }

    private static String gateway() {
        return "http://127.0.0.1:" + PORTS.gateway();
    }
}
