package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kiezwerk.partner.domain.Address;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.LikelyDuplicateException;
import org.kiezwerk.partner.domain.Neighbourhood;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.repository.DuplicateRepository;
import org.kiezwerk.partner.repository.NeighbourhoodRepository;
import org.kiezwerk.partner.repository.OfferRepository;
import org.kiezwerk.partner.repository.PartnerRepository;
import org.kiezwerk.partner.repository.ResourceRepository;

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

    @Inject
    Confirmations confirmations;

    @Transactional
    public Partner get(UUID id) {
        return partners.findByIdOptional(id).orElseThrow(() -> new NotFoundException(WHAT, id));
    }

    @Inject
    DuplicateRepository duplicates;

    @Inject
    OfferRepository offers;

    @Inject
    ResourceRepository resources;

    /** Registers a partner; unless told otherwise, refuses one that looks like a partner the directory has. */
    @Transactional
    public Partner create(PartnerChange change, String requestId, boolean checkDuplicates) {
        Partner partner = Partner.create(UUID.randomUUID());
        apply(partner, change);
        partner.confirm(partner.createdAt, confirmations.callerOr(Confirmations.IMPORT));
        if (checkDuplicates) {
            refuseLikelyDuplicate(partner);
        }
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
            partner.confirm(partner.createdAt, confirmations.callerOr(Confirmations.IMPORT));
            persist(partner);
            announcer.changed(partner, true, requestId);
            return new Saved<>(partner, true);
        }
        Versions.check(WHAT, id, expectedVersion, partner.version);
        if (change.describes(partner)) {
            // the same state again: no new version, no message — and no confirmation (that is POST .../confirmation)
            return new Saved<>(partner, false);
        }
        apply(partner, change);
        partner.confirm(Partner.now(), confirmations.caller());
        announcer.changed(partner, false, requestId);
        return new Saved<>(partner, false);
    }

    /**
     * An editor looked at the partner and says it is right: a new confirmation time and confirmer.
     * It is a new version announced on the partner topic (so that replicas and webhooks learn the
     * time), like any change.
     */
    @Transactional
    public Partner confirm(UUID id, Long expectedVersion, String requestId) {
        Partner partner = get(id);
        Versions.check(WHAT, id, expectedVersion, partner.version);
        partner.confirm(Partner.now(), confirmations.caller());
        announcer.changed(partner, false, requestId);
        return partner;
    }

    /** Removes the partner with its offers and resources, and announces the removal with a tombstone. */
    @Transactional
    public void remove(UUID id, Long expectedVersion, String requestId) {
        Partner partner = get(id);
        Versions.check(WHAT, id, expectedVersion, partner.version);
        announcer.removed(partner, requestId);
        partners.delete(partner);
    }

    /**
     * One imported partner: with an external id the directory knows, a replacement; otherwise a
     * new partner (refused as a likely duplicate if so checked). Returns whether it created one.
     */
    @Transactional
    public boolean upsert(PartnerChange change, boolean checkDuplicates, String requestId) {
        if (change.externalId() != null) {
            var existing = partners.find("externalId", change.externalId()).firstResultOptional();
            if (existing.isPresent()) {
                if (change.describes(existing.get())) {
                    return false; // imported again unchanged: nothing to write or announce
                }
                apply(existing.get(), change);
                existing.get().confirm(Partner.now(), confirmations.callerOr(Confirmations.IMPORT));
                announcer.changed(existing.get(), false, requestId);
                return false;
            }
        }
        create(change, requestId, checkDuplicates);
        return true;
    }

    /**
     * Folds a duplicate into the partner: its offers and resources move over, its names, neighbourhoods,
     * addresses and languages are added, empty contact fields filled; then the duplicate is removed
     * (announced with a tombstone) and the partner announced with its new state.
     */
    @Transactional
    public Partner merge(UUID id, UUID duplicateId, Long expectedVersion, String requestId) {
        if (id.equals(duplicateId)) {
            throw new InvalidReferenceException("duplicateId", "a partner cannot be merged into itself");
        }
        Partner partner = get(id);
        Versions.check(WHAT, id, expectedVersion, partner.version);
        Partner duplicate = partners.findByIdOptional(duplicateId).orElseThrow(() -> new InvalidReferenceException(
                "duplicateId", "there is no partner with id " + duplicateId));
        offers.list("partner", duplicate).forEach(offer -> offer.partner = partner);
        resources.list("partner", duplicate).forEach(resource -> resource.partner = partner);
        LinkedHashSet<String> names = new LinkedHashSet<>(partner.alternateNames);
        if (!duplicate.name.equals(partner.name)) {
            names.add(duplicate.name);
        }
        names.addAll(duplicate.alternateNames);
        names.remove(partner.name);
        partner.alternateNames = new ArrayList<>(names);
        partner.neighbourhoods.addAll(duplicate.neighbourhoods);
        for (var address : duplicate.addresses) {
            boolean known = partner.addresses.stream().anyMatch(a -> Objects.equals(a.street, address.street)
                    && Objects.equals(a.postcode, address.postcode));
            if (!known && partner.addresses.size() < 10) {
                partner.addresses.add(address.copy());
            }
        }
        LinkedHashSet<String> languages = new LinkedHashSet<>(partner.languages);
        languages.addAll(duplicate.languages);
        partner.languages = new ArrayList<>(languages);
        partner.description = partner.description != null ? partner.description : duplicate.description;
        partner.email = partner.email != null ? partner.email : duplicate.email;
        partner.phone = partner.phone != null ? partner.phone : duplicate.phone;
        partner.website = partner.website != null ? partner.website : duplicate.website;
        partner.accessibility = partner.accessibility != null ? partner.accessibility : duplicate.accessibility;
        partner.openingHours = partner.openingHours != null ? partner.openingHours : duplicate.openingHours;
        offers.flush();
        announcer.removed(duplicate, requestId);
        duplicate.neighbourhoods.clear();
        partners.delete(duplicate);
        partners.flush();
        announcer.changed(partner, false, requestId);
        return partner;
    }

    /** Refuses a new partner that looks like one the directory has (name, neighbourhood, address within 300 m). */
    void refuseLikelyDuplicate(Partner partner) {
        var first = partner.addresses.isEmpty() ? null : partner.addresses.get(0);
        var candidates = duplicates.likelyDuplicates(partner.name, first == null ? null : first.lat,
                first == null ? null : first.lon, partner.neighbourhoods.stream().map(n -> n.id).toList(), null);
        if (!candidates.isEmpty()) {
            throw new LikelyDuplicateException(candidates);
        }
    }

    /** Hibernate inserts the state as of persist(): complete it first, or the insert is followed by an update. */
    void persist(Partner partner) {
        partner.searchSource = PartnerAnnouncer.searchSource(partner, List.of());
        partner.searchNames = PartnerAnnouncer.searchNames(partner, List.of());
        partners.persist(partner);
    }

    void apply(Partner partner, PartnerChange change) {
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
        partner.externalId = change.externalId();
        partner.name = change.name();
        partner.alternateNames = new ArrayList<>(change.alternateNames());
        partner.kind = change.kind();
        partner.description = change.description();
        partner.neighbourhoods = change.neighbourhoods().stream().map(areas::get)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        partner.addresses = keepDetails(partner.addresses, change.addresses());
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

    /**
     * The new addresses; one written through the Kiezwerk API (without HSDS details) that is an old
     * address unchanged keeps that address's HSDS details (ids, region, state, ...).
     */
    static List<Address> keepDetails(List<Address> before,
            List<Address> after) {
        List<Address> unused = new ArrayList<>(before);
        List<Address> result = new ArrayList<>();
        for (var address : after) {
            var kept = address.copy();
            if (!kept.hasDetails()) {
                for (var old : unused) {
                    if (old.samePlace(kept)) {
                        kept.keepDetailsOf(old);
                        unused.remove(old);
                        break;
                    }
                }
            }
            result.add(kept);
        }
        return result;
    }
}
