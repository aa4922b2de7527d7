package org.kiezwerk.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfra;
import org.kiezwerk.infra.ManagedProcess;

/**
 * Faults, not luck: a well-behaved writer (Idempotency-Key on creation, If-Match on change, retries
 * with back-off) writes at least 1,000 times through the gateway while each component in turn —
 * Kafka, the Kafka Connect worker (the outbox connectors), Neo4j, PostgreSQL, each service and the gateway — is killed with SIGKILL and started again.
 * Afterwards nothing is lost, nothing duplicated and nothing stale, in the directory, in the graph
 * and in event-service's replica of the partners; and no caller ever saw a 500.
 */
@org.junit.jupiter.api.extension.ExtendWith(TheSystem.class)
class FaultToleranceIT {

    static final LocalInfra.ServicePorts PORTS = TheSystem.PORTS;
    static final int WRITES = 1_000;

    @Test
    void aWellBehavedWriterLosesNothingWhileEachComponentIsKilledAndRestarted() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String quarter = "fault-" + run;
        request().contentType(ContentType.JSON).body(Map.of("code", quarter, "name", "Störviertel " + run, "level", "quarter"))
                .when().put("/api/v1/neighbourhoods/" + UUID.nameUUIDFromBytes(quarter.getBytes())).then().statusCode(201);
        Writer writer = new Writer(quarter, new Random(run.hashCode()));
        Thread writing = new Thread(writer, "fault-writer");
        writing.start();
        try {
            List<Runnable> faults = List.of(
                    () -> bounce(LocalInfra.Server.KAFKA),
                    () -> bounce(LocalInfra.Server.CONNECT),
                    () -> bounce(LocalInfra.Server.NEO4J),
                    () -> bounce(LocalInfra.Server.POSTGRES),
                    () -> bounce(LocalInfra.Service.PARTNER),
                    () -> bounce(LocalInfra.Service.EVENT),
                    () -> bounce(LocalInfra.Service.NETWORK),
                    () -> bounce(LocalInfra.Service.GATEWAY));
            for (Runnable fault : faults) {
                writer.awaitMore(40, Duration.ofSeconds(180));
                fault.run();
            }
            writer.awaitTotal(WRITES, Duration.ofMinutes(6));
        } finally {
            writer.stop.set(true);
            writing.join(Duration.ofSeconds(60).toMillis());
        }
        assertNull(writer.failure, () -> "the writer gave up: " + writer.failure);
        assertTrue(writer.done.get() >= WRITES, "writes: " + writer.done.get());
        Set<Integer> allowed = Set.of(200, 201, 412, 429, 503);
        assertTrue(allowed.containsAll(writer.statuses.keySet()),
                "callers saw only successes, conflicts they resolve, 429 and 503 (never a 500): " + new TreeMap<>(writer.statuses));

