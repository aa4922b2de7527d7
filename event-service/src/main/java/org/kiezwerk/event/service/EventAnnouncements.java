package org.kiezwerk.event.service;

import org.kiezwerk.event.domain.SharedEvent;

/**
 * Where the use cases announce what happened to an event, in the transaction of the change. The
 * messaging room implements it (the message and the outbox are its business), so use cases and
 * consumers do not depend on each other both ways.
 */
public interface EventAnnouncements {

    /** What happened; each is one message type on {@code kiezwerk.events.v1}. */
    enum Happened { SCHEDULED, UPDATED, CANCELLED, COPRODUCTION_RECORDED }

    void announce(SharedEvent event, Happened happened, String requestId);

    /** The event's last state, then a tombstone so that compaction forgets it. */
    void announceRemoval(SharedEvent event, String requestId);
}
