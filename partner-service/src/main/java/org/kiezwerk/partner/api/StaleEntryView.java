package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.StaleEntry;

@Schema(name = "StaleEntry", description = "A partner or offer nobody has confirmed for the months asked, or a partner whose"
        + " public contact e-mail bounces (when the operator configured the mail check), with whom to ask.")
public record StaleEntryView(
        @Schema(enumeration = {"partner", "offer"}) String type,
        UUID id,
        @Schema(description = "The partner itself, or the offer's partner.") UUID partnerId,
        String name,
        String partnerName,
        OffsetDateTime confirmedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String confirmedBy,
        @Schema(description = "The partner's public contact: the editors' organisation, as the directory shows it.") Contact contact,
        @Schema(description = "Why the entry is listed: `unconfirmed` (not confirmed for the months asked), `contact_bounced`"
                + " (a partner whose contact e-mail the mail check found bouncing; listed however recently it was confirmed)."
                + " New values may be added: ignore those you do not know.",
                enumeration = {"unconfirmed", "contact_bounced"}) List<String> reasons) {

    public static final String UNCONFIRMED = "unconfirmed";
    public static final String CONTACT_BOUNCED = "contact_bounced";

    @Schema(name = "StaleEntryContact")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String email, String phone, String website,
            @Schema(description = "Since when the e-mail bounces: the mail server refused it permanently (5xx) when the"
                    + " optional mail check asked (no mail is sent). Absent when it does not bounce or no check is configured.")
            OffsetDateTime emailBouncedAt,
            @Schema(description = "The mail server's last answer refusing the e-mail, e.g. `550 5.1.1 User unknown`.")
            String emailBounceAnswer) {
    }

    static StaleEntryView of(StaleEntry e) {
        List<String> reasons = new ArrayList<>();
        if (e.unconfirmed()) {
            reasons.add(UNCONFIRMED);
        }
        if (e.type().equals("partner") && e.bouncedAt() != null) {
            reasons.add(CONTACT_BOUNCED);
        }
        return new StaleEntryView(e.type(), e.id(), e.partnerId(), e.name(), e.partnerName(), e.confirmedAt(), e.confirmedBy(),
                new Contact(e.email(), e.phone(), e.website(), e.bouncedAt(), e.bounceAnswer()), List.copyOf(reasons));
    }
}
