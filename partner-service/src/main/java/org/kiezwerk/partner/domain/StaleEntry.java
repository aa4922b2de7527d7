package org.kiezwerk.partner.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One stale partner or offer, with the partner's public contact; {@code unconfirmed}: not confirmed
 * since the cut-off; {@code bouncedAt}/{@code bounceAnswer}: the mail check found the contact e-mail
 * bouncing (a partner whose contact bounces is listed even when it was confirmed recently).
 */
public record StaleEntry(String type, UUID id, UUID partnerId, String name, String partnerName, OffsetDateTime confirmedAt,
        String confirmedBy, String email, String phone, String website, boolean unconfirmed, OffsetDateTime bouncedAt,
        String bounceAnswer) {
}
