package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.PartnerNotFoundException;
import org.kiezwerk.partner.messaging.PartnerMessage;
import org.kiezwerk.partner.repository.OutboxRepository;
import org.kiezwerk.partner.repository.PartnerRepository;

@ApplicationScoped
public class PartnerService {

    @Inject
    PartnerRepository partners;

    @Inject
    OutboxRepository outbox;

    /** Registers a partner and announces it, both in one transaction: either both happen or neither. */
    @Transactional
    public Partner register(String name, PartnerKind kind, String neighbourhood, String requestId) {
        Partner partner = Partner.register(name, kind, neighbourhood);
        partners.persistAndFlush(partner);
        outbox.add("partner", partner.id, PartnerMessage.REGISTERED, PartnerMessage.of(partner), requestId);
        return partner;
    }

    @Transactional
    public Partner get(UUID id) {
        return partners.findByIdOptional(id).orElseThrow(() -> new PartnerNotFoundException(id));
    }
}
