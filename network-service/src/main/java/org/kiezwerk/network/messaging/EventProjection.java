package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.kiezwerk.network.service.SharedEvents;

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
    Projector projector;

    @Inject
    SharedEvents events;

    @Inject
    GraphOutageRetry retry;

    @Incoming("events")
    @Blocking(ordered = true)
    // the connector's receive span ends at once; this one covers the work, and fails with it
    @WithSpan("kiezwerk.events.v1 project")
    public void project(ConsumerRecord<String, String> record) throws JsonProcessingException {
        projector.project(record, EventMessage.class, EventMessage::check, (event, r) -> {
            String type = Projector.header(r, "ce_type");
            boolean applied = retry.whileGraphIsBack(() -> REMOVED.equals(type)
                    ? events.eventRemoved(event.id(), event.version()) : events.eventChanged(event.sharedEvent()));
            LOG.debugf("event %s v%d (%s): %s", event.id(), event.version(), type, applied ? "applied" : "already known");
        });
    }
}
