package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.kiezwerk.network.service.Organisations;

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
    Projector projector;

    @Inject
    Organisations organisations;

    @Inject
    GraphOutageRetry retry;

    @Incoming("partners")
    @Blocking(ordered = true)
    // the connector's receive span ends at once; this one covers the work, and fails with it
    @WithSpan("kiezwerk.partners.v1 project")
    public void project(ConsumerRecord<String, String> record) throws JsonProcessingException {
        projector.project(record, PartnerMessage.class, PartnerMessage::check, (partner, r) -> {
            String type = Projector.header(r, "ce_type");
            String eventId = Projector.header(r, "ce_id");
            boolean applied = retry.whileGraphIsBack(() -> REMOVED.equals(type)
                    ? organisations.partnerRemoved(partner.id(), partner.version())
                    : organisations.partnerChanged(partner.id(), partner.name(), partner.kind(), partner.neighbourhood(),
                            partner.areaCodes(), partner.profile(), partner.version(), eventId));
            LOG.debugf("partner %s v%d (%s, event %s): %s", partner.id(), partner.version(), type, eventId,
                    applied ? "applied" : "already known");
        });
    }
}
