package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.repository.StaleRepository;

@Schema(name = "StaleEntry", description = "A partner or offer nobody has confirmed for the months asked, with whom to ask.")
public record StaleEntryView(
        @Schema(enumeration = {"partner", "offer"}) String type,
        UUID id,
        @Schema(description = "The partner itself, or the offer's partner.") UUID partnerId,
        String name,
        String partnerName,
        OffsetDateTime confirmedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String confirmedBy,
        @Schema(description = "The partner's public contact: the editors' organisation, as the directory shows it.") Contact contact) {

    @Schema(name = "StaleEntryContact")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String email, String phone, String website) {
    }

    static StaleEntryView of(StaleRepository.Entry e) {
        return new StaleEntryView(e.type(), e.id(), e.partnerId(), e.name(), e.partnerName(), e.confirmedAt(), e.confirmedBy(),
                new Contact(e.email(), e.phone(), e.website()));
    }
}
