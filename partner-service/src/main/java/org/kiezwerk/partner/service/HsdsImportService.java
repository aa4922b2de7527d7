package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kiezwerk.partner.domain.Address;
import org.kiezwerk.partner.domain.ImportMapping;
import org.kiezwerk.partner.domain.InvalidReferenceException.FieldProblem;
import org.kiezwerk.partner.domain.InvalidRowException;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.OfferLocation;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.PartnerStatus;
import org.kiezwerk.partner.domain.SearchText;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.repository.NeighbourhoodRepository;
import org.kiezwerk.partner.repository.OfferRepository;
import org.kiezwerk.partner.repository.PartnerRepository;
import org.kiezwerk.partner.repository.TaxonomyTermRepository;

/**
 * Writes one HSDS organization of an import, with its services, in one transaction: the mapping
 * rules name its neighbourhoods, kind and terms; the HSDS ids become the partner's and offers' own
 * where they are free (a repeated import finds them again by them); offers imported earlier that
 * the organization no longer lists are removed, offers written in Kiezwerk stay. The partner is
 * announced once, with its offers. Whatever could not be mapped is returned as warnings.
 */
@ApplicationScoped
public class HsdsImportService {

    @Inject
    Confirmations confirmations;

    @Inject
    PartnerRepository partners;

    @Inject
    OfferRepository offers;

    @Inject
    NeighbourhoodRepository neighbourhoods;

    @Inject
    TaxonomyTermRepository terms;

    @Inject
    PartnerService partnerService;

    @Inject
    PartnerAnnouncer announcer;

    @Inject
    EntityManager em;

    /** Whether the row created a partner (else it updated one or found it unchanged), and what it had to leave out. */
    public record Outcome(boolean created, List<FieldProblem> warnings) {
    }

    /** A service's plan: the offer it updates (or the id it creates), its resolved terms and ids. */
    private static final class Planned {
        final HsdsRow.Service service;
        final UUID key;
        Offer offer;
        UUID offerId;
        TaxonomyTerm category;
        final Map<String, TaxonomyTerm> groups = new LinkedHashMap<>();
        final Map<String, UUID> ids;
        final List<OfferLocation> locations = new ArrayList<>();

        Planned(HsdsRow.Service service) {
            this.service = service;
            this.key = service.uuid() != null ? service.uuid() : UUID.nameUUIDFromBytes(("hsds-service:"
                    + (service.hsdsId() != null ? service.hsdsId() : "#" + service.path())).getBytes(StandardCharsets.UTF_8));
            this.ids = new HashMap<>(service.ids());
        }

        /** HSDS knows no childcare or registration flags: an offer keeps its own, a new one has neither. */
        OfferChange change(UUID partnerId) {
            return new OfferChange(partnerId, service.name(), service.description(), category.code, List.copyOf(groups.keySet()),
                    service.ageMin(), service.ageMax(), service.free(), service.cost(), service.schedules(), service.languages(),
                    offer != null && offer.childcare, offer != null && offer.registrationRequired);
        }

        boolean differs(UUID partnerId) {
            return offer == null || !change(partnerId).describes(offer) || !Objects.equals(offer.status, service.status())
                    || !offer.hsdsIds.equals(ids) || !Objects.equals(offer.hsdsId, key) || !sameLocations(offer.locations, locations)
                    || service.assuredDate() != null
                            && !service.assuredDate().equals(offer.confirmedAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
        }
    }

