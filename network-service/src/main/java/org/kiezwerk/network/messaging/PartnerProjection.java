package org.kiezwerk.network.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.kiezwerk.network.domain.PartnerChange;
import org.kiezwerk.network.service.Organisations;

/**
 * Projects {@code kiezwerk.partners.v1} into Organisation nodes: what one poll brings, in partition order,
 * in one graph transaction ({@link Projector#projectBatch}). Idempotent: the graph keeps each
 * organisation's version and ignores anything not newer. A message that cannot be read or applied goes
 * to the dead-letter topic on its own, with the reason; the stream goes on.
 */
@ApplicationScoped
public class PartnerProjection {

    private static final Logger LOG = Logger.getLogger(PartnerProjection.class);
    static final String REMOVED = "org.kiezwerk.partner.removed.v1";

    @Inject
    Projector projector;

    @Inject
    Organisations organisations;

    @Incoming("partners")
    @Blocking(ordered = true)
    public CompletionStage<Void> project(KafkaRecordBatch<String, String> batch) {
        return projector.projectBatch(batch, PartnerMessage.class, PartnerMessage::check, "kiezwerk.partners.v1 project",
                messages -> {
                    List<PartnerChange> changes = messages.stream().map(m -> m.message().change(
                            REMOVED.equals(Projector.header(m.record(), "ce_type")), Projector.header(m.record(), "ce_id")))
                            .toList();
                    int applied = organisations.partnersChanged(changes);
                    LOG.debugf("%d partner messages: %d applied, the others already known", changes.size(), applied);
                });
    }
}
