package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import java.util.function.Function;
import org.kiezwerk.partner.domain.IdempotencyKeyReusedException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.PartnerNotFoundException;
import org.kiezwerk.partner.messaging.PartnerMessage;
import org.kiezwerk.partner.repository.IdempotentRequestRepository;
import org.kiezwerk.partner.repository.OutboxRepository;
import org.kiezwerk.partner.repository.PartnerRepository;

@ApplicationScoped
public class PartnerService {

    @Inject
    PartnerRepository partners;

    @Inject
    OutboxRepository outbox;

    @Inject
    IdempotentRequestRepository idempotentRequests;

    /** A new partner, or the first answer to a retried request with the same Idempotency-Key. */
    public record Registration(Partner created, String firstAnswer) {
    }

    /**
     * Registers a partner and announces it, both in one transaction: either both happen or neither.
     * With an idempotency key, a retry of the same request returns the first answer instead.
     *
     * @param answer renders the answer to keep for retries
     */
    @Transactional
    public Registration register(String name, PartnerKind kind, String neighbourhood, String requestId,
            String idempotencyKey, String requestHash, Function<Partner, String> answer) {
        if (idempotencyKey != null && !idempotentRequests.claim(idempotencyKey, requestHash)) {
            var first = idempotentRequests.find(idempotencyKey).orElseThrow();
            if (!first.requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException(idempotencyKey);
            }
            return new Registration(null, first.body());
        }
        Partner partner = Partner.register(name, kind, neighbourhood);
        partners.persistAndFlush(partner);
        outbox.add("partner", partner.id, PartnerMessage.REGISTERED, PartnerMessage.of(partner), requestId);
        if (idempotencyKey != null) {
            idempotentRequests.answer(idempotencyKey, 201, answer.apply(partner));
        }
        return new Registration(partner, null);
    }

    @Transactional
    public Partner get(UUID id) {
        return partners.findByIdOptional(id).orElseThrow(() -> new PartnerNotFoundException(id));
    }
}
