package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.Resource;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;
import org.kiezwerk.partner.service.ResourceChange;
import org.kiezwerk.commons.api.Texts;

@Schema(name = "ResourceDraft", description = "Something a partner can lend (offered) or is looking for (needed), as written.")
public record ResourceDraft(
        @NotNull UUID partnerId,
        @Schema(examples = "offered") @NotNull ResourceDirection direction,
        @Schema(examples = "room") @NotNull ResourceKind kind,
        @Schema(examples = "Großer Saal") @NotBlank @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String name,
        @Size(max = 4000) @Pattern(regexp = Texts.MULTILINE, message = Texts.PLAIN_MESSAGE) String description,
        @Schema(description = "People a room holds (rooms only).", examples = "80") @Min(1) @Max(100_000) Integer capacity,
        @Schema(examples = "[\"Beamer\", \"Küche\"]")
        @Size(max = 50) List<@NotBlank @Size(max = 100) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String> equipment,
        @Schema(examples = "werktags ab 17 Uhr") @Size(max = 500) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String availability) {

    @JsonIgnore
    @AssertTrue(message = "capacity is only for rooms")
    public boolean isCapacityForRoom() {
        return capacity == null || kind == null || kind == ResourceKind.ROOM;
    }

    ResourceChange toChange() {
        return new ResourceChange(partnerId, direction, kind, name.strip(), description, capacity,
                equipment == null ? List.of() : equipment, availability);
    }

    static ResourceDraft of(Resource r) {
        return new ResourceDraft(r.partner.id, r.direction, r.kind, r.name, r.description, r.capacity,
                List.copyOf(r.equipment), r.availability);
    }
}