        // the directory: every partner once, with the last state its writer was told was saved
        List<Map<String, Object>> listed = listQuarter(quarter);
        assertEquals(writer.partners.size(), listed.size(), "no partner lost or duplicated in the directory");
        for (Map<String, Object> partner : listed) {
            Expected expected = writer.partners.get((String) partner.get("id"));
            assertNotNull(expected, "a partner nobody created: " + partner.get("id"));
            assertEquals(expected.name, partner.get("name"));
            assertEquals(expected.version, ((Number) partner.get("version")).longValue(), "version of " + expected.name);
        }
        // the graph: every partner, in its last state (the projection catches up after the faults)
        Eventually.value("every partner in the graph in its last state (missing or stale listed)", Duration.ofMinutes(3),
                () -> staleInGraph(writer.partners), List::isEmpty);
        // event-service's replica: an event naming a sample of the partners shows their current names
        List<String> sample = new ArrayList<>(writer.partners.keySet()).subList(0, Math.min(20, writer.partners.size()));
        List<Map<String, Object>> roles = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            roles.add(Map.of("partnerId", sample.get(i), "role", i == 0 ? "host" : "co_host"));
        }
        Map<String, Object> event = new HashMap<>(Map.of("title", "Stammtisch nach dem Sturm " + run, "category", "networking",
                "start", "2027-05-04T19:00", "end", "2027-05-04T21:00", "partners", roles));
        String eventId = awaitOk(() -> request().contentType(ContentType.JSON).body(event).when().post("/api/v1/events"), 201,
                Duration.ofMinutes(2)).path("id");
        // the replica catches up like the graph; then every name is the last one written
        Eventually.value("every name current in event-service's replica (stale listed)", Duration.ofMinutes(2), () -> {
            Response current = request().when().get("/api/v1/events/" + eventId);
            return sample.stream().filter(id -> !writer.partners.get(id).name.equals(
                    current.path("partners.find { it.partnerId == '" + id + "' }.partnerName"))).toList();
        }, List::isEmpty);
    }

    /** What the writer was last told was saved. */
    record Expected(String name, long version) {
    }

    /** Creates and renames partners, as an integrator who follows docs/integrators.md would. */
    static final class Writer implements Runnable {

        final String quarter;
        final Random random;
        final Map<String, Expected> partners = new ConcurrentHashMap<>();
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger connectionErrors = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        volatile Throwable failure;

        Writer(String quarter, Random random) {
            this.quarter = quarter;
            this.random = random;
        }

        @Override
        public void run() {
            try {
                while (!stop.get()) {
                    if (partners.size() < 20 || random.nextInt(10) < 4) {
                        create();
                    } else {
                        List<String> ids = new ArrayList<>(partners.keySet());
                        rename(ids.get(random.nextInt(ids.size())));
                    }
                    done.incrementAndGet();
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        private void create() throws InterruptedException {
            String name = "Verein " + UUID.randomUUID();
            String key = "fault-" + UUID.randomUUID();
            Map<String, Object> body = Map.of("name", name, "kind", "association", "neighbourhoods", List.of(quarter));
            Response saved = retry(() -> request().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .when().post("/api/v1/partners?duplicateCheck=false"), Set.of(201));
            partners.put(saved.path("id"), new Expected(name, version(saved)));
        }

        private void rename(String id) throws InterruptedException {
            Expected before = partners.get(id);
            String name = before.name.replaceAll(" \\(v\\d+\\)$", "") + " (v" + (before.version + 1) + ")";
            Map<String, Object> body = Map.of("name", name, "kind", "association", "neighbourhoods", List.of(quarter));
            long expectedVersion = before.version;
            for (int attempt = 0; attempt < 20; attempt++) {
                long ifMatch = expectedVersion;
                Response answer = retry(() -> request().contentType(ContentType.JSON).header("If-Match", "\"" + ifMatch + "\"")
                        .body(body).when().put("/api/v1/partners/" + id), Set.of(200, 412));
                if (answer.statusCode() == 200) {
                    partners.put(id, new Expected(name, version(answer)));
                    return;
                }
                // 412: an earlier attempt went through but its answer was lost, or someone else wrote
                Response current = retry(() -> request().when().get("/api/v1/partners/" + id), Set.of(200));
                if (name.equals(current.path("name"))) {
                    partners.put(id, new Expected(name, version(current)));
                    return;
                }
                expectedVersion = version(current);
            }
            throw new AssertionError("could not rename " + id);
        }

        /** Sends until an answer in {@code wanted}: 429 and 503 (and refused connections) are waited out with back-off. */
        private Response retry(java.util.function.Supplier<Response> send, Set<Integer> wanted) throws InterruptedException {
            long backOff = 100;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (Instant.now().isBefore(deadline)) {
                try {
                    Response answer = send.get();
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    if (wanted.contains(answer.statusCode())) {
                        return answer;
                    }
                    if (answer.statusCode() != 429 && answer.statusCode() != 503) {
                        throw new AssertionError("unexpected " + answer.statusCode() + ": " + answer.asString());
                    }
                } catch (Exception connectionProblem) {
                    // refused or dropped (the gateway itself restarting): waited out like a 503
                    connectionErrors.incrementAndGet();
                }
                Thread.sleep(backOff); // a well-behaved client backs off: this wait is the behaviour, not a wait for the system
                backOff = Math.min(2_000, backOff * 2);
            }
            throw new AssertionError("no answer in " + wanted + " within 3 minutes");
        }

        void awaitMore(int writes, Duration timeout) throws InterruptedException {
            awaitTotal(done.get() + writes, timeout);
        }

        void awaitTotal(int writes, Duration timeout) throws InterruptedException {
            Eventually.until("the writer at " + writes + " writes", timeout, () -> done.get() >= writes || failure != null);
            assertNull(failure, () -> "the writer gave up: " + failure);
            assertTrue(done.get() >= writes, "the writer got to " + done.get() + " of " + writes + " writes in " + timeout);
        }
    }

    private static long version(Response answer) {
        return Long.parseLong(answer.header("ETag").replace("\"", "").replace("W/", ""));
    }

    private static List<Map<String, Object>> listQuarter(String quarter) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = request().queryParam("neighbourhood", quarter).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/partners");
            page.then().statusCode(200);
            all.addAll(page.path("items"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return all;
    }

    private static List<String> staleInGraph(Map<String, Expected> partners) throws InterruptedException {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Expected> partner : partners.entrySet()) {
            Response actor = request().when().get("/api/v1/network/actors/" + partner.getKey());
            // the checker reads every partner, more than the gateway's rate limit lets one caller at once:
            // it waits as told (Retry-After) like any well-behaved caller, and a 429 is no answer about the graph
            for (int waits = 0; actor.statusCode() == 429 && waits < 30; waits++) {
                Thread.sleep(1_000L * Math.max(1, Math.min(5, retryAfter(actor))));
                actor = request().when().get("/api/v1/network/actors/" + partner.getKey());
            }
            if (actor.statusCode() != 200 || !partner.getValue().name.equals(actor.path("name"))) {
                stale.add(partner.getKey() + " (" + actor.statusCode() + ")");
            }
        }
        return stale;
    }

    private static int retryAfter(Response answer) {
        try {
            return Integer.parseInt(String.valueOf(answer.header("Retry-After")).trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Response awaitOk(Callable<Response> send, int status, Duration timeout) {
        return Eventually.answer("a " + status, timeout, send, answer -> answer.statusCode() == status);
    }

    private static io.restassured.specification.RequestSpecification request() {
        return given().baseUri("http://127.0.0.1:" + PORTS.gateway()).header("X-API-Key", TheSystem.adminKey);
    }

    // ---- faults

    private static void bounce(LocalInfra.Server server) {
        ManagedProcess process = TheSystem.infra.server(server);
        assertTrue(TheSystem.started.stream().anyMatch(p -> p.name().equals(process.name())),
                process.name() + " was not started by this test; not killing someone else's server");
        if (server == LocalInfra.Server.POSTGRES) {
            // the database server itself crashes: its postmaster (and backends), not only the launcher's JVM
            killPostmaster();
        }
        killTree(process);
        TheSystem.infra.ensureRunning(EnumSet.of(server), TheSystem.started);
    }

    private static void killPostmaster() {
        java.nio.file.Path pidFile = TheSystem.infra.settings().varDir().resolve("postgres/postmaster.pid");
        try {
            long pid = Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));
            List<ProcessHandle> tree = new ArrayList<>(postmaster.descendants().toList());
            tree.add(0, postmaster);
            tree.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle each : tree) {
                each.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void bounce(LocalInfra.Service service) {
        ManagedProcess process = TheSystem.started.stream().filter(p -> p.name().equals(service.id()) && p.running().isPresent())
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(service.id() + " is not running"));
        killTree(process);
        TheSystem.infra.startService(service, PORTS, TheSystem.started);
    }

    /** SIGKILL, children first (PostgreSQL's server processes belong to the launcher's JVM). */
    private static void killTree(ManagedProcess process) {
        ProcessHandle handle = process.running().orElseThrow(() -> new AssertionError(process.name() + " is not running"));
        List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
        tree.add(handle);
        for (ProcessHandle each : tree) {
            each.destroyForcibly();
        }
        for (ProcessHandle each : tree) {
            each.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }
}
