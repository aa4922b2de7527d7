package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.TaxonomyTerm;

@Schema(name = "TaxonomyTerm", description = "A target group or offer category.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TermView(UUID id, String taxonomy, String code, String nameDe, String nameEn, String description,
        Integer ageMin, Integer ageMax, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static TermView of(TaxonomyTerm t) {
        return new TermView(t.id, t.taxonomy.code, t.code, t.nameDe, t.nameEn, t.description, t.ageMin, t.ageMax,
                t.version, t.createdAt, t.updatedAt);
    }

    /** How offers name a term. */
    @Schema(name = "TermRef")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ref(String code, String nameDe, String nameEn, Integer ageMin, Integer ageMax) {
        static Ref of(TaxonomyTerm t) {
            return new Ref(t.code, t.nameDe, t.nameEn, t.ageMin, t.ageMax);
        }
    }
}
