package org.kiezwerk.partner.api;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerKind;

@Schema(name = "Partner", description = "A partner (organisation) in the directory.")
public record PartnerView(
        UUID id,
        String name,
        PartnerKind kind,
        String neighbourhood,
        @Schema(description = "Increases with every change; the ETag carries it.") long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static PartnerView of(Partner partner) {
        return new PartnerView(partner.id, partner.name, partner.kind, partner.neighbourhood, partner.version,
                partner.createdAt, partner.updatedAt);
    }
}
