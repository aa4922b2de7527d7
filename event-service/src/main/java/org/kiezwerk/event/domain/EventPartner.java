package org.kiezwerk.event.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.UUID;

/** A partner involved in an event, in one role (a partner may have several). */
@Embeddable
public class EventPartner {

    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public PartnerRole role;

    @Column(length = 200)
    public String contribution;

    public static EventPartner of(UUID partnerId, PartnerRole role, String contribution) {
        EventPartner partner = new EventPartner();
        partner.partnerId = partnerId;
        partner.role = role;
        partner.contribution = contribution;
        return partner;
    }
}
