package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.kiezwerk.network.service.NetworkService;

/**
 * Projects {@code kiezwerk.events.v1} into SharedEvent nodes, hosting and involvement ties and the
 * derived co-production ties between organisations; in partition order, idempotent by version.
 * Unreadable messages go to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class EventProjection {

    private static final Logger LOG = Logger.getLogger(EventProjection.class);
    static final String REMOVED = "org.kiezwerk.event.removed.v1";

    @Inject
    ObjectMapper json;

    @Inject
    NetworkService network;

    @Inject
    GraphOutageRetry retry;

    @Inject
    ProjectionMetrics metrics;

    @Incoming("events")
    @Blocking(ordered = true)
    // the connector's receive span ends at once; this one covers the work, and fails with it
    @io.opentelemetry.instrumentation.annotations.WithSpan("kiezwerk.events.v1 project")
    public void project(ConsumerRecord<String, String> record) throws JsonProcessingException {
        String requestId = header(record, "X-Request-Id");
        if (requestId != null) {
            org.jboss.logging.MDC.put("requestId", requestId); // the log lines of this message name the request it came from
        }
        try {
            apply(record);
            metrics.projected(record);
        } catch (JsonProcessingException | RuntimeException e) {
            metrics.deadLettered(record, e); // the connector moves it to the dead-letter topic
            throw e;
        } finally {
            org.jboss.logging.MDC.remove("requestId");
        }
    }

    private void apply(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            return; // the tombstone after a removal
        }
        EventMessage event = json.readValue(record.value(), EventMessage.class);
        event.check(record.key());
        String type = header(record, "ce_type");
        boolean applied = retry.whileGraphIsBack(() -> REMOVED.equals(type)
                ? network.eventRemoved(event.id(), event.version()) : network.eventChanged(event));
        LOG.debugf("event %s v%d (%s): %s", event.id(), event.version(), type, applied ? "applied" : "already known");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
