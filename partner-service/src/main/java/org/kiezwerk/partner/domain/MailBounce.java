package org.kiezwerk.partner.domain;

import java.time.OffsetDateTime;

/** A contact that bounced: which address, since when, and the server's answer. */
public record MailBounce(String email, OffsetDateTime at, String answer) {

    /** Whether it still speaks for the partner's e-mail (a changed address has no bounce). */
    public boolean appliesTo(String currentEmail) {
        return currentEmail != null && currentEmail.equalsIgnoreCase(email);
    }
}
