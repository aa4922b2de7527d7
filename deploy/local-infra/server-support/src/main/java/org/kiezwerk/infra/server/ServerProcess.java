package org.kiezwerk.infra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * What every local server process shares. The launcher passes settings as {@code -Dkiezwerk.*}
 * properties and waits for the ready file, which a server writes only after it answered a real
 * request (SQL, Kafka metadata, Bolt query) and removes again when it shuts down.
 */
public final class ServerProcess {

    private static final CountDownLatch STOPPED = new CountDownLatch(1);

    private ServerProcess() {
    }

    public static String setting(String name) {
        String value = System.getProperty("kiezwerk." + name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing setting -Dkiezwerk." + name);
        }
        return value;
    }

    public static String setting(String name, String fallback) {
        String value = System.getProperty("kiezwerk." + name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static int port(String name) {
        return Integer.parseInt(setting(name));
    }

    public static Path directory(String name) {
        Path dir = Path.of(setting(name)).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Runs {@code stop} on shutdown (SIGTERM, Ctrl-C), after withdrawing the ready file. */
    public static void onShutdown(String server, Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            withdrawReady();
            log(server + " stopping");
            try {
                stop.run();
            } finally {
                log(server + " stopped");
                STOPPED.countDown();
            }
        }, server + "-shutdown"));
    }

    /** Retries {@code check} until it returns true or the timeout passes. */
    public static void awaitAnswer(String what, Duration timeout, Callable<Boolean> check) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Boolean.TRUE.equals(check.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " did not answer within " + timeout, last);
    }

    public static void announceReady(String server, String details) {
        Path ready = Path.of(setting("readyFile"));
        try {
            Files.createDirectories(ready.getParent());
            Files.writeString(ready, details + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ready, e);
        }
        log(server + " ready: " + details);
    }

    /** Keeps the process alive until a shutdown hook has stopped the server. */
    public static void awaitShutdown() throws InterruptedException {
        STOPPED.await();
    }

    /** Fails the whole process clearly: the launcher shows the log that holds this line. */
    public static void fail(String server, Throwable e) {
        log(server + " failed to start: " + e);
        e.printStackTrace();
        System.exit(1);
    }

    public static void log(String message) {
        System.out.println("[kiezwerk-local-infra] " + Instant.now() + " " + message);
        System.out.flush();
    }

    private static void withdrawReady() {
        try {
            Files.deleteIfExists(Path.of(setting("readyFile")));
        } catch (IOException | IllegalArgumentException ignored) {
            // nothing to withdraw
        }
    }
}
