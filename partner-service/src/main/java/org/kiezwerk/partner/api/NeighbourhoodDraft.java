package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.commons.api.Texts;
import org.kiezwerk.partner.domain.Neighbourhood;
import org.kiezwerk.partner.domain.NeighbourhoodLevel;
import org.kiezwerk.partner.service.NeighbourhoodChange;

@Schema(name = "NeighbourhoodDraft", description = "A neighbourhood as written. The parent must be on a higher level (city → district → quarter).")
public record NeighbourhoodDraft(
        @Schema(examples = "lindenhof") @NotBlank @Pattern(regexp = Texts.CODE, message = Texts.CODE_MESSAGE) String code,
        @Schema(examples = "Lindenhof") @NotBlank @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String name,
        @Schema(examples = "quarter") @NotNull NeighbourhoodLevel level,
        @Schema(description = "The code of the area it lies in; none for a city.", examples = "auenstadt-sued")
        @Pattern(regexp = Texts.CODE, message = Texts.CODE_MESSAGE) String parent,
        @Valid Point centre,
        @Schema(description = "A GeoJSON Polygon or MultiPolygon (WGS 84).", implementation = Object.class) JsonNode boundary) {

    @Schema(name = "Point")
    public record Point(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {
    }

    @JsonIgnore
    @AssertTrue(message = "must be a GeoJSON object of type Polygon or MultiPolygon with coordinates")
    public boolean isBoundary() {
        return boundary == null || boundary.isNull() || (boundary.isObject()
                && Set.of("Polygon", "MultiPolygon").contains(boundary.path("type").asText())
                && boundary.path("coordinates").isArray() && boundary.toString().length() <= 1_000_000);
    }

    NeighbourhoodChange toChange() {
        return new NeighbourhoodChange(code, name.strip(), level, parent, centre == null ? null : centre.lat(),
                centre == null ? null : centre.lon(), boundary == null || boundary.isNull() ? null : boundary.toString());
    }

    static NeighbourhoodDraft of(Neighbourhood n, ObjectMapper json) {
        return new NeighbourhoodDraft(n.code, n.name, n.level, n.parent == null ? null : n.parent.code,
                n.centreLat == null ? null : new Point(n.centreLat, n.centreLon), NeighbourhoodView.boundary(n, json));
    }
}
