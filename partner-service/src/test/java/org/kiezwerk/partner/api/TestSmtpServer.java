package org.kiezwerk.partner.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server for the mail check's tests, on a free port of 127.0.0.1: it answers RCPT TO
 * per mailbox as the test tells it (250 by default), records every command of every session, and
 * refuses DATA (a probe must never get there). As a test resource it configures the mail check.
 */
public class TestSmtpServer implements QuarkusTestResourceLifecycleManager {

    /** The instance the test resource started (one per test class that uses it). */
    static volatile TestSmtpServer running;

    private ServerSocket socket;
    private Thread acceptor;
    final Map<String, String> answers = new ConcurrentHashMap<>();
    /** One list of commands per session, in the order the sessions began. */
    final List<List<String>> sessions = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();

    /** How RCPT TO:&lt;mailbox&gt; is answered from now on, e.g. "550 5.1.1 User unknown". */
    void answer(String mailbox, String reply) {
        answers.put(mailbox.toLowerCase(Locale.ROOT), reply);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Every command the server received, over all sessions. */
    List<String> commands() {
        return sessions.stream().flatMap(List::stream).toList();
    }

    /** The sessions that asked for this mailbox. */
    List<List<String>> sessionsFor(String mailbox) {
        return sessions.stream().filter(s -> s.stream().anyMatch(c -> c.equalsIgnoreCase("RCPT TO:<" + mailbox + ">"))).toList();
    }

    TestSmtpServer startServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    connections.incrementAndGet();
                    Thread session = new Thread(() -> serve(client), "test-smtp-session");
                    session.setDaemon(true);
                    session.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "test-smtp-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    void stopServer() {
        try {
            socket.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }

    private void serve(Socket client) {
        List<String> commands = new CopyOnWriteArrayList<>();
        sessions.add(commands);
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream()) {
            client.setSoTimeout(30_000);
            reply(out, "220 test.invalid ESMTP test server");
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-test.invalid greets you\r\n250-8BITMIME\r\n250 SIZE 10240000");
                    case "HELO", "NOOP" -> reply(out, "250 test.invalid");
                    case "MAIL" -> reply(out, "250 2.1.0 Sender OK");
                    case "RCPT" -> {
                        String mailbox = line.replaceFirst("(?i)^RCPT TO:\\s*<([^>]*)>.*$", "$1").toLowerCase(Locale.ROOT);
                        reply(out, answers.getOrDefault(mailbox, "250 2.1.5 Recipient OK"));
                    }
                    case "RSET" -> reply(out, "250 2.0.0 Reset");
                    case "DATA" -> reply(out, "554 5.5.1 This test server takes no mail");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not recognised");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    // ---- as a Quarkus test resource: the mail check pointed at this server

    @Override
    public Map<String, String> start() {
        try {
            running = new TestSmtpServer().startServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("kiezwerk.freshness.mail-check.host", "127.0.0.1",
                "kiezwerk.freshness.mail-check.port", String.valueOf(running.port()),
                "kiezwerk.freshness.mail-check.sender", "pruefung@kiezwerk.test",
                "kiezwerk.freshness.mail-check.helo-name", "kiezwerk.test",
                "kiezwerk.freshness.mail-check.timeout", "5s",
                "kiezwerk.freshness.mail-check.batch-size", "1000",
                // the test runs the rounds itself
                "kiezwerk.freshness.mail-check.interval", "off");
    }

    @Override
    public void stop() {
        if (running != null) {
            running.stopServer();
        }
    }
}
