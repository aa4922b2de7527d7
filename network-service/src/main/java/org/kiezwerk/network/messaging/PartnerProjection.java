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
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.kiezwerk.network.config.GraphConfig;
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
    GraphConfig graph;

    @Incoming("partners")
    @Blocking(ordered = true)
    public void project(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            return; // a tombstone after a removal: the removal message already did the work
        }
        PartnerMessage partner = json.readValue(record.value(), PartnerMessage.class);
        partner.check(record.key());
        String type = header(record, "ce_type");
        String eventId = header(record, "ce_id");
        boolean applied = whileGraphIsBack(() -> REMOVED.equals(type)
                ? network.partnerRemoved(partner.id(), partner.version())
                : network.partnerChanged(partner.id(), partner.name(), partner.kind(), partner.neighbourhood(),
                        partner.version(), eventId));
        LOG.debugf("partner %s v%d (%s, event %s): %s", partner.id(), partner.version(), type, eventId,
                applied ? "applied" : "already known");
    }

    /**
     * A readable message must not end up in the dead-letter topic because Neo4j restarts: transient
     * failures are retried (the partition waits, keeping order) for up to {@code kiezwerk.graph.outage-retry}.
     */
    private boolean whileGraphIsBack(java.util.function.BooleanSupplier write) {
        long deadline = System.nanoTime() + graph.outageRetry().toNanos();
        long pauseMillis = 200;
        while (true) {
            try {
                return write.getAsBoolean();
            } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("graph not available (%s); retrying in %d ms", e.getMessage(), pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
