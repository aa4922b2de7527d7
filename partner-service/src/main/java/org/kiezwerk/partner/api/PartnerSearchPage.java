package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.PartnerHits;

/** A page of partners, with the total and facet counts when asked for. */
@Schema(name = "PartnerPage")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerSearchPage(
        List<PartnerView> items,
        @Schema(nullable = true, description = "Pass as ?cursor= for the next page; null on the last page.")
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor,
        @Schema(description = "All matches, only with ?count=true.") Long total,
        @Schema(description = "Matches per neighbourhood (including sub-areas), kind, target group and offer category;"
                + " only with ?facets=true.") PartnerHits.Facets facets) {
}
