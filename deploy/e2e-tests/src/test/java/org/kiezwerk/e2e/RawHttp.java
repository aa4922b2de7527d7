package org.kiezwerk.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte: hostile requests that a regular client refuses to send (invalid UTF-8 in
 * the path or a header, odd header values). One connection per request ({@code Connection: close}); the
 * whole exchange must end within the deadline, else the answer is a hang.
 */
final class RawHttp {

    record Request(String method, byte[] target, List<Map.Entry<String, byte[]>> headers, byte[] body) {

        /**
         * Not an HTTP/1.1 message at all: a request target outside the URI grammar (RFC 3986: raw bytes
         * beyond printable ASCII, a % without two hex digits) or a control character in a header field value
         * (RFC 9110 5.5). The HTTP layer refuses these before any application sees them.
         */
        boolean malformed() {
            for (int i = 0; i < target.length; i++) {
                int b = target[i] & 0xff;
                if (b <= 0x20 || b >= 0x7f) {
                    return true;
                }
                if (b == '%' && (i + 2 >= target.length || Character.digit(target[i + 1], 16) < 0 || Character.digit(target[i + 2], 16) < 0)) {
                    return true;
                }
            }
            for (Map.Entry<String, byte[]> header : headers) {
                for (byte b : header.getValue()) {
                    if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
                        return true;
                    }
                }
            }
            return false;
        }

        String describe() {
            StringBuilder text = new StringBuilder(method).append(' ').append(printable(target, 300));
            for (Map.Entry<String, byte[]> header : headers) {
                text.append("\n  ").append(header.getKey()).append(": ").append(printable(header.getValue(), 200));
            }
            if (body != null) {
                text.append("\n  body (").append(body.length).append(" bytes): ").append(printable(body, 400));
            }
            return text.toString();
        }
    }

    record Answer(int status, Map<String, String> headers, byte[] body, long millis) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** No complete answer within the deadline. */
    static final class Hang extends IOException {
        Hang(String message) {
            super(message);
        }
    }

    private final String host;
    private final int port;
    private final Duration deadline;

    RawHttp(String host, int port, Duration deadline) {
        this.host = host;
        this.port = port;
        this.deadline = deadline;
    }

    Answer send(Request request) throws IOException {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) deadline.toMillis());
            socket.setSoTimeout((int) deadline.toMillis());
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((request.method() + " ").getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(request.target());
            head.writeBytes(" HTTP/1.1\r\nHost: ".getBytes(StandardCharsets.US_ASCII));
            head.writeBytes((host + ":" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> header : request.headers()) {
                head.writeBytes((header.getKey() + ": ").getBytes(StandardCharsets.US_ASCII));
                head.writeBytes(header.getValue());
                head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (request.body() != null) {
                head.writeBytes(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toByteArray());
                if (request.body() != null) {
                    out.write(request.body());
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 400) and close before it has read all of a large body
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new Hang("no complete answer within " + deadline.toMillis() + " ms; received " + received.size() + " bytes");
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    throw new Hang("no complete answer within " + deadline.toMillis() + " ms; received " + received.size() + " bytes: "
                            + printable(received.toByteArray(), 200));
                } catch (java.net.SocketException e) {
                    if (received.size() > 0) {
                        break; // reset after the answer: the server closed while we still sent
                    }
                    throw e;
                }
                if (read < 0) {
                    break;
                }
                received.write(buffer, 0, read);
                Answer complete = parse(received.toByteArray(), start, request.method());
                if (complete != null) {
                    return complete;
                }
            }
            Answer answer = parse(received.toByteArray(), start, request.method());
            if (answer == null) {
                Answer partial = parseHead(received.toByteArray(), start);
                if (partial == null) {
                    throw new IOException("connection closed without an answer (" + received.size() + " bytes): "
                            + printable(received.toByteArray(), 200));
                }
                return partial;
            }
            return answer;
        }
    }

    /** A complete answer, or null while bytes are missing. */
    private static Answer parse(byte[] data, long start, String method) {
        int headEnd = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headEnd < 0) {
            return null;
        }
        Answer head = parseHead(data, start);
        if (head == null) {
            return null;
        }
        int bodyStart = headEnd + 4;
        String length = head.header("content-length");
        String encoding = head.header("transfer-encoding");
        if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
            return head;
        }
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int at = bodyStart;
            while (true) {
                int lineEnd = indexOf(data, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
                if (lineEnd < 0) {
                    return null;
                }
                String sizeLine = new String(data, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].strip();
                int size = Integer.parseInt(sizeLine, 16);
                if (size == 0) {
                    return new Answer(head.status(), head.headers(), body.toByteArray(), head.millis());
                }
                if (lineEnd + 2 + size + 2 > data.length) {
                    return null;
                }
                body.write(data, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
        }
        if (length != null) {
            int size = Integer.parseInt(length.strip());
            if (data.length - bodyStart < size) {
                return null;
            }
            byte[] body = java.util.Arrays.copyOfRange(data, bodyStart, bodyStart + size);
            return new Answer(head.status(), head.headers(), body, head.millis());
        }
        return null; // until the connection closes
    }

    private static Answer parseHead(byte[] data, long start) {
        int headEnd = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headEnd < 0) {
            return null;
        }
        String[] lines = new String(data, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                        (x, y) -> x + ", " + y);
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(data, headEnd + 4, data.length);
        return new Answer(Integer.parseInt(statusLine[1]), headers, rest, (System.nanoTime() - start) / 1_000_000);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, pattern, 0);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Bytes as readable text: printable ASCII and UTF-8 as they are, everything else as \\xNN. */
    static String printable(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        String decoded = new String(bytes, 0, Math.min(bytes.length, max * 4), StandardCharsets.UTF_8);
        int shown = 0;
        for (int i = 0; i < decoded.length() && shown < max; i++, shown++) {
            char c = decoded.charAt(i);
            if (c == '\uFFFD') {
                text.append("\\uFFFD");
            } else if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\x%02X", (int) c));
            } else {
                text.append(c);
            }
        }
        if (bytes.length > max) {
            text.append("… (").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }
}
