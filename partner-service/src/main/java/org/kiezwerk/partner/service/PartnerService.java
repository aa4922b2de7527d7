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
import org.kiezwerk.partner.domain.Neighbourhood;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.repository.NeighbourhoodRepository;
import org.kiezwerk.partner.repository.PartnerRepository;

/** Partners: create, replace, remove — each change announced through the outbox in the same transaction. */
@ApplicationScoped
public class PartnerService {

    static final String WHAT = "partner";

    @Inject
    PartnerRepository partners;

    @Inject
    NeighbourhoodRepository neighbourhoods;

    @Inject
    PartnerAnnouncer announcer;

    @Transactional
    public Partner get(UUID id) {
        return partners.findByIdOptional(id).orElseThrow(() -> new NotFoundException(WHAT, id));
    }

    @Transactional
    public Partner create(PartnerChange change, String requestId) {
        Partner partner = Partner.create(UUID.randomUUID());
        apply(partner, change);
        persist(partner);
        announcer.changed(partner, true, requestId);
        return partner;
    }

    /** PUT: replaces the partner, or creates it under the caller's id if there is none. */
    @Transactional
    public Saved<Partner> put(UUID id, PartnerChange change, Long expectedVersion, String requestId) {
        Partner partner = partners.findById(id);
        if (partner == null) {
            Versions.checkAbsent(WHAT, id, expectedVersion);
            partner = Partner.create(id);
            apply(partner, change);
            persist(partner);
            announcer.changed(partner, true, requestId);
            return new Saved<>(partner, true);
        }
        Versions.check(WHAT, id, expectedVersion, partner.version);
        apply(partner, change);
        announcer.changed(partner, false, requestId);
        return new Saved<>(partner, false);
    }

    /** Removes the partner with its offers and resources, and announces the removal with a tombstone. */
    @Transactional
    public void remove(UUID id, Long expectedVersion, String requestId) {
        Partner partner = get(id);
        Versions.check(WHAT, id, expectedVersion, partner.version);
        announcer.removed(partner, requestId);
        partners.delete(partner);
    }

    /** Hibernate inserts the state as of persist(): complete it first, or the insert is followed by an update. */
    private void persist(Partner partner) {
        partner.searchSource = PartnerAnnouncer.searchSource(partner, List.of());
        partner.searchNames = PartnerAnnouncer.searchNames(partner, List.of());
        partners.persist(partner);
    }

    private void apply(Partner partner, PartnerChange change) {
        Map<String, Neighbourhood> areas = neighbourhoods.findByCodes(change.neighbourhoods()).stream()
                .collect(Collectors.toMap(n -> n.code, Function.identity()));
        List<InvalidReferenceException.FieldProblem> unknown = new ArrayList<>();
        for (int i = 0; i < change.neighbourhoods().size(); i++) {
            if (!areas.containsKey(change.neighbourhoods().get(i))) {
                unknown.add(new InvalidReferenceException.FieldProblem("neighbourhoods[" + i + "]",
                        "there is no neighbourhood with code '" + change.neighbourhoods().get(i) + "'"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidReferenceException(unknown);
        }
        partner.name = change.name();
        partner.alternateNames = new ArrayList<>(change.alternateNames());
        partner.kind = change.kind();
        partner.description = change.description();
        partner.neighbourhoods = change.neighbourhoods().stream().map(areas::get)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        partner.addresses = new ArrayList<>(change.addresses());
        partner.email = change.email();
        partner.phone = change.phone();
        partner.website = change.website();
        partner.languages = new ArrayList<>(change.languages());
        partner.accessibility = change.accessibility();
        partner.openingHours = change.openingHours();
        partner.status = change.status();
        partner.source = change.source();
        partner.lastVerified = change.lastVerified();
    }
}
