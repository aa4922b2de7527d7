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
 * Projects {@code kiezwerk.partners.v1} into Organisation nodes, one message at a time in partition
 * order. Idempotent: the graph keeps each organisation's version and ignores anything not newer. A
 * message that cannot be read throws, and the connector moves it to the dead-letter topic with the
 * reason; the stream goes on.
 */
@ApplicationScoped
public class PartnerProjection {

    private static final Logger LOG = Logger.getLogger(PartnerProjection.class);
    static final String REMOVED = "org.kiezwerk.partner.removed.v1";

    @Inject
    ObjectMapper json;

    @Inject
    NetworkService network;

    @Inject
    GraphOutageRetry retry;

    @Inject
    ProjectionMetrics metrics;

    @Incoming("partners")
    @Blocking(ordered = true)
    // the connector's receive span ends at once; this one covers the work, and fails with it
    @io.opentelemetry.instrumentation.annotations.WithSpan("kiezwerk.partners.v1 project")
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
            return; // a tombstone after a removal: the removal message already did the work
        }
        PartnerMessage partner = json.readValue(record.value(), PartnerMessage.class);
        partner.check(record.key());
        String type = header(record, "ce_type");
        String eventId = header(record, "ce_id");
        boolean applied = retry.whileGraphIsBack(() -> REMOVED.equals(type)
                ? network.partnerRemoved(partner.id(), partner.version())
                : network.partnerChanged(partner.id(), partner.name(), partner.kind(), partner.neighbourhood(),
                        partner.areaCodes(), partner.profile(), partner.version(), eventId));
        LOG.debugf("partner %s v%d (%s, event %s): %s", partner.id(), partner.version(), type, eventId,
                applied ? "applied" : "already known");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
