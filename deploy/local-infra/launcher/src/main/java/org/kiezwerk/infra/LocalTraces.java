package org.kiezwerk.infra;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads the spans the local trace collector received, for tests that follow a request through the
 * system: start a trace with {@link #newTraceParent()}, send it as {@code traceparent}, then wait for
 * the spans the services reported under it.
 */
public final class LocalTraces {

    /** One span as the collector keeps it. */
    public record Span(String traceId, String spanId, String parentSpanId, String service, String name, String kind,
            Map<String, String> attributes) {
    }

    /** A W3C traceparent a test sends as its own (sampled) span: the trace id and its span id. */
    public record TraceParent(String traceId, String spanId) {
        public String header() {
            return "00-" + traceId + "-" + spanId + "-01";
        }

        /** Reads a traceparent header value (version 00). */
        public static TraceParent parse(String header) {
            String[] parts = header == null ? new String[0] : header.split("-");
            if (parts.length != 4 || parts[1].length() != 32 || parts[2].length() != 16) {
                throw new IllegalArgumentException("not a W3C traceparent: " + header);
            }
            return new TraceParent(parts[1], parts[2]);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final URI base;

    public LocalTraces(InfraSettings settings) {
        this.base = URI.create("http://127.0.0.1:" + settings.otlpPort() + "/");
    }

    public static LocalTraces fromEnvironment() {
        return new LocalTraces(InfraSettings.fromEnvironment());
    }

    public static TraceParent newTraceParent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(span);
        return new TraceParent(HexFormat.of().formatHex(trace), HexFormat.of().formatHex(span));
    }

    /** The spans of a trace so far (none when the collector has not seen it). */
    public List<Span> spans(String traceId) {
        HttpResponse<String> response = get("api/traces/" + traceId);
        if (response.statusCode() == 404) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            for (JsonValue value : reader.readObject().getJsonArray("spans")) {
                JsonObject span = value.asJsonObject();
                Map<String, String> attributes = new TreeMap<>();
                JsonObject given = span.getJsonObject("attributes");
                if (given != null) {
                    given.forEach((key, attribute) -> attributes.put(key, given.getString(key)));
                }
                spans.add(new Span(span.getString("traceId"), span.getString("spanId"), span.getString("parentSpanId", ""),
                        span.getString("service"), span.getString("name"), span.getString("kind"), attributes));
            }
        }
        return spans;
    }

    /** The ids of the traces that carry this X-Request-Id (newest first). */
    public List<String> tracesOfRequest(String requestId) {
        HttpResponse<String> response = get("api/traces?requestId="
                + java.net.URLEncoder.encode(requestId, java.nio.charset.StandardCharsets.UTF_8));
        List<String> ids = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            for (JsonValue value : reader.readArray()) {
                ids.add(value.asJsonObject().getString("traceId"));
            }
        }
        return ids;
    }

    /** A GET against the collector's JSON API; 200 and 404 are answers, anything else a failure. */
    private HttpResponse<String> get(String path) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the trace collector at " + base + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            throw new IllegalStateException("trace collector answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** Waits until the trace's spans satisfy {@code complete}; fails with what arrived by then. */
    public List<Span> await(String traceId, Duration timeout, Predicate<List<Span>> complete) {
        Instant deadline = Instant.now().plus(timeout);
        List<Span> spans = List.of();
        while (Instant.now().isBefore(deadline)) {
            spans = spans(traceId);
            if (complete.test(spans)) {
                return spans;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        StringBuilder arrived = new StringBuilder();
        spans.forEach(s -> arrived.append("\n  ").append(s));
        throw new AssertionError("trace " + traceId + " incomplete after " + timeout + "; spans received:" + arrived);
    }

    /** Whether {@code span} descends from {@code ancestor}, following parent ids within the trace. */
    public static boolean descends(Span span, Span ancestor, List<Span> trace) {
        Span current = span;
        for (int hops = 0; hops <= trace.size() && current != null; hops++) {
            if (current.parentSpanId().equals(ancestor.spanId())) {
                return true;
            }
            String parent = current.parentSpanId();
            current = trace.stream().filter(s -> s.spanId().equals(parent)).findFirst().orElse(null);
        }
        return false;
    }

    /** The first span of {@code service} of that kind (SERVER, PRODUCER, CONSUMER ...), if any. */
    public static java.util.Optional<Span> first(List<Span> trace, String service, String kind) {
        return trace.stream().filter(s -> s.service().equals(service) && s.kind().equals(kind)).findFirst();
    }

    /** True if some span matches. */
    public static Predicate<List<Span>> has(Predicate<Span> span) {
        return spans -> spans.stream().anyMatch(span);
    }
}
