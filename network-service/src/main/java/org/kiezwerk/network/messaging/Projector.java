package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.MDC;
import org.kiezwerk.commons.messaging.OutageRetry;

/**
 * What projecting messages into the graph means on every topic the network reads: the lag is measured, a
 * tombstone is skipped (the removal message before it did the work), a message that cannot be read or
 * applied is counted and goes to the dead-letter topic through the channel's failure strategy, alone, and
 * the stream goes on; the log lines of a message written on its own name the request it came from.
 */
@ApplicationScoped
public class Projector {

    /** Writes read and checked messages to the graph, all in one transaction. */
    @FunctionalInterface
    public interface BatchStep<M> {
        void apply(List<Read<M>> messages);
    }

    /** A message read from its record. */
    public record Read<M>(M message, ConsumerRecord<String, String> record) {
    }

    /** A readable message of a batch, with the span of its work. */
    private record Pending<M>(Read<M> read, KafkaRecord<String, String> kafkaRecord, Span span) {
    }

    @Inject
    ObjectMapper json;

    @Inject
    Tracer tracer;

    @Inject
    GraphOutageRetry retry;

    @Inject
    ProjectionMetrics metrics;

    /**
     * Projects what one poll of the topic brought, in one graph transaction: one commit for many messages
     * keeps the graph's pace with the directory's (one transaction per message held it to about 100 a
     * second). What cannot be read goes to the dead-letter topic on its own; if the transaction fails for
     * another reason than an outage, the readable messages are written one at a time, so that only the
     * one that cannot be applied is dead-lettered. An outage is waited out, the partitions standing
     * still, never dead-lettered. Each message keeps a work span under its own receive span.
     */
    public <M> CompletionStage<Void> projectBatch(KafkaRecordBatch<String, String> batch, Class<M> type,
            BiConsumer<M, String> check, String spanName, BatchStep<M> step) {
        List<Pending<M>> readable = new ArrayList<>();
        for (KafkaRecord<String, String> kafkaRecord : batch.getRecords()) {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, String> record = kafkaRecord.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> (ConsumerRecord<String, String>) m.getRecord()).orElseThrow();
            Span span = tracer.spanBuilder(spanName).setParent(TracingMetadata.fromMessage(kafkaRecord)
                    .map(TracingMetadata::getCurrentContext).orElse(Context.root())).startSpan();
            if (record.value() == null) { // a tombstone: the removal message before it did the work
                done(record, span);
                continue;
            }
            try {
                M message = json.readValue(record.value(), type);
                check.accept(message, record.key());
                readable.add(new Pending<>(new Read<>(message, record), kafkaRecord, span));
            } catch (JsonProcessingException | RuntimeException e) {
                deadLetter(kafkaRecord, record, span, e);
            }
        }
        try {
            write(readable, step);
        } catch (OutageRetry.Stopped stopped) {
            // the service stops while the graph is away: nothing is acknowledged, the messages are read again
            return new CompletableFuture<>();
        }
        return batch.ack();
    }

    private <M> void write(List<Pending<M>> readable, BatchStep<M> step) {
        if (readable.isEmpty()) {
            return;
        }
        try {
            retry.untilGraphIsBack(() -> step.apply(readable.stream().map(Pending::read).toList()));
            readable.forEach(p -> done(p.read().record(), p.span()));
            return;
        } catch (OutageRetry.Stopped stopped) {
            readable.forEach(p -> p.span().end());
            throw stopped;
        } catch (RuntimeException batchFailed) {
            if (readable.size() == 1) {
                Pending<M> only = readable.get(0);
                deadLetter(only.kafkaRecord(), only.read().record(), only.span(), batchFailed);
                return;
            }
        }
        for (int i = 0; i < readable.size(); i++) {
            Pending<M> one = readable.get(i);
            String requestId = header(one.read().record(), "X-Request-Id");
            if (requestId != null) {
                MDC.put("requestId", requestId);
            }
            try {
                retry.untilGraphIsBack(() -> step.apply(List.of(one.read())));
                done(one.read().record(), one.span());
            } catch (OutageRetry.Stopped stopped) {
                readable.subList(i, readable.size()).forEach(p -> p.span().end()); // the earlier ones have ended
                throw stopped;
            } catch (RuntimeException e) {
                deadLetter(one.kafkaRecord(), one.read().record(), one.span(), e);
            } finally {
                MDC.remove("requestId");
            }
        }
    }

    private void done(ConsumerRecord<String, String> record, Span span) {
        metrics.projected(record);
        span.end();
    }

    /** Through the channel's own failure strategy: the dead-letter topic, with the reason; waits until it is there. */
    private void deadLetter(KafkaRecord<String, String> kafkaRecord, ConsumerRecord<String, String> record, Span span,
            Exception reason) {
        metrics.deadLettered(record, reason);
        span.recordException(reason);
        span.setStatus(StatusCode.ERROR, reason.getMessage());
        span.end();
        kafkaRecord.nack(reason).toCompletableFuture().join();
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
