package org.kiezwerk.event.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.kiezwerk.commons.outbox.OutboxRepository;
import org.kiezwerk.event.domain.SharedEvent;

import org.kiezwerk.event.service.EventAnnouncements;

/** Announces changes of events as EventMessages through the outbox (Debezium publishes them). */
@ApplicationScoped
public class EventAnnouncer implements EventAnnouncements {

    @Inject
    OutboxRepository outbox;

    @Override
    public void announce(SharedEvent event, Happened happened, String requestId) {
        String type = switch (happened) {
            case SCHEDULED -> EventMessage.SCHEDULED;
            case UPDATED -> EventMessage.UPDATED;
            case CANCELLED -> EventMessage.CANCELLED;
            case COPRODUCTION_RECORDED -> EventMessage.COPRODUCTION_RECORDED;
        };
        outbox.add("event", event.id, type, EventMessage.of(event), requestId);
    }

    @Override
    public void announceRemoval(SharedEvent event, String requestId) {
        outbox.add("event", event.id, EventMessage.REMOVED, EventMessage.of(event), requestId);
        outbox.addTombstone("event", event.id, requestId);
    }
}
