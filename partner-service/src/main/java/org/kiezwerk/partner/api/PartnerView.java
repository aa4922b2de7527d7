package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.MailBounce;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.PartnerStatus;

@Schema(name = "Partner", description = "A partner (organisation) in the directory.")
public record PartnerView(
        UUID id,
        @JsonInclude(JsonInclude.Include.NON_NULL) String externalId,
        String name,
        List<String> alternateNames,
        PartnerKind kind,
        String description,
        List<NeighbourhoodRef> neighbourhoods,
        List<AddressBody> addresses,
        String email,
        String phone,
        String website,
        List<String> languages,
        String accessibility,
        String openingHours,
        PartnerStatus status,
        String source,
        LocalDate lastVerified,
        @Schema(description = "Increases with every change, also of its offers and resources; the ETag carries it.")
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "When someone last confirmed the entry is right: a write through the API, POST .../confirmation or an import.")
        OffsetDateTime confirmedAt,
        @Schema(description = "Who confirmed it: the caller's identity (an API key's or account's subject, `import`); absent if not known.")
        @JsonInclude(JsonInclude.Include.NON_NULL) String confirmedBy,
        @Schema(description = "Metres from the point of a `near` search; absent otherwise.")
        @JsonInclude(JsonInclude.Include.NON_NULL) Long distanceMetres,
        @Schema(description = "Set while the public contact e-mail bounces: the operator's optional mail check asked the"
                + " configured mail server (sending no mail) and it refused the address permanently. An organisation's public"
                + " address, not personal data; not part of the version (the check changes nothing in the entry). Gone when the"
                + " address is accepted again or the e-mail is changed.")
        @JsonInclude(JsonInclude.Include.NON_NULL) ContactBounce contactBounce) {

    @Schema(name = "ContactBounce")
    public record ContactBounce(@Schema(description = "Since when the address bounces.") OffsetDateTime since,
            @Schema(description = "The mail server's answer, e.g. `550 5.1.1 User unknown`.") String answer) {
    }

    @Schema(name = "NeighbourhoodRef")
    public record NeighbourhoodRef(UUID id, String code, String name,
            @Schema(enumeration = {"city", "district", "quarter"}) String level) {
    }

    static PartnerView of(Partner partner) {
        return of(partner, null);
    }

    static PartnerView of(Partner p, Double distanceMetres) {
        return of(p, distanceMetres, null);
    }

    static PartnerView of(Partner p, Double distanceMetres, MailBounce bounce) {
        return new PartnerView(p.id, p.externalId, p.name, List.copyOf(p.alternateNames), p.kind, p.description,
                p.neighbourhoods.stream().map(n -> new NeighbourhoodRef(n.id, n.code, n.name, n.level.name().toLowerCase())).toList(),
                p.addresses.stream().map(AddressBody::of).toList(), p.email, p.phone, p.website, List.copyOf(p.languages),
                p.accessibility, p.openingHours, p.status, p.source, p.lastVerified, p.version, p.createdAt, p.updatedAt,
                p.confirmedAt, p.confirmedBy, distanceMetres == null ? null : Math.round(distanceMetres),
                bounce == null || !bounce.appliesTo(p.email) ? null : new ContactBounce(bounce.at(), bounce.answer()));
    }
}
