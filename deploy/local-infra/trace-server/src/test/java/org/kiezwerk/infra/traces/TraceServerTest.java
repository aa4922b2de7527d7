package org.kiezwerk.infra.traces;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceServerTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private TraceServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void keepsExportedSpansByTraceWithServiceAndParent() throws Exception {
        start(100);
        assertEquals(200, export(request(
                resource("gateway", span(TRACE, "00f067aa0ba902b7", "", "POST /api/v1/partners", Span.SpanKind.SPAN_KIND_SERVER, 1_000, 9_000)),
                resource("partner-service", span(TRACE, "b7ad6b7169203331", "00f067aa0ba902b7", "POST /api/v1/partners",
                        Span.SpanKind.SPAN_KIND_SERVER, 2_000, 8_000).toBuilder()
                        .addAttributes(attribute("kiezwerk.request_id", "req-42")).build()))).statusCode());

        HttpResponse<String> answer = get("/api/traces/" + TRACE.toUpperCase());
        assertEquals(200, answer.statusCode());
        JsonArray spans = JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonArray("spans");
        assertEquals(2, spans.size());
        JsonObject first = spans.get(0).getAsJsonObject();
        JsonObject second = spans.get(1).getAsJsonObject();
        assertEquals("gateway", first.get("service").getAsString());
        assertEquals("SERVER", first.get("kind").getAsString());
        assertEquals("partner-service", second.get("service").getAsString());
        assertEquals("00f067aa0ba902b7", second.get("parentSpanId").getAsString());
        assertEquals("POST", second.getAsJsonObject("attributes").get("http.request.method").getAsString());

        JsonArray recent = JsonParser.parseString(get("/api/traces?service=partner-service").body()).getAsJsonArray();
        assertEquals(1, recent.size());
        assertEquals("gateway", recent.get(0).getAsJsonObject().get("rootService").getAsString());
        assertTrue(get("/trace/" + TRACE).body().contains("partner-service"), "the waterfall page names the service");
        JsonArray byRequest = JsonParser.parseString(get("/api/traces?requestId=req-42").body()).getAsJsonArray();
        assertEquals(1, byRequest.size(), "found by the request id the service put on its span");
        assertEquals(TRACE, byRequest.get(0).getAsJsonObject().get("traceId").getAsString());
        assertEquals(0, JsonParser.parseString(get("/api/traces?requestId=req-43").body()).getAsJsonArray().size());
        assertTrue(get("/?requestId=req-42").body().contains(TRACE), "the list page finds it too");
        HttpResponse<String> unknown = get("/api/traces/" + OTHER_TRACE);
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> malformed = get("/api/traces/not-a-trace");
        assertEquals(400, malformed.statusCode());
        assertEquals(400, JsonParser.parseString(malformed.body()).getAsJsonObject().get("status").getAsInt());
    }

    @Test
    void refusesWhatIsNotAnOtlpProtobufExport() throws Exception {
        start(100);
        assertEquals(415, HTTP.send(HttpRequest.newBuilder(uri("/v1/traces")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(400, HTTP.send(HttpRequest.newBuilder(uri("/v1/traces")).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x01, 0x02}))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void keepsTheNewestTracesAndReadsTheFileBackAfterARestart() throws Exception {
        start(2);
        export(request(resource("gateway", span(OTHER_TRACE, "00f067aa0ba902b7", "", "old", Span.SpanKind.SPAN_KIND_SERVER, 1, 2))));
        export(request(resource("gateway", span(TRACE, "00f067aa0ba902b8", "", "new", Span.SpanKind.SPAN_KIND_SERVER, 3, 4),
                span(TRACE, "00f067aa0ba902b9", "00f067aa0ba902b8", "new child", Span.SpanKind.SPAN_KIND_CLIENT, 3, 4))));
        assertEquals(404, get("/api/traces/" + OTHER_TRACE).statusCode(), "the oldest trace made room");
        server.stop();

        start(10);
        assertEquals(200, get("/api/traces/" + TRACE).statusCode(), "read back from traces.jsonl");
        assertEquals(200, get("/api/traces/" + OTHER_TRACE).statusCode(), "the file keeps what memory dropped");
    }

    private void start(int maxSpans) throws Exception {
        server = new TraceServer(new TraceStore(dataDir, maxSpans, 1024 * 1024), 0);
        server.start();
    }

    private HttpResponse<String> export(ExportTraceServiceRequest request) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/traces")).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static ExportTraceServiceRequest request(ResourceSpans... resources) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (ResourceSpans resource : resources) {
            request.addResourceSpans(resource);
        }
        return request.build();
    }

    private static ResourceSpans resource(String service, Span... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (Span span : spans) {
            scope.addSpans(span);
        }
        return ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                .addScopeSpans(scope).build();
    }

    private static Span span(String traceId, String spanId, String parent, String name, Span.SpanKind kind, long start, long end) {
        return Span.newBuilder().setTraceId(bytes(traceId)).setSpanId(bytes(spanId)).setParentSpanId(bytes(parent))
                .setName(name).setKind(kind).setStartTimeUnixNano(start).setEndTimeUnixNano(end)
                .addAttributes(attribute("http.request.method", "POST")).build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }
}
