package org.kiezwerk.partner.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.infra.LocalInfraTestResource;
import org.kiezwerk.infra.LocalTraces;
import org.kiezwerk.infra.LocalTraces.Span;
import org.kiezwerk.infra.LocalTraces.TraceParent;
import org.kiezwerk.infra.TopicReader;

/**
 * A write is one trace from the HTTP request through the outbox into Kafka: the row keeps the
 * request's traceparent, the outbox connector puts it on the record as its traceparent header. The spans are
 * read back from the local trace collector the services export to.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "servers", value = "postgres,kafka"))
class TracingIT {

    static final Fixtures AREAS = new Fixtures();
    static boolean built;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final LocalTraces traces = LocalTraces.fromEnvironment();

    @BeforeEach
    void areas() {
        if (!built) {
            AREAS.build();
            built = true;
        }
    }

    @Test
    void aCallersTraceRunsThroughTheOutboxIntoTheKafkaRecord() {
        TraceParent caller = LocalTraces.newTraceParent();
        try (KafkaConsumer<String, String> consumer = TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.partners.v1")) {
            String requestId = "trace-it-" + UUID.randomUUID();
            String id = given().contentType(ContentType.JSON).header("traceparent", caller.header()).header("X-Request-Id", requestId)
                    .body(AREAS.partner("Nachbarschaftshaus " + UUID.randomUUID(), "community_centre"))
                    .when().post("/api/v1/partners")
                    .then().statusCode(201).extract().path("id");

            ConsumerRecord<String, String> record = awaitRecord(consumer, id);
            TraceParent published = TraceParent.parse(TopicReader.header(record, "traceparent"));
            assertEquals(caller.traceId(), published.traceId(), "the record continues the caller's trace");
            assertNotEquals(caller.spanId(), published.spanId(), "it names the service's span that wrote the row, not the caller's");

            List<Span> spans = traces.await(caller.traceId(), Duration.ofSeconds(30), spans1 ->
                    spans1.stream().anyMatch(s -> s.spanId().equals(published.spanId()))
                            && spans1.stream().anyMatch(s -> "SERVER".equals(s.kind())));
            Span request = spans.stream().filter(s -> "SERVER".equals(s.kind())).findFirst().orElseThrow();
            assertEquals("partner-service", request.service());
            assertEquals(caller.spanId(), request.parentSpanId(), "the request span is the caller's child");
            assertEquals("POST", request.attributes().get("http.request.method"));
            assertEquals(requestId, request.attributes().get("kiezwerk.request_id"), "the request id leads to the trace");
            assertEquals(List.of(caller.traceId()), traces.tracesOfRequest(requestId));
            // the outbox connector publishes the traceparent the row kept: the span of the request that wrote it
            Span writer = spans.stream().filter(s -> s.spanId().equals(published.spanId())).findFirst().orElseThrow();
            assertEquals("partner-service", writer.service());
            assertTrue(writer.spanId().equals(request.spanId()) || LocalTraces.descends(writer, request, spans),
                    "the record's parent is the request or hangs under it: " + spans);
        }
    }

    @Test
    void aRequestWithoutTraceStartsOneOfItsOwn() {
        try (KafkaConsumer<String, String> consumer = TopicReader.consumerAtEnd(bootstrapServers, "kiezwerk.partners.v1")) {
            String id = given().contentType(ContentType.JSON)
                    .body(AREAS.partner("Stadtteilladen " + UUID.randomUUID(), "association"))
                    .when().post("/api/v1/partners")
                    .then().statusCode(201).extract().path("id");
            TraceParent published = TraceParent.parse(TopicReader.header(awaitRecord(consumer, id), "traceparent"));
            List<Span> spans = traces.await(published.traceId(), Duration.ofSeconds(30),
                    LocalTraces.has(s -> "SERVER".equals(s.kind()) && "partner-service".equals(s.service())));
            Span request = spans.stream().filter(s -> "SERVER".equals(s.kind())).findFirst().orElseThrow();
            assertEquals("", request.parentSpanId(), "the service's own request span is the root");
        }
    }

    private static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer, String key) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        throw new AssertionError("no record for partner " + key + " on kiezwerk.partners.v1");
    }
}
