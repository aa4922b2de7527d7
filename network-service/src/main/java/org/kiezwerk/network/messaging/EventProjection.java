package org.kiezwerk.network.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.kiezwerk.network.service.SharedEvents;

/**
 * Projects {@code kiezwerk.events.v1} into SharedEvent nodes, hosting and involvement ties and the
 * derived co-production ties between organisations; in partition order, idempotent by version. It takes
 * what one poll brings like the partner projection ({@link Projector#projectBatch}: dead letters one by one,
 * outages waited out), but writes each event in a transaction of its own: events are few, and each
 * rewrites the co-production ties of its partners.
 */
@ApplicationScoped
public class EventProjection {

    private static final Logger LOG = Logger.getLogger(EventProjection.class);
    static final String REMOVED = "org.kiezwerk.event.removed.v1";

    @Inject
    Projector projector;

    @Inject
    SharedEvents events;

    @Incoming("events")
    @Blocking(ordered = true)
    public CompletionStage<Void> project(KafkaRecordBatch<String, String> batch) {
        return projector.projectBatch(batch, EventMessage.class, EventMessage::check, "kiezwerk.events.v1 project", messages -> {
            // already written ones are written again if a later one fails: the version check makes that harmless
            for (Projector.Read<EventMessage> read : messages) {
                EventMessage event = read.message();
                String type = Projector.header(read.record(), "ce_type");
                boolean applied = REMOVED.equals(type) ? events.eventRemoved(event.id(), event.version())
                        : events.eventChanged(event.sharedEvent());
                LOG.debugf("event %s v%d (%s): %s", event.id(), event.version(), type, applied ? "applied" : "already known");
            }
        });
    }
}
