package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kiezwerk.partner.domain.AggregateTooLargeException;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.Resource;
import org.kiezwerk.partner.messaging.PartnerMessage;
import org.kiezwerk.partner.repository.OfferRepository;
import org.kiezwerk.commons.outbox.OutboxRepository;
import org.kiezwerk.partner.repository.PartnerRepository;
import org.kiezwerk.partner.repository.ResourceRepository;

/**
 * Writes a partner's full current state (with its offers and resources) to the outbox, in the
 * transaction of the change, and keeps its search text in step. Offers and resources are part of
 * the partner's message, so a change to one of them is a new version of the partner.
 */
@ApplicationScoped
public class PartnerAnnouncer {

    /** What one partner may hold, so that its message always fits (docs/directory-api.md, "Limits"). */
    public static final int MAX_OFFERS = 300;
    public static final int MAX_RESOURCES = 200;

    @Inject
    PartnerRepository partners;

    @Inject
    OfferRepository offers;

    @Inject
    ResourceRepository resources;

    @Inject
    OutboxRepository outbox;

    void changed(Partner partner, boolean created, String requestId) {
        // these reads must not flush the partner early: its change, search text and time go out in one
        // UPDATE, so that one change is one version
        announce(partner, created, created ? List.of() : offers.ofPartnerWithoutFlush(partner.id), requestId);
    }

    /** As {@link #changed}, with the partner's offers as the caller holds them (an import writes them together). */
    void announce(Partner partner, boolean created, List<Offer> itsOffers, String requestId) {
        if (itsOffers.size() > MAX_OFFERS) {
            throw new AggregateTooLargeException("A partner may hold at most " + MAX_OFFERS + " offers; "
                    + partner.name + " would hold " + itsOffers.size() + ".");
        }
        partner.searchSource = searchSource(partner, itsOffers);
        partner.searchNames = searchNames(partner, itsOffers);
        if (!created) {
            partner.touch();
        }
        // flush first: the message must carry the version the database now has
        partners.flush();
        List<Resource> itsResources = created ? List.of() : resources.ofPartner(partner.id);
        if (itsResources.size() > MAX_RESOURCES) {
            throw new AggregateTooLargeException("A partner may hold at most " + MAX_RESOURCES + " resources; "
                    + partner.name + " would hold " + itsResources.size() + ".");
        }
        outbox.add("partner", partner.id, created ? PartnerMessage.REGISTERED : PartnerMessage.UPDATED,
                PartnerMessage.of(partner, itsOffers, itsResources), requestId);
    }

    void removed(Partner partner, String requestId) {
        outbox.add("partner", partner.id, PartnerMessage.REMOVED,
                PartnerMessage.of(partner, List.of(), List.of()), requestId);
        // then a tombstone, so that the compacted topic forgets the partner
        outbox.addTombstone("partner", partner.id, requestId);
    }

    static String searchNames(Partner partner, List<Offer> itsOffers) {
        return Stream.concat(Stream.concat(Stream.of(partner.name), partner.alternateNames.stream()),
                        itsOffers.stream().map(o -> o.name))
                .filter(t -> t != null && !t.isBlank()).distinct().collect(Collectors.joining("\n"));
    }

    static String searchSource(Partner partner, List<Offer> itsOffers) {
        Stream<String> own = Stream.concat(Stream.of(partner.name, partner.description), partner.alternateNames.stream());
        Stream<String> ofOffers = itsOffers.stream().flatMap(o -> Stream.concat(
                Stream.of(o.name, o.description, o.category.nameDe, o.category.nameEn),
                o.targetGroups.stream().flatMap(g -> Stream.of(g.nameDe, g.nameEn))));
        return Stream.concat(own, ofOffers).filter(t -> t != null && !t.isBlank()).distinct()
                .collect(Collectors.joining("\n"));
    }
}
