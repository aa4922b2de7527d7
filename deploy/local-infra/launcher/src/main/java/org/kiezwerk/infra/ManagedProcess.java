package org.kiezwerk.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One server or service started as its own operating-system process. Its PID file records the PID
 * and a marker that is also on the process's command line, so that a stale PID file (after a crash
 * or a reboot) is never mistaken for a running process, and a recycled PID is never killed.
 */
public final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int port;
    private final Path logFile;
    private final Path pidFile;
    private final BooleanSupplier ready;

    ManagedProcess(String name, List<String> command, Map<String, String> environment, int port,
            Path logFile, Path pidFile, BooleanSupplier ready) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.port = port;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.ready = ready;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    static String marker(String name) {
        return "-Dkiezwerk.process=" + name;
    }

    /** The live process this PID file names, if it is really ours. */
    public Optional<ProcessHandle> running() {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(marker(name))).orElse(false));
            if (handle.isEmpty()) {
                Files.deleteIfExists(pidFile); // stale: the process is gone
            }
            return handle;
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean portInUse() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isReady() {
        try {
            return ready.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Starts the process and waits until it really answers; on failure it is stopped again. */
    public ProcessHandle start(Duration timeout) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close(); // no console input; Ctrl-C reaches us, not the child
            Files.writeString(pidFile, process.pid() + System.lineSeparator());
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    Files.deleteIfExists(pidFile);
                    throw new IllegalStateException(name + " exited with code " + process.exitValue()
                            + " while starting; see its log " + logFile + ", which ends:\n" + tail(logFile, 15));
                }
                if (isReady()) {
                    return process.toHandle();
                }
                Thread.sleep(250);
            }
            stop(Duration.ofSeconds(30));
            throw new IllegalStateException(name + " did not come up within " + timeout.toSeconds()
                    + " s on port " + port + "; see its log " + logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ofSeconds(30));
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    /** The last lines of a log, for an error message (the log may sit in a folder a test removes). */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Sends SIGTERM (so the process shuts its server down cleanly), then SIGKILL after the grace time. */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> handle = running();
        handle.ifPresent(h -> terminate(h, grace));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return handle.isPresent();
    }

    static void terminate(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " (port " + port + ", log " + logFile + ")";
    }
}
