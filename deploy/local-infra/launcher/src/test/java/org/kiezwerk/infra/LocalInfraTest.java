package org.kiezwerk.infra;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fast: plain processes, no servers. */
class LocalInfraTest {

    @TempDir
    Path var;

    @Test
    void settingsHaveTheConventionalDefaultsAndFollowTheEnvironment() {
        InfraSettings defaults = InfraSettings.from(Map.of("KIEZWERK_ROOT", root().toString()));
        assertEquals(55432, defaults.postgresPort());
        assertEquals(19092, defaults.kafkaPort());
        assertEquals(19093, defaults.kafkaControllerPort());
        assertEquals(17687, defaults.boltPort());
        assertEquals(root().resolve("var"), defaults.varDir());
        assertEquals("", defaults.neo4jPassword());

        InfraSettings custom = InfraSettings.from(Map.of("KIEZWERK_ROOT", root().toString(),
                "KIEZWERK_VAR_DIR", var.toString(), "KIEZWERK_POSTGRES_PORT", "5999", "KIEZWERK_NEO4J_BOLT_PORT", "7999"));
        assertEquals(var, custom.varDir());
        assertEquals(5999, custom.postgresPort());
        assertEquals(7999, custom.boltPort());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> InfraSettings.from(Map.of("KIEZWERK_ROOT", root().toString(), "KIEZWERK_KAFKA_PORT", "abc")));
        assertTrue(bad.getMessage().contains("KIEZWERK_KAFKA_PORT"));
    }

    @Test
    void testsRefuseThePortsAndDataOfTheLocalSystem() {
        InfraSettings localRun = InfraSettings.from(Map.of("KIEZWERK_ROOT", root().toString()));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> LocalInfraTestResource.refuseTheLocalSystem(localRun, Map.of()));
        assertTrue(refused.getMessage().contains("PostgreSQL port 55432"), refused.getMessage());
        assertTrue(refused.getMessage().contains("data directory"), refused.getMessage());

        // one shared port is enough to refuse
        InfraSettings onePortShared = InfraSettings.from(Map.of("KIEZWERK_ROOT", root().toString(),
                "KIEZWERK_VAR_DIR", var.toString(), "KIEZWERK_POSTGRES_PORT", "25432", "KIEZWERK_KAFKA_PORT", "29092",
                "KIEZWERK_KAFKA_CONTROLLER_PORT", "29093", "KIEZWERK_OTLP_PORT", "24318", "KIEZWERK_CONNECT_PORT", "28083"));
        IllegalStateException neo4j = assertThrows(IllegalStateException.class,
                () -> LocalInfraTestResource.refuseTheLocalSystem(onePortShared, Map.of()));
        assertEquals(false, neo4j.getMessage().contains("PostgreSQL"), neo4j.getMessage());
        assertTrue(neo4j.getMessage().contains("Neo4j port 17687"), neo4j.getMessage());

        InfraSettings own = InfraSettings.from(Map.of("KIEZWERK_ROOT", root().toString(),
                "KIEZWERK_VAR_DIR", var.toString(), "KIEZWERK_POSTGRES_PORT", "25432", "KIEZWERK_KAFKA_PORT", "29092",
                "KIEZWERK_KAFKA_CONTROLLER_PORT", "29093", "KIEZWERK_NEO4J_BOLT_PORT", "27687", "KIEZWERK_OTLP_PORT", "24318", "KIEZWERK_CONNECT_PORT", "28083"));
        assertDoesNotThrow(() -> LocalInfraTestResource.refuseTheLocalSystem(own, Map.of()));
        assertDoesNotThrow(() -> LocalInfraTestResource.refuseTheLocalSystem(localRun,
                Map.of("KIEZWERK_TESTS_USE_LOCAL_SYSTEM", "true")));
    }

    @Test
    void theBuildGivesTestsTheirOwnPortsAndData() {
        // what the parent pom sets for every test JVM: the services under test read the same variables
        InfraSettings underTest = InfraSettings.fromEnvironment();
        assertDoesNotThrow(() -> LocalInfraTestResource.refuseTheLocalSystem(underTest, Map.of()));
        assertEquals(root().resolve("var/test"), underTest.varDir());
    }

    @Test
    void startsWaitsForReadinessAndStopsAProcess() throws IOException {
        Path ready = var.resolve("sleeper.ready");
        ManagedProcess sleeper = process("sleeper", List.of("sh", "-c", "touch " + ready + "; exec sleep 60"), ready);
        ProcessHandle handle = sleeper.start(Duration.ofSeconds(10));
        // the marker is only on a JVM's command line; a shell keeps no such argument, so check the PID file
        assertEquals(Long.toString(handle.pid()), Files.readString(var.resolve("run/sleeper.pid")).trim());
        handle.destroy();
        handle.onExit().join();
    }

    @Test
    void runEndsOnlyOnceEveryProcessItStartedWasStoppedFromOutside() throws IOException {
        // a shell waiting for its child keeps the marker on its command line, as a server's JVM does
        List<ManagedProcess> started = new java.util.ArrayList<>();
        List<ProcessHandle> sleeps = new java.util.ArrayList<>();
        for (String name : List.of("first", "second")) {
            Path ready = var.resolve(name + ".ready");
            ManagedProcess server = process(name, List.of("sh", "-c", "sleep 60 & touch " + ready + "; wait",
                    ManagedProcess.marker(name)), ready);
            ProcessHandle handle = server.start(Duration.ofSeconds(10));
            assertTrue(server.running().isPresent(), name + " counts as running");
            started.add(server);
            assertFalse(LocalInfraCommand.stoppedFromOutside(started), "with " + name + " running");
            handle.descendants().forEach(sleeps::add); // the sleep, which would outlive its shell
        }
        assertTrue(started.get(0).stop(Duration.ofSeconds(10)));
        assertFalse(LocalInfraCommand.stoppedFromOutside(started), "one of two stopped");
        assertTrue(started.get(1).stop(Duration.ofSeconds(10)));
        assertTrue(LocalInfraCommand.stoppedFromOutside(started), "both stopped");
        // a run that started nothing (everything was up already) has nothing to notice: it waits for Ctrl-C
        assertFalse(LocalInfraCommand.stoppedFromOutside(List.of()));
        sleeps.forEach(ProcessHandle::destroy);
    }

    @Test
    void namesTheServerAndItsLogWhenItDoesNotComeUp() {
        ManagedProcess failing = process("broken", List.of("sh", "-c", "echo boom; exit 3"), var.resolve("never"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> failing.start(Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("broken exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains(var.resolve("logs/broken.log").toString()), e.getMessage());

        ManagedProcess silent = process("silent", List.of("sleep", "30"), var.resolve("never"));
        IllegalStateException timeout = assertThrows(IllegalStateException.class, () -> silent.start(Duration.ofSeconds(1)));
        assertTrue(timeout.getMessage().contains("silent did not come up within 1 s"), timeout.getMessage());
    }

    @Test
    void aStalePidFileIsRecognisedAndRemoved() throws IOException {
        Path pidFile = var.resolve("run/ghost.pid");
        Files.createDirectories(pidFile.getParent());
        // our own PID is alive but is not a process named "ghost": must not count, must not be killed
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        ManagedProcess ghost = process("ghost", List.of("true"), var.resolve("never"));
        assertTrue(ghost.running().isEmpty());
        assertFalse(Files.exists(pidFile));
        assertFalse(ghost.stop(Duration.ofSeconds(1)));
    }

    @Test
    void aFreePortIsNotInUseAndAListeningOneIs() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ManagedProcess listening = new ManagedProcess("x", List.of(), Map.of(), socket.getLocalPort(),
                    var.resolve("x.log"), var.resolve("x.pid"), () -> true);
            assertTrue(listening.portInUse());
        }
    }

    private ManagedProcess process(String name, List<String> command, Path readyFile) {
        return new ManagedProcess(name, command, Map.of(), 1, var.resolve("logs/" + name + ".log"),
                var.resolve("run/" + name + ".pid"), () -> Files.exists(readyFile));
    }

    @Test
    void deploymentsRunTheServicesWithTheLocalRunsJvmSettings() throws IOException {
        // the manifest checks hold compose and k8s to required-settings.yaml; this holds that file to the local run
        String required = Files.readString(root().resolve("deploy/manifest-checks/required-settings.yaml"));
        assertTrue(required.contains("JAVA_TOOL_OPTIONS: \"" + LocalInfra.SERVICE_JVM_OPTIONS + "\""), "JAVA_TOOL_OPTIONS");
        LocalInfra.SERVICE_NATIVE_ENVIRONMENT.forEach((name, value) ->
                assertTrue(required.contains(name + ": \"" + value + "\""), name));
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/local-infra/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the repository");
    }

    @Test
    void aJdkWithoutNativeHeapTrimmingGetsTheOtherServiceOptions() {
        List<String> options = List.of(LocalInfra.SERVICE_JVM_OPTIONS.split(" "));
        assertTrue(options.contains("-XX:TrimNativeHeapInterval=2000"), "the settings trim");
        for (String version : List.of("17.0.9", "17.0.15+6", "21.0.2", "25")) {
            assertEquals(options, LocalInfra.forThisJdk(options, Runtime.Version.parse(version)), version);
        }
        for (String version : List.of("17.0.8", "17", "18.0.2", "20.0.1")) {
            List<String> kept = LocalInfra.forThisJdk(options, Runtime.Version.parse(version));
            assertEquals(options.size() - 1, kept.size(), version);
            assertTrue(kept.stream().noneMatch(o -> o.startsWith("-XX:TrimNativeHeapInterval")), version);
            assertTrue(kept.contains("-Xmx160m"), version);
        }
    }
}
