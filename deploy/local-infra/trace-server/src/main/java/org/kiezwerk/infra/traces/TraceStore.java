package org.kiezwerk.infra.traces;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import com.google.protobuf.ByteString;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The spans received, grouped by trace: the newest traces in memory (bounded), every span also as
 * one JSON line in {@code traces.jsonl}, which survives a restart and is read back on start.
 */
public final class TraceStore {

    /** One finished span, as the services reported it. Ids are lower-case hex as in W3C traceparent. */
    public record Span(String traceId, String spanId, String parentSpanId, String service, String name, String kind,
            long startEpochNanos, long endEpochNanos, String status, String statusMessage, Map<String, String> attributes) {

        public double durationMillis() {
            return (endEpochNanos - startEpochNanos) / 1_000_000.0;
        }
    }

    /** What a list of traces shows per trace. */
    public record TraceSummary(String traceId, String rootService, String rootName, List<String> services, int spans,
            long startEpochNanos, double durationMillis, boolean failed) {
    }

    static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final HexFormat HEX = HexFormat.of();

    private final int maxSpans;
    private final Path file;
    private final long maxFileBytes;
    private final LinkedHashMap<String, List<Span>> traces = new LinkedHashMap<>();
    private int spanCount;

    public TraceStore(Path dataDir, int maxSpans, long maxFileBytes) {
        this.maxSpans = maxSpans;
        this.maxFileBytes = maxFileBytes;
        this.file = dataDir.resolve("traces.jsonl");
        reload();
    }

    /** Takes what an OTLP export carries; returns how many spans it held. */
    public synchronized int add(ExportTraceServiceRequest request) {
        List<Span> received = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = attributes(resourceSpans.getResource().getAttributesList())
                    .getOrDefault("service.name", "unknown");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
                    received.add(compact(new Span(hex(span.getTraceId()), hex(span.getSpanId()), hex(span.getParentSpanId()),
                            service, span.getName(), kind(span.getKind()), span.getStartTimeUnixNano(),
                            span.getEndTimeUnixNano(), status(span.getStatus()), span.getStatus().getMessage(),
                            attributes(span.getAttributesList()))));
                }
            }
        }
        for (Span span : received) {
            remember(span);
        }
        append(received);
        return received.size();
    }

    public synchronized Optional<List<Span>> trace(String traceId) {
        List<Span> spans = traces.get(traceId.toLowerCase(java.util.Locale.ROOT));
        if (spans == null) {
            return Optional.empty();
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(Span::startEpochNanos));
        return Optional.of(sorted);
    }

    /** The span attribute the services put a request's X-Request-Id in. */
    public static final String REQUEST_ID = "kiezwerk.request_id";

    /**
     * The newest traces first; only those with a span of {@code service}, and only those of the
     * request {@code requestId} (its X-Request-Id), when given.
     */
    public synchronized List<TraceSummary> recent(String service, String requestId, int limit) {
        List<TraceSummary> result = new ArrayList<>();
        List<List<Span>> all = new ArrayList<>(traces.values());
        for (int i = all.size() - 1; i >= 0 && result.size() < limit; i--) {
            List<Span> spans = all.get(i);
            if ((service == null || spans.stream().anyMatch(s -> s.service().equals(service)))
                    && (requestId == null || spans.stream().anyMatch(s -> requestId.equals(s.attributes().get(REQUEST_ID))))) {
                result.add(summary(spans));
            }
        }
        return result;
    }

    static TraceSummary summary(List<Span> spans) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        // the root: a span whose parent is not here (the caller's own span, or none), earliest first
        Span root = spans.stream().filter(s -> s.parentSpanId().isEmpty() || !ids.contains(s.parentSpanId()))
                .min(Comparator.comparingLong(Span::startEpochNanos))
                .orElse(spans.get(0));
        long start = spans.stream().mapToLong(Span::startEpochNanos).min().orElse(0);
        long end = spans.stream().mapToLong(Span::endEpochNanos).max().orElse(start);
        return new TraceSummary(root.traceId(), root.service(), root.name(),
                List.copyOf(new TreeSet<>(spans.stream().map(Span::service).toList())), spans.size(), start,
                (end - start) / 1_000_000.0, spans.stream().anyMatch(s -> "ERROR".equals(s.status())));
    }

    private void remember(Span span) {
        traces.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
        spanCount++;
        Iterator<List<Span>> oldest = traces.values().iterator();
        while (spanCount > maxSpans && oldest.hasNext()) {
            spanCount -= oldest.next().size();
            oldest.remove();
        }
    }

    private void append(List<Span> spans) {
        if (spans.isEmpty()) {
            return;
        }
        try {
            if (Files.exists(file) && Files.size(file) > maxFileBytes) {
                // one older file is kept; the in-memory view is unaffected
                Files.move(file, file.resolveSibling("traces.jsonl.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                for (Span span : spans) {
                    out.write(JSON.toJson(span));
                    out.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void reload() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                try {
                    remember(compact(JSON.fromJson(line, Span.class)));
                } catch (RuntimeException e) {
                    // a line cut short by a crash: skip it
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One shared copy of what repeats (names, kinds, attribute keys and small values such as methods and routes). */
    private static Span compact(Span span) {
        Map<String, String> attributes = new TreeMap<>();
        span.attributes().forEach((key, value) -> attributes.put(key.intern(), value.length() <= 64 ? value.intern() : value));
        return new Span(span.traceId(), span.spanId(), span.parentSpanId(), span.service().intern(), span.name().intern(),
                span.kind().intern(), span.startEpochNanos(), span.endEpochNanos(), span.status().intern(),
                span.statusMessage().intern(), attributes);
    }

    private static String hex(ByteString id) {
        return id.isEmpty() ? "" : HEX.formatHex(id.toByteArray());
    }

    private static String kind(io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_SERVER -> "SERVER";
            case SPAN_KIND_CLIENT -> "CLIENT";
            case SPAN_KIND_PRODUCER -> "PRODUCER";
            case SPAN_KIND_CONSUMER -> "CONSUMER";
            default -> "INTERNAL";
        };
    }

    private static String status(Status status) {
        return switch (status.getCode()) {
            case STATUS_CODE_ERROR -> "ERROR";
            case STATUS_CODE_OK -> "OK";
            default -> "UNSET";
        };
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> result = new TreeMap<>();
        for (KeyValue keyValue : keyValues) {
            result.put(keyValue.getKey(), text(keyValue.getValue()));
        }
        return result;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(TraceStore::text).toList().toString();
            default -> value.toString().trim();
        };
    }

    static Map<String, Object> asJson(String traceId, List<Span> spans) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("traceId", traceId);
        body.put("spans", spans);
        return body;
    }
}
