package org.kiezwerk.event.api;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Occurrence", description = "One occurrence of an event in the searched window, with its event.")
public record OccurrenceView(UUID eventId, OffsetDateTime start, OffsetDateTime end,
        @Schema(description = "This occurrence (or the whole event) is cancelled.") boolean cancelled, EventView event) {
}
