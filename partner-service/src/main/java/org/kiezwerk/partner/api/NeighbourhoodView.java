package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.Neighbourhood;
import org.kiezwerk.partner.domain.NeighbourhoodLevel;

@Schema(name = "Neighbourhood", description = "A named area of the city; areas nest (city → district → quarter).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NeighbourhoodView(UUID id, String code, String name, NeighbourhoodLevel level,
        @Schema(description = "The code of the area it lies in.") String parent,
        NeighbourhoodDraft.Point centre,
        @Schema(implementation = Object.class) JsonNode boundary,
        long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static NeighbourhoodView of(Neighbourhood n, ObjectMapper json) {
        return new NeighbourhoodView(n.id, n.code, n.name, n.level, n.parent == null ? null : n.parent.code,
                n.centreLat == null ? null : new NeighbourhoodDraft.Point(n.centreLat, n.centreLon), boundary(n, json),
                n.version, n.createdAt, n.updatedAt);
    }

    static JsonNode boundary(Neighbourhood n, ObjectMapper json) {
        try {
            return n.boundary == null ? null : json.readTree(n.boundary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored boundary of " + n.code + " is not JSON", e);
        }
    }
}
