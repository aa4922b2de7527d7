package org.kiezwerk.event.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.event.service.EndedEvents;

@Schema(name = "EndedEvent", description = "An event that ended but whose record was never closed: nobody confirmed that it took"
        + " place, or its attendance was never recorded. Close it with PATCH /api/v1/events/{id} (status confirmed, attendance).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndedEventView(
        @Schema(description = "The event; read or change it at /api/v1/events/{id}.") UUID id,
        String title,
        @Schema(description = "The event's area code.") String neighbourhood,
        @Schema(description = "Its status as recorded: planned, postponed or confirmed (never cancelled).",
                enumeration = {"planned", "postponed", "confirmed"}) String status,
        @Schema(description = "When its last occurrence ended.") OffsetDateTime lastEnd,
        @Schema(description = "What is missing: status (still planned or postponed, so nobody confirmed it took place),"
                + " attendance (no count of who came). Never empty.", type = SchemaType.ARRAY,
                implementation = String.class, enumeration = {"status", "attendance"}) List<String> needs,
        @Schema(description = "Who hosts and co-hosts it: whom to ask.") List<HostView> hosts) {

    @Schema(name = "EndedEventHost")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HostView(UUID partnerId,
            @Schema(description = "The partner's name as the directory last announced it.") String partnerName,
            @Schema(enumeration = {"host", "co_host"}) String role) {
    }

    static EndedEventView of(EndedEvents.Entry e) {
        return new EndedEventView(e.id(), e.title(), e.neighbourhood(), e.status(), e.lastEnd(), e.needs(),
                e.hosts().stream().map(h -> new HostView(h.partnerId(), h.partnerName(), h.role())).toList());
    }
}
