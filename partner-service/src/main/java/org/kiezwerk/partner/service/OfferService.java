package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.repository.OfferRepository;
import org.kiezwerk.partner.repository.PartnerRepository;
import org.kiezwerk.partner.repository.TaxonomyTermRepository;

/** Offers: each change is also a new version of its partner, announced through the outbox. */
@ApplicationScoped
public class OfferService {

    static final String WHAT = "offer";

    @Inject
    OfferRepository offers;

    @Inject
    PartnerRepository partners;

    @Inject
    TaxonomyTermRepository terms;

    @Inject
    PartnerAnnouncer announcer;

    @Inject
    Confirmations confirmations;

    /** Whose it is, if it exists (an editor may change only their own organisation's). */
    @Transactional
    public java.util.Optional<UUID> partnerOf(UUID id) {
        return offers.findByIdOptional(id).map(existing -> existing.partner.id);
    }

    @Transactional
    public Offer get(UUID id) {
        return offers.findByIdOptional(id).orElseThrow(() -> new NotFoundException(WHAT, id));
    }

    @Transactional
    public List<Offer> page(UUID partnerId, UUID after, int limit) {
        return offers.page(partnerId, after, limit);
    }

    @Transactional
    public Offer create(OfferChange change, String requestId) {
        return put(UUID.randomUUID(), change, null, requestId).value();
    }

    @Transactional
    public Saved<Offer> put(UUID id, OfferChange change, Long expectedVersion, String requestId) {
        Offer offer = offers.findById(id);
        boolean created = offer == null;
        Partner formerPartner = null;
        if (created) {
            Versions.checkAbsent(WHAT, id, expectedVersion);
            offer = new Offer();
            offer.id = id;
            offer.createdAt = Partner.now();
        } else {
            Versions.check(WHAT, id, expectedVersion, offer.version);
            if (change.describes(offer)) {
                return new Saved<>(offer, false); // the same state again: no new version, no message
            }
            formerPartner = offer.partner;
        }
        apply(offer, change);
        offer.confirm(offer.updatedAt, confirmations.caller());
        if (created) {
            offers.persist(offer);
        }
        offers.flush();
        announcer.changed(offer.partner, false, requestId);
        if (formerPartner != null && !formerPartner.id.equals(offer.partner.id)) {
            announcer.changed(formerPartner, false, requestId);
        }
        return new Saved<>(offer, created);
    }

    /**
     * An editor looked at the offer and says it is right: a new version of the offer, and of its
     * partner, whose message carries its offers.
     */
    @Transactional
    public Offer confirm(UUID id, Long expectedVersion, String requestId) {
        Offer offer = get(id);
        Versions.check(WHAT, id, expectedVersion, offer.version);
        offer.confirm(Partner.now(), confirmations.caller());
        offers.flush();
        announcer.changed(offer.partner, false, requestId);
        return offer;
    }

    @Transactional
    public void remove(UUID id, Long expectedVersion, String requestId) {
        Offer offer = get(id);
        Versions.check(WHAT, id, expectedVersion, offer.version);
        Partner partner = offer.partner;
        offers.delete(offer);
        offers.flush();
        announcer.changed(partner, false, requestId);
    }

    private void apply(Offer offer, OfferChange change) {
        List<InvalidReferenceException.FieldProblem> problems = new ArrayList<>();
        // locked: offers of one partner written at once take turns instead of failing on its version
        Partner partner = partners.findById(change.partnerId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (partner == null) {
            problems.add(new InvalidReferenceException.FieldProblem("partnerId", "there is no partner with id " + change.partnerId()));
        }
        TaxonomyTerm category = terms.findByCode(Taxonomy.OFFER_CATEGORIES, change.category()).orElse(null);
        if (category == null) {
            problems.add(new InvalidReferenceException.FieldProblem("category",
                    "there is no offer category '" + change.category() + "' (see /api/v1/taxonomies/offer_categories/terms)"));
        }
        Map<String, TaxonomyTerm> groups = terms.findByCodes(Taxonomy.TARGET_GROUPS, change.targetGroups()).stream()
                .collect(Collectors.toMap(t -> t.code, Function.identity()));
        for (int i = 0; i < change.targetGroups().size(); i++) {
            if (!groups.containsKey(change.targetGroups().get(i))) {
                problems.add(new InvalidReferenceException.FieldProblem("targetGroups[" + i + "]",
                        "there is no target group '" + change.targetGroups().get(i) + "' (see /api/v1/taxonomies/target_groups/terms)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidReferenceException(problems);
        }
        set(offer, partner, change, category, groups);
    }

    /** Writes a change whose partner and terms are known (imports resolve them by their own rules). */
    static void set(Offer offer, Partner partner, OfferChange change, TaxonomyTerm category, Map<String, TaxonomyTerm> groups) {
        offer.partner = partner;
        offer.name = change.name();
        offer.description = change.description();
        offer.category = category;
        offer.targetGroups = change.targetGroups().stream().map(groups::get).collect(Collectors.toCollection(LinkedHashSet::new));
        offer.ageMin = change.ageMin();
        offer.ageMax = change.ageMax();
        offer.free = change.free();
        offer.cost = change.cost();
        offer.schedules = new ArrayList<>(change.schedules());
        offer.languages = new ArrayList<>(change.languages());
        offer.childcare = change.childcare();
        offer.registrationRequired = change.registrationRequired();
        offer.updatedAt = Partner.now();
    }
}
