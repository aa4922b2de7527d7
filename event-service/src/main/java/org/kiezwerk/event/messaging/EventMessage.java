package org.kiezwerk.event.messaging;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.event.domain.CoProduction;
import org.kiezwerk.event.domain.SharedEvent;

/**
 * The value of a message on {@code kiezwerk.events.v1}: the event's full current state and version
 * (schema in docs/schemas/event-message.v1.schema.json). network-service turns hosts and
 * co-production into ties.
 */
public record EventMessage(
        UUID id,
        String title,
        String category,
        String status,
        String timeZone,
        LocalDateTime start,
        LocalDateTime end,
        String rrule,
        List<LocalDateTime> exdates,
        List<LocalDateTime> cancelledOccurrences,
        OffsetDateTime firstStart,
        OffsetDateTime lastEnd,
        String neighbourhood,
        UUID venuePartnerId,
        List<Role> partners,
        List<String> targetGroups,
        Integer ageMin,
        Integer ageMax,
        String costKind,
        BigDecimal costAmount,
        boolean childcare,
        List<String> accessibility,
        List<String> languages,
        CoProduction coProduction,
        Integer attendance,
        int sequence,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static final String SOURCE = "/event-service";
    public static final String SCHEDULED = "org.kiezwerk.event.scheduled.v1";
    public static final String UPDATED = "org.kiezwerk.event.updated.v1";
    public static final String CANCELLED = "org.kiezwerk.event.cancelled.v1";
    public static final String COPRODUCTION_RECORDED = "org.kiezwerk.event.coproduction-recorded.v1";
    public static final String REMOVED = "org.kiezwerk.event.removed.v1";

    public record Role(UUID partnerId, String role, String contribution) {
    }

    public static EventMessage of(SharedEvent e) {
        return new EventMessage(e.id, e.title, e.category.name().toLowerCase(), e.status.name().toLowerCase(), e.timeZone,
                e.start, e.end, e.rrule, List.copyOf(e.exdates), e.cancellations.stream().map(c -> c.occurrence).sorted().toList(),
                e.firstStart, e.lastEnd, e.neighbourhood, e.venuePartnerId,
                e.partners.stream().map(p -> new Role(p.partnerId, p.role.name().toLowerCase(), p.contribution)).toList(),
                List.copyOf(e.targetGroups), e.ageMin, e.ageMax, e.costKind.name().toLowerCase(), e.costAmount, e.childcare,
                List.copyOf(e.accessibility), List.copyOf(e.languages), e.coProduction, e.attendance, e.sequence, e.version,
                e.createdAt, e.updatedAt);
    }
}
