package org.kiezwerk.commons.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list, as every Kiezwerk list answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(
        List<T> items,
        @Schema(description = "Pass as ?cursor= for the next page; null on the last page.", nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor,
        @Schema(description = "All matches, only with ?count=true.") Long total) {
}
