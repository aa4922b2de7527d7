package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/**
 * Callers who send their request line and headers slowly (one byte at a time) are cut off when the
 * head timeout passes, with a 408 problem; nobody else notices, and a head that arrives in time, a
 * long exchange and a kept-alive connection in use are left alone. A connection idle between requests
 * is closed after the keep-alive timeout. Raw sockets: an HTTP client would send each head at once.
 */
@QuarkusTest
@TestProfile(SlowHeadsTest.ShortPatience.class)
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class SlowHeadsTest {

    public static class ShortPatience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiezwerk.gateway.head-timeout", "2s", "kiezwerk.gateway.keep-alive-timeout", "3s",
                    // event-service's stand-in answers after 5 s: an exchange longer than the head timeout
                    "kiezwerk.gateway.response-timeout", "4s");
        }
    }

    private static final String HEAD = "GET /api/v1/partners/slow-head HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
            + "X-Padding: " + "p".repeat(40) + "\r\n\r\n";

    @TestHTTPResource("/")
    URL gateway;

    @BeforeEach
    void aCallerCameFirst() {
        // the server is armed by the first request it serves (in production the gateway's own, at start)
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aHeadSentOneByteAtATimeIsCutAfterTheHeadTimeoutWhileOthersAreServed() throws Exception {
        try (Socket slow = connect()) {
            long started = System.nanoTime();
            // 100 bytes at one byte every 100 ms: 10 s for the whole head, far beyond the 2 s allowed
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> trickle(slow, HEAD, 100));
            for (int i = 0; i < 20; i++) {
                given().when().get("/api/v1/partners/meanwhile-" + i).then().statusCode(201);
            }
            String answer = readAll(slow);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.contains("\"type\":\"/problems/request-timeout\""), answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
            assertTrue(seconds >= 1.5 && seconds < 8, "cut after " + seconds + " s, not at about the 2 s head timeout");
            trickle.get(15, TimeUnit.SECONDS);
        }
        assertFalse(StubServices.PARTNER_PATHS.contains("/api/v1/partners/slow-head"), "the slow head never reached a service");
    }

    @Test
    void aConnectionThatSendsNothingIsClosedSilentlyAfterTheHeadTimeout() throws Exception {
        try (Socket silent = connect()) {
            long started = System.nanoTime();
            String answer = readAll(silent);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals("", answer, "no request was begun: nothing to answer");
            assertTrue(seconds >= 1.5 && seconds < 8, "closed after " + seconds + " s");
        }
    }

    @Test
    void aHeadThatArrivesInTimeIsServedEvenInPieces() throws Exception {
        try (Socket socket = connect()) {
            // about 1.2 s for the whole head, in 12 pieces: within the 2 s
            String head = HEAD.replace("slow-head", "in-time");
            int piece = (head.length() + 11) / 12;
            for (int i = 0; i < head.length(); i += piece) {
                write(socket, head.substring(i, Math.min(head.length(), i + piece)));
                Thread.sleep(100); // the behaviour under test: a head sent slowly
            }
            String answer = readResponse(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
        }
    }

    @Test
    void aKeptAliveConnectionInUseStaysOpenAndAnIdleOneIsClosedAfterTheKeepAliveTimeout() throws Exception {
        try (Socket socket = connect()) {
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                // pauses between requests shorter than the keep-alive timeout, longer than the head timeout
                write(socket, HEAD.replace("slow-head", "kept-" + i));
                assertTrue(readResponse(in).startsWith("HTTP/1.1 201"));
                Thread.sleep(2_200); // the behaviour under test: a kept-alive connection idle between requests
            }
            // a long exchange (event-service's stand-in is slow, the gateway waits 4 s) is no slow head
            write(socket, HEAD.replace("/api/v1/partners/slow-head", "/api/v1/events/long"));
            String late = readResponse(in);
            assertTrue(late.startsWith("HTTP/1.1 504"), late);
            long idleSince = System.nanoTime();
            assertEquals(-1, in.read(), "closed, not answered");
            double seconds = (System.nanoTime() - idleSince) / 1e9;
            assertTrue(seconds >= 2.5 && seconds < 10, "closed after " + seconds + " s idle, not at about the 3 s keep-alive timeout");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(gateway.getHost(), gateway.getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void trickle(Socket socket, String text, long pauseMillis) {
        try {
            for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
                Thread.sleep(pauseMillis); // the behaviour under test: a client trickling its bytes
            }
        } catch (IOException closedByTheGateway) {
            // expected: the gateway hung up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int n; (n = in.read(chunk)) > 0; ) {
                answer.write(chunk, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // closed with unread bytes of ours still in flight: what arrived before counts
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** One response on a kept-alive connection: the head, then Content-Length bytes of body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (!text.toLowerCase().contains("transfer-encoding: chunked")) {
            return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (!body.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            body.write(b);
        }
        return text + body.toString(StandardCharsets.UTF_8);
    }
}