    @Transactional
    public Outcome write(HsdsRow row, ImportMapping mapping, String defaultNeighbourhood, String defaultKind,
            boolean checkDuplicates, String requestId) {
        ImportMapping rules = mapping == null ? ImportMapping.defaults() : mapping;
        List<FieldProblem> warnings = new ArrayList<>(row.warnings());
        Partner partner = find(row);
        boolean created = partner == null;

        List<String> areas = neighbourhoods(row, rules, warnings);
        if (areas.isEmpty()) {
            if (!created) {
                areas = partner.neighbourhoods.stream().map(n -> n.code).toList();
            } else if (defaultNeighbourhood != null) {
                areas = List.of(defaultNeighbourhood);
            } else {
                throw new InvalidRowException(List.of(new FieldProblem("neighbourhood", "no address names a neighbourhood of the"
                        + " directory (areaBy=" + areaBy(rules) + "): map them with areaMap, or give neighbourhood= for"
                        + " organizations without one")));
            }
        }
        PartnerKind kind = kind(row, rules, warnings, created ? PartnerKind.valueOf(defaultKind.toUpperCase(Locale.ROOT))
                : partner.kind);
        PartnerChange change = new PartnerChange(created ? row.externalId() : partner.externalId, row.name(),
                row.alternateNames(), kind, row.description(), areas, row.addresses(), row.email(),
                row.phones().isEmpty() ? null : row.phones().get(0).number(), row.website(), row.languages(), row.accessibility(),
                created ? null : partner.openingHours, created ? PartnerStatus.ACTIVE : partner.status,
                created ? "hsds import" : partner.source, created ? null : partner.lastVerified);

        List<Planned> planned = plan(row, rules, warnings);
        List<Offer> existing = created ? List.of() : offers.ofPartner(partner.id);
        match(planned, existing, warnings);
        UUID partnerId = created ? (row.uuid() != null ? row.uuid() : UUID.randomUUID()) : partner.id;
        Set<Offer> matched = planned.stream().map(p -> p.offer).filter(Objects::nonNull).collect(Collectors.toSet());
        if (!created && change.describes(partner) && sameAddresses(row.addresses(), partner.addresses)
                && row.phones().equals(partner.hsdsPhones) && row.ids().equals(partner.hsdsIds)
                && planned.stream().noneMatch(p -> p.differs(partnerId))
                && existing.stream().allMatch(o -> o.hsdsId == null || matched.contains(o))) {
            return new Outcome(false, warnings); // imported again unchanged: nothing to write or announce
        }

        if (created) {
            partner = Partner.create(partnerId);
            partnerService.apply(partner, change);
            if (checkDuplicates) {
                partnerService.refuseLikelyDuplicate(partner);
            }
        } else {
            partnerService.apply(partner, change);
        }
        // HSDS organizations carry no assured_date: an import that writes one confirms it now
        String importer = confirmations.callerOr(Confirmations.IMPORT);
        partner.confirm(Partner.now(), importer);
        partner.hsdsPhones = new ArrayList<>(row.phones());
        partner.hsdsIds = new HashMap<>(row.ids());
        if (created) {
            partnerService.persist(partner);
        }

        List<Offer> itsOffers = new ArrayList<>();
        for (Planned p : planned) {
            Offer offer = p.offer;
            boolean isNew = offer == null;
            if (isNew) {
                offer = new Offer();
                offer.id = p.offerId;
                offer.createdAt = Partner.now();
            }
            if (p.differs(partner.id)) {
                OfferService.set(offer, partner, p.change(partner.id), p.category, p.groups);
                offer.confirm(p.service.assuredDate() != null
                        ? p.service.assuredDate().atStartOfDay().atOffset(ZoneOffset.UTC) : Partner.now(), importer);
                offer.hsdsId = p.key;
                offer.status = p.service.status();
                offer.hsdsIds = new HashMap<>(p.ids);
                offer.locations = p.locations.stream().map(l -> OfferLocation.of(l.id, l.locationId, l.description))
                        .collect(Collectors.toCollection(ArrayList::new));
            }
            if (isNew) {
                offers.persist(offer);
            }
            itsOffers.add(offer);
        }
        for (Offer offer : existing) {
            if (!matched.contains(offer)) {
                if (offer.hsdsId != null) {
                    offers.delete(offer); // imported earlier, no longer in the organization's services
                } else {
                    itsOffers.add(offer); // written in Kiezwerk: stays
                }
            }
        }
        itsOffers.sort(Comparator.comparing((Offer o) -> o.name).thenComparing(o -> o.id));
        announcer.announce(partner, created, itsOffers, requestId);
        return new Outcome(created, warnings);
    }

    /** The partner a repeated import (its external id) or an earlier export (its id) names; locked. */
    private Partner find(HsdsRow row) {
        Partner found = row.externalId() == null ? null : partners.find("externalId", row.externalId()).firstResult();
        if (found == null && row.uuid() != null) {
            found = partners.findById(row.uuid());
        }
        if (found != null) {
            // offers of the partner written at the same time wait for this row, and it for them
            em.lock(found, LockModeType.PESSIMISTIC_WRITE);
        }
        return found;
    }

    // ---- neighbourhoods and kind

    private static String areaBy(ImportMapping rules) {
        return rules.areaBy() == null ? ImportMapping.DEFAULT_AREA_BY : rules.areaBy();
    }

