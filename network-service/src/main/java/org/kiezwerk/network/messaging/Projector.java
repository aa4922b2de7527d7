package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.MDC;

/**
 * What projecting a message into the graph means on every topic the network reads: the log lines name the
 * request the message came from, the lag is measured, a tombstone is skipped (the removal message before it
 * did the work), and a message that cannot be read or applied is counted and thrown, so that the connector
 * moves it to the dead-letter topic and the stream goes on.
 */
@ApplicationScoped
public class Projector {

    /** Writes one read and checked message to the graph. */
    @FunctionalInterface
    public interface Step<M> {
        void apply(M message, ConsumerRecord<String, String> record);
    }

    @Inject
    ObjectMapper json;

    @Inject
    ProjectionMetrics metrics;

    /** @param check throws if the message (with the record's key) is not one the graph can take */
    public <M> void project(ConsumerRecord<String, String> record, Class<M> type, BiConsumer<M, String> check, Step<M> step)
            throws JsonProcessingException {
        String requestId = header(record, "X-Request-Id");
        if (requestId != null) {
            MDC.put("requestId", requestId);
        }
        try {
            if (record.value() != null) {
                M message = json.readValue(record.value(), type);
                check.accept(message, record.key());
                step.apply(message, record);
            }
            metrics.projected(record);
        } catch (JsonProcessingException | RuntimeException e) {
            metrics.deadLettered(record, e); // the connector moves it to the dead-letter topic
            throw e;
        } finally {
            MDC.remove("requestId");
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
