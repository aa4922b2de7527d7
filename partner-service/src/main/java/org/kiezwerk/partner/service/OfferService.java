package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kiezwerk.commons.domain.Editor;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.repository.OfferRepository;
import org.kiezwerk.partner.repository.TaxonomyTermRepository;

/** Offers: each change is also a new version of its partner, announced through the outbox. */
@ApplicationScoped
public class OfferService extends PartnerPartService<Offer, OfferChange> {

    @Inject
    OfferRepository offers;

    @Inject
    TaxonomyTermRepository terms;

    @Inject
    Confirmations confirmations;

    public OfferService() {
        super("offer", offer -> offer.partner);
    }

    @Override
    OfferRepository parts() {
        return offers;
    }

    @Override
    Offer fresh(UUID id) {
        Offer offer = new Offer();
        offer.id = id;
        return offer;
    }

    @Transactional
    public List<Offer> page(UUID partnerId, UUID after, int limit) {
        return offers.page(partnerId, after, limit);
    }

    /**
     * An editor looked at the offer and says it is right: a new version of the offer, and of its
     * partner, whose message carries its offers.
     */
    @Transactional
    public Offer confirm(UUID id, Long expectedVersion, Editor by, String requestId) {
        Offer offer = get(id);
        by.requireMayEdit(Set.of(offer.partner.id), "the offers");
        Versions.check(what, id, expectedVersion, offer.version);
        offer.confirm(Partner.now(), confirmations.caller());
        offers.flush();
        announcer.changed(offer.partner, false, requestId);
        return offer;
    }

    /** Saved offers count as confirmed by whoever saved them. */
    @Override
    void apply(Offer offer, OfferChange change) {
        List<InvalidReferenceException.FieldProblem> problems = new ArrayList<>();
        Partner partner = lockedPartner(change.partnerId());
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
        offer.confirm(offer.updatedAt, confirmations.caller());
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