    private List<String> neighbourhoods(HsdsRow row, ImportMapping rules, List<FieldProblem> warnings) {
        String by = areaBy(rules);
        if (by.equals("none")) {
            return List.of();
        }
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        Map<String, List<String>> named = new HashMap<>();
        for (int i = 0; i < row.addresses().size(); i++) {
            Address address = row.addresses().get(i);
            String value = switch (by) {
                case "city" -> address.city;
                case "postal_code" -> address.postcode;
                default -> address.region;
            };
            if (value == null || value.isBlank()) {
                continue;
            }
            String field = row.addressPaths().get(i) + "." + by;
            String mapped = rules.areas() == null ? null : rules.areas().get(fold(value));
            if (mapped != null) {
                codes.add(mapped);
                continue;
            }
            List<String> matches = named.computeIfAbsent(value.strip(), neighbourhoods::named);
            if (matches.size() == 1) {
                codes.add(matches.get(0));
            } else if (matches.isEmpty()) {
                warnings.add(new FieldProblem(field, quote(value) + " names no neighbourhood (by code or name) – areaMap="
                        + value.strip() + ":<code> maps it"));
            } else {
                warnings.add(new FieldProblem(field, quote(value) + " names several neighbourhoods " + matches
                        + " – areaMap=" + value.strip() + ":<code> says which"));
            }
        }
        List<String> result = new ArrayList<>(codes);
        if (result.size() > 50) {
            warnings.add(new FieldProblem("locations", "the neighbourhoods " + result.subList(50, result.size())
                    + " are not imported: a partner is in at most 50"));
            result = result.subList(0, 50);
        }
        return result;
    }

    private static PartnerKind kind(HsdsRow row, ImportMapping rules, List<FieldProblem> warnings, PartnerKind fallback) {
        for (String value : row.kindValues()) {
            String mapped = rules.kinds() == null ? null : rules.kinds().get(fold(value));
            String code = mapped != null ? mapped : value.strip().toLowerCase(Locale.ROOT);
            for (PartnerKind kind : PartnerKind.values()) {
                if (kind.name().equalsIgnoreCase(code)) {
                    return kind;
                }
            }
        }
        if (!row.kindValues().isEmpty()) {
            String by = rules.kindBy() == null ? ImportMapping.DEFAULT_KIND_BY : rules.kindBy();
            warnings.add(new FieldProblem(by.equals("attribute") ? "attributes" : by, row.kindValues().stream()
                    .map(HsdsImportService::quote).collect(Collectors.joining(", ")) + " names no partner kind – kind "
                    + fallback.name().toLowerCase(Locale.ROOT) + " (kindMap=<value>:<kind> maps it)"));
        }
        return fallback;
    }

    // ---- services

    private List<Planned> plan(HsdsRow row, ImportMapping rules, List<FieldProblem> warnings) {
        if (row.services().isEmpty()) {
            return List.of();
        }
        List<TaxonomyTerm> all = terms.listAll();
        Map<UUID, TaxonomyTerm> byId = all.stream().collect(Collectors.toMap(t -> t.id, Function.identity()));
        Map<String, TaxonomyTerm> categories = all.stream().filter(t -> t.taxonomy == Taxonomy.OFFER_CATEGORIES)
                .collect(Collectors.toMap(t -> t.code, Function.identity()));
        Map<String, TaxonomyTerm> groups = all.stream().filter(t -> t.taxonomy == Taxonomy.TARGET_GROUPS)
                .collect(Collectors.toMap(t -> t.code, Function.identity()));
        String fallbackCode = rules.category() == null ? ImportMapping.DEFAULT_CATEGORY : rules.category();
        TaxonomyTerm fallback = categories.get(fallbackCode);
        List<Planned> planned = new ArrayList<>();
        for (HsdsRow.Service service : row.services()) {
            Planned p = new Planned(service);
            for (HsdsRow.TermRef ref : service.terms()) {
                TaxonomyTerm term = resolve(ref, rules, byId, categories, groups);
                if (term == null) {
                    warnings.add(new FieldProblem(ref.path(), "not imported: the taxonomy term " + describe(ref)
                            + " is no offer category or target group of the directory (termMap=<code or name>:<code> maps it)"));
                    continue;
                }
                if (term.taxonomy == Taxonomy.OFFER_CATEGORIES) {
                    if (p.category != null && !p.category.equals(term)) {
                        warnings.add(new FieldProblem(ref.path(), "not imported: an offer has one category, and "
                                + p.category.code + " came first (" + term.code + " is left out)"));
                        continue;
                    }
                    p.category = term;
                } else if (p.groups.size() >= 20 && !p.groups.containsKey(term.code)) {
                    warnings.add(new FieldProblem(ref.path(), "not imported: an offer names at most 20 target groups"));
                    continue;
                } else {
                    p.groups.put(term.code, term);
                }
                if (ref.attributeId() != null) {
                    p.ids.putIfAbsent("attribute:" + term.id, ref.attributeId());
                }
            }
            if (p.category == null) {
                if (fallback == null) {
                    throw new InvalidRowException(List.of(new FieldProblem(service.path(), "names no offer category, and the"
                            + " import's category " + quote(fallbackCode) + " is none (any more)")));
                }
                p.category = fallback;
                warnings.add(new FieldProblem(service.path() + ".attributes", "name no offer category of the directory – filed"
                        + " under " + fallback.code + (service.terms().isEmpty() ? "" : " (termMap=<code or name>:<category> maps"
                        + " a term)")));
            }
            planned.add(p);
        }
        return planned;
    }

