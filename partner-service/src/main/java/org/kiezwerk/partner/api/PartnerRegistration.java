package org.kiezwerk.partner.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.PartnerKind;

/** The body of {@code POST /api/v1/partners}. */
@Schema(name = "PartnerRegistration", description = "A new partner (organisation) for the directory.")
public record PartnerRegistration(
        @Schema(examples = "Begegnungszentrum Lindenhof", maxLength = 200)
        @NotBlank @Size(max = 200) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
        String name,

        @Schema(examples = "community_centre")
        @NotNull
        PartnerKind kind,

        @Schema(description = "The neighbourhood (Stadtteil, Quartier, Kiez) it is active in.",
                examples = "Lindenhof", maxLength = 200)
        @NotBlank @Size(max = 200) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
        String neighbourhood) {

    /** No control characters (NUL bytes included): PostgreSQL would refuse them, and no name needs them. */
    static final String PLAIN_TEXT = "[^\\p{Cntrl}]*";
    static final String PLAIN_TEXT_MESSAGE = "must not contain control characters";
}
