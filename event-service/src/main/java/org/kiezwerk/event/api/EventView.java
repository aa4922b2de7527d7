package org.kiezwerk.event.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.event.domain.EventCategory;
import org.kiezwerk.event.domain.EventQuery;
import org.kiezwerk.event.domain.EventStatus;
import org.kiezwerk.event.domain.SharedEvent;

@Schema(name = "Event", description = "A shared event. start and end (of the first occurrence) carry their offset; timeZone says where.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(
        UUID id, String title, String description, EventCategory category, EventStatus status, String timeZone,
        OffsetDateTime start, OffsetDateTime end,
        @Schema(description = "morning, afternoon or evening, by the local start.") String timeOfDay,
        EventDraft.RecurrenceBody recurrence,
        @Schema(description = "Local starts of single occurrences that were cancelled.",
                type = SchemaType.ARRAY, implementation = LocalDateTime.class)
        List<LocalDateTime> cancelledOccurrences,
        EventDraft.Venue venue, String neighbourhood, List<RoleView> partners, List<String> targetGroups, Integer ageMin,
        Integer ageMax, Integer capacity, EventDraft.Registration registration, EventDraft.Cost cost, boolean childcare,
        List<String> accessibility, List<String> languages, EventDraft.CoProductionBody coProduction, Integer attendance,
        String assessmentNote,
        @Schema(description = "iCalendar SEQUENCE: grows with every change.") int sequence,
        @Schema(description = "The ETag carries it.") long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    @Schema(name = "EventRoleView")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoleView(UUID partnerId, String partnerName, String role, String contribution) {
    }

    static EventView of(SharedEvent e, Map<UUID, String> names) {
        EventDraft d = EventDraft.of(e);
        return new EventView(e.id, e.title, e.description, e.category, e.status, e.timeZone,
                e.start.atZone(e.zone()).toOffsetDateTime(), e.end.atZone(e.zone()).toOffsetDateTime(),
                EventQuery.TimeOfDay.of(e.start.toLocalTime()).name().toLowerCase(), d.recurrence(),
                e.cancellations.stream().map(c -> c.occurrence).sorted().toList(), d.venue(), e.neighbourhood,
                e.partners.stream().map(p -> new RoleView(p.partnerId, names.get(p.partnerId), p.role.name().toLowerCase(),
                        p.contribution)).toList(),
                List.copyOf(e.targetGroups), e.ageMin, e.ageMax, e.capacity, d.registration(), d.cost(), e.childcare,
                List.copyOf(e.accessibility), List.copyOf(e.languages), d.coProduction(), e.attendance, e.assessmentNote,
                e.sequence, e.version, e.createdAt, e.updatedAt);
    }
}
