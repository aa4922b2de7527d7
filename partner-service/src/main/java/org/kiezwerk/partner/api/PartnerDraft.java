package org.kiezwerk.partner.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.PartnerStatus;
import org.kiezwerk.partner.service.PartnerChange;
import org.kiezwerk.commons.api.Texts;

/** The body of POST and PUT on partners, and what a merge patch is applied to. */
@Schema(name = "PartnerDraft", description = "A partner (organisation) as written: POST creates, PUT replaces, PATCH merges into it.")
public record PartnerDraft(
        @Schema(description = "The partner's id in another system (unique); imports upsert on it.", examples = "crm-4711")
        @Size(max = 200) @Pattern(regexp = "[\\x21-\\x7e]*", message = "must be printable ASCII without spaces")
        String externalId,

        @Schema(examples = "Begegnungszentrum Lindenhof", maxLength = 200)
        @NotBlank @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE)
        String name,

        @Schema(examples = "[\"BZ Lindenhof\"]")
        @Size(max = 20) List<@NotBlank @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String> alternateNames,

        @Schema(examples = "community_centre")
        @NotNull PartnerKind kind,

        @Size(max = 4000) @Pattern(regexp = Texts.MULTILINE, message = Texts.PLAIN_MESSAGE)
        String description,

        @Schema(description = "Codes of the neighbourhoods it is active in (see /api/v1/neighbourhoods).",
                examples = "[\"lindenhof\"]")
        @NotEmpty @Size(max = 50) List<@NotBlank @Pattern(regexp = Texts.CODE, message = Texts.CODE_MESSAGE) String> neighbourhoods,

        @Size(max = 10) List<@NotNull @Valid AddressBody> addresses,

        @Schema(description = "Organisational address only, never a private person's.", examples = "info@bz-lindenhof.example.org")
        @Email @Size(max = 320) String email,

        @Schema(examples = "+49 6101 23456")
        @Size(max = 50) @Pattern(regexp = "[+0-9 ()/.-]*", message = "must be a phone number (digits, spaces, + ( ) / . -)")
        String phone,

        @Schema(examples = "https://bz-lindenhof.example.org")
        @Size(max = 500) @Pattern(regexp = "https?://[^\\s\\p{Cntrl}]+", message = "must be an http or https URL")
        String website,

        @Schema(examples = "[\"de\", \"tr\"]")
        @Size(max = 30) List<@NotNull @Pattern(regexp = Texts.LANGUAGE, message = Texts.LANGUAGE_MESSAGE) String> languages,

        @Size(max = 2000) @Pattern(regexp = Texts.MULTILINE, message = Texts.PLAIN_MESSAGE) String accessibility,

        @Schema(examples = "Mo–Fr 9–18 Uhr")
        @Size(max = 1000) @Pattern(regexp = Texts.MULTILINE, message = Texts.PLAIN_MESSAGE) String openingHours,

        @Schema(description = "Defaults to active.") PartnerStatus status,

        @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String source,

        @PastOrPresent LocalDate lastVerified) {

    PartnerChange toChange() {
        return new PartnerChange(externalId, name.strip(), strip(alternateNames), kind, description, neighbourhoods,
                addresses == null ? List.of() : addresses.stream().map(AddressBody::toAddress).toList(),
                email, phone, website, languages == null ? List.of() : languages,
                accessibility, openingHours, status == null ? PartnerStatus.ACTIVE : status, source, lastVerified);
    }

    static PartnerDraft of(Partner p) {
        return new PartnerDraft(p.externalId, p.name, List.copyOf(p.alternateNames), p.kind, p.description,
                p.neighbourhoods.stream().map(n -> n.code).toList(),
                p.addresses.stream().map(AddressBody::of).toList(), p.email, p.phone, p.website,
                List.copyOf(p.languages), p.accessibility, p.openingHours, p.status, p.source, p.lastVerified);
    }

    private static List<String> strip(List<String> texts) {
        return texts == null ? List.of() : texts.stream().map(String::strip).distinct().toList();
    }
}
