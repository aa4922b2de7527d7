package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
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
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.OpeningSchedule;
import org.kiezwerk.partner.service.OfferChange;
import org.kiezwerk.commons.api.Texts;

@Schema(name = "OfferDraft", description = "An offer (a service in HSDS terms) as written.")
public record OfferDraft(
        @NotNull UUID partnerId,
        @Schema(examples = "Krabbelgruppe") @NotBlank @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String name,
        @Size(max = 4000) @Pattern(regexp = Texts.MULTILINE, message = Texts.PLAIN_MESSAGE) String description,
        @Schema(description = "An offer category code.", examples = "family_education")
        @NotBlank @Pattern(regexp = Texts.CODE, message = Texts.CODE_MESSAGE) String category,
        @Schema(description = "Target group codes.", examples = "[\"toddlers\", \"parents\"]")
        @Size(max = 20) List<@NotBlank @Pattern(regexp = Texts.CODE, message = Texts.CODE_MESSAGE) String> targetGroups,
        @Min(0) @Max(120) Integer ageMin,
        @Min(0) @Max(120) Integer ageMax,
        @Schema(description = "Free of charge; defaults to true.") Boolean free,
        @Schema(examples = "3 € pro Termin") @Size(max = 500) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String cost,
        @Size(max = 20) List<@NotNull @Valid OpeningSchedule> schedules,
        @Size(max = 30) List<@NotNull @Pattern(regexp = Texts.LANGUAGE, message = Texts.LANGUAGE_MESSAGE) String> languages,
        @Schema(description = "Childcare is provided during the offer.") Boolean childcare,
        Boolean registrationRequired) {

    @JsonIgnore
    @AssertTrue(message = "ageMin must not be greater than ageMax")
    public boolean isAgeRange() {
        return ageMin == null || ageMax == null || ageMin <= ageMax;
    }

    OfferChange toChange() {
        return new OfferChange(partnerId, name.strip(), description, category, targetGroups == null ? List.of() : targetGroups.stream().distinct().toList(),
                ageMin, ageMax, free == null || free, cost, schedules == null ? List.of() : schedules,
                languages == null ? List.of() : languages, Boolean.TRUE.equals(childcare), Boolean.TRUE.equals(registrationRequired));
    }

    static OfferDraft of(Offer o) {
        return new OfferDraft(o.partner.id, o.name, o.description, o.category.code,
                o.targetGroups.stream().map(t -> t.code).toList(), o.ageMin, o.ageMax, o.free, o.cost,
                List.copyOf(o.schedules), List.copyOf(o.languages), o.childcare, o.registrationRequired);
    }
}
