package org.kiezwerk.network.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An organisation in the actor graph, as projected from the partner directory. */
public record Organisation(
        UUID id,
        String name,
        String kind,
        String neighbourhood,
        long version,
        OffsetDateTime projectedAt) {
}
