package org.kiezwerk.network.domain;

import java.time.LocalDate;
import java.util.UUID;

/** A cooperation tie between two organisations, asserted by one side and confirmable by the other. */
public record Tie(UUID id, UUID from, String fromName, UUID to, String toName, String kind, int strength, LocalDate since,
        LocalDate until, UUID assertedBy, boolean confirmed, long version) {

    /** A create under an Idempotency-Key: the tie, and whether it is the first answer to that key. */
    public record Created(Tie tie, boolean replayed, boolean keyReused) {
    }
}
