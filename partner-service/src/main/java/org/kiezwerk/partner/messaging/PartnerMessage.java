package org.kiezwerk.partner.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerKind;

/**
 * The value of a message on {@code kiezwerk.partners.v1}: the partner's full current state and its
 * version, so that a consumer can drop anything older than what it already has.
 */
public record PartnerMessage(
        UUID id,
        String name,
        PartnerKind kind,
        String neighbourhood,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static final String SOURCE = "/partner-service";
    public static final String REGISTERED = "org.kiezwerk.partner.registered.v1";
    public static final String UPDATED = "org.kiezwerk.partner.updated.v1";
    public static final String REMOVED = "org.kiezwerk.partner.removed.v1";

    public static PartnerMessage of(Partner partner) {
        return new PartnerMessage(partner.id, partner.name, partner.kind, partner.neighbourhood,
                partner.version, partner.createdAt, partner.updatedAt);
    }
}
