package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ResourceMatch", description = "A partner that can meet this partner's needs or whose needs it can meet.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceMatchView(
        UUID partnerId,
        String name,
        String kind,
        List<PartnerView.NeighbourhoodRef> neighbourhoods,
        @Schema(description = "Their offered resources of the kinds this partner needs.") List<String> theyOffer,
        @Schema(description = "Their needs of the kinds this partner offers.") List<String> theyNeed,
        @Schema(description = "Between the first addresses, if both have coordinates.") Long distanceMetres) {
}
