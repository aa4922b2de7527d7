package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.service.TermChange;
import org.kiezwerk.commons.api.Texts;

@Schema(name = "TaxonomyTermDraft", description = "A target group or offer category as written.")
public record TermDraft(
        @Schema(examples = "young_old") @NotBlank @Pattern(regexp = Texts.CODE, message = Texts.CODE_MESSAGE) String code,
        @Schema(examples = "Junge Alte (60–75)") @NotBlank @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String nameDe,
        @Schema(examples = "Young old (60–75)") @NotBlank @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String nameEn,
        @Size(max = 2000) @Pattern(regexp = Texts.MULTILINE, message = Texts.PLAIN_MESSAGE) String description,
        @Schema(description = "For groups defined by age.") @Min(0) @Max(120) Integer ageMin,
        @Min(0) @Max(120) Integer ageMax) {

    @JsonIgnore
    @AssertTrue(message = "ageMin must not be greater than ageMax")
    public boolean isAgeRange() {
        return ageMin == null || ageMax == null || ageMin <= ageMax;
    }

    TermChange toChange() {
        return new TermChange(code, nameDe.strip(), nameEn.strip(), description, ageMin, ageMax);
    }

    static TermDraft of(TaxonomyTerm t) {
        return new TermDraft(t.code, t.nameDe, t.nameEn, t.description, t.ageMin, t.ageMax);
    }
}