    private static TaxonomyTerm resolve(HsdsRow.TermRef ref, ImportMapping rules, Map<UUID, TaxonomyTerm> byId,
            Map<String, TaxonomyTerm> categories, Map<String, TaxonomyTerm> groups) {
        if (ref.termId() != null && byId.containsKey(ref.termId())) {
            return byId.get(ref.termId());
        }
        for (String name : new String[] {ref.code(), ref.name()}) {
            String mapped = name == null || rules.terms() == null ? null : rules.terms().get(fold(name));
            if (mapped != null) {
                return categories.containsKey(mapped) ? categories.get(mapped) : groups.get(mapped);
            }
        }
        if (ref.code() == null) {
            return null;
        }
        String code = ref.code().strip();
        String taxonomy = ref.taxonomy() == null ? "" : fold(ref.taxonomy());
        if (taxonomy.equals(Taxonomy.OFFER_CATEGORIES.code)) {
            return categories.get(code);
        }
        if (taxonomy.equals(Taxonomy.TARGET_GROUPS.code)) {
            return groups.get(code);
        }
        return categories.containsKey(code) ? categories.get(code) : groups.get(code);
    }

    /**
     * Which offer each service updates: the one imported from it before, or the partner's offer
     * with its id; a new offer keeps the service's id unless another offer has it.
     */
    @SuppressWarnings("unchecked")
    private void match(List<Planned> planned, List<Offer> existing, List<FieldProblem> warnings) {
        Set<Offer> taken = new HashSet<>();
        Set<UUID> claimed = new HashSet<>();
        for (Planned p : planned) {
            p.offer = existing.stream().filter(o -> !taken.contains(o) && p.key.equals(o.hsdsId)).findFirst()
                    .orElseGet(() -> existing.stream().filter(o -> !taken.contains(o) && o.id.equals(p.service.uuid()))
                            .findFirst().orElse(null));
            if (p.offer != null) {
                taken.add(p.offer);
                p.offerId = p.offer.id;
            } else if (p.service.uuid() != null && !claimed.contains(p.service.uuid())
                    && offers.findByIdOptional(p.service.uuid()).isEmpty()) {
                p.offerId = p.service.uuid();
            } else {
                p.offerId = UUID.randomUUID();
                if (p.service.uuid() != null) {
                    warnings.add(new FieldProblem(p.service.path() + ".id", quote(p.service.uuid().toString()) + " is the id of"
                            + " another offer of the directory – the offer gets the id " + p.offerId));
                }
            }
            claimed.add(p.offerId);
        }
        // service_at_location ids are the directory's too: one that another offer has is replaced
        List<UUID> salIds = planned.stream().flatMap(p -> p.service.locations().stream()).map(l -> l.id).toList();
        Map<UUID, UUID> owners = new HashMap<>();
        if (!salIds.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("select sal_id, offer_id from offer_location where sal_id in (:ids)")
                    .setParameter("ids", salIds).getResultList();
            rows.forEach(r -> owners.put((UUID) r[0], (UUID) r[1]));
        }
        Set<UUID> used = new HashSet<>();
        for (Planned p : planned) {
            for (int j = 0; j < p.service.locations().size(); j++) {
                OfferLocation at = p.service.locations().get(j);
                UUID owner = owners.get(at.id);
                UUID id = at.id;
                if (owner != null && !owner.equals(p.offerId) || !used.add(id)) {
                    id = UUID.randomUUID();
                    used.add(id);
                    warnings.add(new FieldProblem(p.service.path() + ".service_at_locations[" + j + "].id", quote(at.id.toString())
                            + " is the id of another service_at_location – it gets the id " + id));
                }
                p.locations.add(OfferLocation.of(id, at.locationId, at.description));
            }
        }
    }

    // ---- helpers

    static boolean sameAddresses(List<Address> a, List<Address> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameLocations(List<OfferLocation> a, List<OfferLocation> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(HsdsRow.TermRef ref) {
        List<String> parts = new ArrayList<>();
        if (ref.code() != null) {
            parts.add(quote(ref.code()));
        }
        if (ref.name() != null && !ref.name().equals(ref.code())) {
            parts.add(quote(ref.name()));
        }
        if (ref.taxonomy() != null) {
            parts.add("in " + quote(ref.taxonomy()));
        }
        if (parts.isEmpty() && ref.termId() != null) {
            parts.add(ref.termId().toString());
        }
        return parts.isEmpty() ? "(unnamed)" : String.join(" ", parts);
    }

    static String fold(String text) {
        return SearchText.fold(text.strip());
    }

    private static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 77) + "…" : value;
        return "'" + shown + "'";
    }
}
