package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.OpeningSchedule;

@Schema(name = "Offer", description = "Something a partner runs for people, with target groups and age range.")
public record OfferView(UUID id, UUID partnerId, String partnerName, String name, String description,
        TermView.Ref category, List<TermView.Ref> targetGroups, Integer ageMin, Integer ageMax, boolean free,
        String cost, List<OpeningSchedule> schedules, List<String> languages, boolean childcare,
        boolean registrationRequired, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        @Schema(description = "When someone last confirmed the offer is right: a write through the API, POST .../confirmation or an import.")
        OffsetDateTime confirmedAt,
        @Schema(description = "Who confirmed it: the caller's identity; absent if not known.")
        @JsonInclude(JsonInclude.Include.NON_NULL) String confirmedBy) {

    static OfferView of(Offer o) {
        return new OfferView(o.id, o.partner.id, o.partner.name, o.name, o.description, TermView.Ref.of(o.category),
                o.targetGroups.stream().map(TermView.Ref::of).toList(), o.ageMin, o.ageMax, o.free, o.cost,
                List.copyOf(o.schedules), List.copyOf(o.languages), o.childcare, o.registrationRequired, o.version,
                o.createdAt, o.updatedAt, o.confirmedAt, o.confirmedBy);
    }
}
