package org.kiezwerk.infra.traces;

import static org.kiezwerk.infra.server.ServerProcess.*;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The local stand-in for an OpenTelemetry collector with a trace viewer: the services export their
 * spans here over OTLP/HTTP (protobuf, {@code POST /v1/traces}); people look at them at {@code /},
 * tests ask {@code GET /api/traces/{traceId}}. Only on 127.0.0.1, like the other local servers.
 */
public final class TraceServer {

    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");

    private final TraceStore store;
    private final HttpServer http;

    public TraceServer(TraceStore store, int port) throws IOException {
        this.store = store;
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        http.createContext("/v1/traces", this::receive);
        http.createContext("/api/traces", this::api);
        http.createContext("/trace/", this::tracePage);
        http.createContext("/health", exchange -> send(exchange, 200, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8)));
        http.createContext("/", this::listPage);
        http.setExecutor(Executors.newFixedThreadPool(4));
    }

    public static void main(String[] args) throws Exception {
        int port = org.kiezwerk.infra.server.ServerProcess.port("port");
        Path dataDir = directory("dataDir");
        int maxSpans = Integer.parseInt(setting("maxSpans", "50000"));
        TraceServer server;
        try {
            server = new TraceServer(new TraceStore(dataDir, maxSpans, 64L * 1024 * 1024), port);
            server.start();
        } catch (Exception e) {
            fail("traces", e);
            return;
        }
        onShutdown("traces", server::stop);
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            awaitAnswer("trace collector on port " + port, Duration.ofSeconds(20), () -> client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (Exception e) {
            fail("traces", e);
        }
        announceReady("traces", "OTLP/HTTP http://127.0.0.1:" + port + "/v1/traces, viewer http://127.0.0.1:" + port + "/");
        awaitShutdown();
    }

    public void start() {
        http.start();
    }

    public void stop() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** OTLP/HTTP with protobuf, what the Quarkus exporter sends with {@code protocol=http/protobuf}. */
    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "POST OTLP spans here\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
            if (!type.startsWith("application/x-protobuf")) {
                send(exchange, 415, "text/plain",
                        "only OTLP/HTTP protobuf (application/x-protobuf) is accepted\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                send(exchange, 413, "text/plain", "export too large\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                send(exchange, 400, "text/plain", ("not an OTLP trace export: " + e.getMessage() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            store.add(request);
            send(exchange, 200, "application/x-protobuf", ExportTraceServiceResponse.getDefaultInstance().toByteArray());
        }
    }

    /** {@code GET /api/traces?service=&requestId=&limit=} lists, {@code GET /api/traces/{traceId}} gives one trace's spans. */
    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/traces") || path.equals("/api/traces/")) {
                Map<String, String> query = query(exchange.getRequestURI());
                int limit = parseLimit(query.get("limit"));
                json(exchange, 200, store.recent(blankToNull(query.get("service")), blankToNull(query.get("requestId")), limit));
                return;
            }
            String traceId = path.substring("/api/traces/".length());
            if (!TRACE_ID.matcher(traceId).matches()) {
                problem(exchange, 400, "Not a trace id", "a trace id is 32 hex digits, not '" + traceId + "'");
                return;
            }
            Optional<List<TraceStore.Span>> spans = store.trace(traceId);
            if (spans.isEmpty()) {
                problem(exchange, 404, "Unknown trace", "no spans of trace " + traceId + " received (yet)");
                return;
            }
            json(exchange, 200, TraceStore.asJson(traceId.toLowerCase(java.util.Locale.ROOT), spans.get()));
        }
    }

    private void listPage(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI());
            String service = blankToNull(query.get("service"));
            String requestId = blankToNull(query.get("requestId"));
            html(exchange, 200, TracePages.list(store.recent(service, requestId, parseLimit(query.get("limit"))),
                    service, requestId));
        }
    }

    private void tracePage(HttpExchange exchange) throws IOException {
        try (exchange) {
            String traceId = exchange.getRequestURI().getPath().substring("/trace/".length());
            Optional<List<TraceStore.Span>> spans = TRACE_ID.matcher(traceId).matches() ? store.trace(traceId) : Optional.empty();
            if (spans.isEmpty()) {
                html(exchange, 404, TracePages.notFound(traceId));
                return;
            }
            html(exchange, 200, TracePages.trace(traceId, spans.get()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int parseLimit(String given) {
        try {
            return given == null ? 50 : Math.max(1, Math.min(1000, Integer.parseInt(given)));
        } catch (NumberFormatException e) {
            return 50;
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> result = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", TraceStore.JSON.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 9457 problem details, as the Kiezwerk APIs answer errors. */
    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", exchange.getRequestURI().getPath());
        send(exchange, status, "application/problem+json", TraceStore.JSON.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        send(exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
