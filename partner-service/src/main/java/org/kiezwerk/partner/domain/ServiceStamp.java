package org.kiezwerk.partner.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A service (offer) by its id and when it last changed: what a harvester polls for (HSDS {@code minimal=true}). */
public record ServiceStamp(UUID id, OffsetDateTime updatedAt) {
}
