package org.kiezwerk.partner.api.hsds;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.kiezwerk.partner.config.HsdsConfig;
import org.kiezwerk.partner.domain.Address;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.OpeningSchedule;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerStatus;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.repository.OfferRepository;

/**
 * Partners become HSDS organizations, offers services, a partner's addresses locations, an offer at
 * its partner's first address a service_at_location, terms attributes. Ids of HSDS objects that
 * Kiezwerk has no table for are derived from their owner's id, so they are stable across calls.
 */
@ApplicationScoped
public class HsdsMapper {

    /** A service_at_location's id is its offer's id with these bits flipped: stable and reversible. */
    private static final long SAL_MASK_HIGH = 0x5a15a15a15a15a1L;
    private static final long SAL_MASK_LOW = 0x0c0ffee0c0ffee0L;

    @Inject
    OfferRepository offers;

    @Inject
    HsdsConfig config;

    static UUID derived(String kind, Object owner, Object part) {
        return UUID.nameUUIDFromBytes(("hsds:" + kind + ":" + owner + ":" + part).getBytes(StandardCharsets.UTF_8));
    }

    static UUID serviceAtLocationId(UUID offerId) {
        return new UUID(offerId.getMostSignificantBits() ^ SAL_MASK_HIGH, offerId.getLeastSignificantBits() ^ SAL_MASK_LOW);
    }

    static UUID offerIdOf(UUID serviceAtLocationId) {
        return serviceAtLocationId(serviceAtLocationId);
    }

    static UUID taxonomyId(Taxonomy taxonomy) {
        return derived("taxonomy", taxonomy.code, 0);
    }

    static UUID locationId(Partner partner, int position) {
        return derived("location", partner.id, position);
    }

    // ---- organizations

    Hsds.Organization organizationFlat(Partner p) {
        return new Hsds.Organization(p.id, p.name, p.alternateNames.isEmpty() ? null : p.alternateNames.get(0),
                description(p), p.email, p.website, null, null, null);
    }

    /** The full organization; with its services unless it is nested in one of them. */
    Hsds.Organization organization(Partner p, boolean withServices) {
        List<Hsds.Phone> phones = p.phone == null ? List.of()
                : List.of(new Hsds.Phone(derived("phone", p.id, 0), p.id, p.phone));
        List<Hsds.Location> locations = new ArrayList<>();
        for (int i = 0; i < p.addresses.size(); i++) {
            locations.add(location(p, i));
        }
        List<Hsds.Service> services = withServices
                ? offers.ofPartner(p.id).stream().map(o -> serviceFlat(o, false)).toList() : null;
        return new Hsds.Organization(p.id, p.name, p.alternateNames.isEmpty() ? null : p.alternateNames.get(0),
                description(p), p.email, p.website, phones, locations, services);
    }

    private static String description(Partner p) {
        return p.description != null && !p.description.isBlank() ? p.description : p.name;
    }

    // ---- locations

    Hsds.Location locationFlat(Partner p, int position) {
        Address a = p.addresses.get(position);
        return new Hsds.Location(locationId(p, position), "physical", p.id, p.name, decimal(a.lat), decimal(a.lon),
                null, null, null);
    }

    Hsds.Location location(Partner p, int position) {
        Address a = p.addresses.get(position);
        UUID id = locationId(p, position);
        // HSDS requires street, city, postcode, region and country; an incomplete address is left out
        List<Hsds.Address> addresses = a.street != null && a.city != null && a.postcode != null
                ? List.of(new Hsds.Address(derived("address", p.id, position), id, a.street, a.city, config.stateProvince(),
                        a.postcode, config.country(), "physical"))
                : List.of();
        List<Hsds.Language> languages = p.languages.stream()
                .map(code -> new Hsds.Language(derived("language", id, code), null, id, code)).toList();
        List<Hsds.Accessibility> accessibility = p.accessibility == null ? List.of()
                : List.of(new Hsds.Accessibility(derived("accessibility", id, 0), id, p.accessibility));
        return new Hsds.Location(id, "physical", p.id, p.name, decimal(a.lat), decimal(a.lon), languages, addresses,
                accessibility);
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    // ---- services

    /** A service's own fields, with its organization flat (list items) or without it. */
    Hsds.Service serviceFlat(Offer o, boolean withOrganization) {
        return new Hsds.Service(o.id, o.partner.id, o.name, o.description, status(o), o.free ? null : o.cost,
                eligibility(o), o.ageMin, o.ageMax, o.updatedAt, withOrganization ? organizationFlat(o.partner) : null,
                null, null, null, null, null);
    }

    /** The full service; its service_at_location only when it is not itself nested in one. */
    Hsds.Service service(Offer o, boolean withServiceAtLocations) {
        List<Hsds.Language> languages = o.languages.stream()
                .map(code -> new Hsds.Language(derived("language", o.id, code), o.id, null, code)).toList();
        List<Hsds.Schedule> schedules = new ArrayList<>();
        for (int i = 0; i < o.schedules.size(); i++) {
            schedules.add(schedule(o, i));
        }
        List<Hsds.CostOption> costs = o.free
                ? List.of(new Hsds.CostOption(derived("cost", o.id, 0), o.id, "free", config.currency(), BigDecimal.ZERO, null))
                : o.cost == null ? List.of()
                : List.of(new Hsds.CostOption(derived("cost", o.id, 0), o.id, null, config.currency(), null, o.cost));
        List<Hsds.Attribute> attributes = new ArrayList<>();
        attributes.add(attribute(o, o.category, "category"));
        o.targetGroups.forEach(group -> attributes.add(attribute(o, group, "target_group")));
        List<Hsds.ServiceAtLocation> atLocations = withServiceAtLocations && !o.partner.addresses.isEmpty()
                ? List.of(new Hsds.ServiceAtLocation(serviceAtLocationId(o.id), o.id, locationId(o.partner, 0),
                        location(o.partner, 0), null))
                : null;
        return new Hsds.Service(o.id, o.partner.id, o.name, o.description, status(o), o.free ? null : o.cost,
                eligibility(o), o.ageMin, o.ageMax, o.updatedAt, organization(o.partner, false), languages, schedules,
                costs, attributes, atLocations);
    }

    private static String status(Offer o) {
        return o.partner.status == PartnerStatus.ACTIVE ? "active" : "inactive";
    }

    private static String eligibility(Offer o) {
        return o.targetGroups.isEmpty() ? null
                : o.targetGroups.stream().map(t -> t.nameDe).collect(Collectors.joining(", "));
    }

    /** HSDS knows WEEKLY and MONTHLY; a daily rhythm is weekly on every day, a yearly one only described. */
    private static Hsds.Schedule schedule(Offer o, int position) {
        OpeningSchedule s = o.schedules.get(position);
        String freq = s.freq();
        String byDay = s.byDay();
        if ("DAILY".equals(freq) && s.interval() == null || "DAILY".equals(freq) && s.interval() == 1) {
            freq = "WEEKLY";
            byDay = "MO,TU,WE,TH,FR,SA,SU";
        } else if (!"WEEKLY".equals(freq) && !"MONTHLY".equals(freq)) {
            freq = null;
        }
        String description = s.description();
        if (freq == null) {
            description = (description == null ? "" : description + " ") + "(" + s.freq() + ")";
        }
        return new Hsds.Schedule(derived("schedule", o.id, position), o.id, freq, freq == null ? null : s.interval(),
                freq == null ? null : byDay, freq == null ? null : s.byMonthDay(), s.opensAt(), s.closesAt(),
                s.validFrom() == null ? null : s.validFrom().toString(), s.validTo() == null ? null : s.validTo().toString(),
                description);
    }

    private Hsds.Attribute attribute(Offer o, TaxonomyTerm term, String linkType) {
        return new Hsds.Attribute(derived("attribute", o.id, term.id), o.id, term.id, linkType, "service", term(term));
    }

    // ---- service_at_locations

    Hsds.ServiceAtLocation serviceAtLocationFlat(Offer o) {
        return new Hsds.ServiceAtLocation(serviceAtLocationId(o.id), o.id, locationId(o.partner, 0),
                locationFlat(o.partner, 0), serviceFlat(o, true));
    }

    Hsds.ServiceAtLocation serviceAtLocation(Offer o) {
        return new Hsds.ServiceAtLocation(serviceAtLocationId(o.id), o.id, locationId(o.partner, 0),
                location(o.partner, 0), service(o, false));
    }

    // ---- taxonomies

    static Hsds.Taxonomy taxonomy(Taxonomy t) {
        return new Hsds.Taxonomy(taxonomyId(t), t.code, t.nameEn + " / " + t.nameDe + ": the Kiezwerk vocabulary of "
                + t.nameEn.toLowerCase() + ", in German and English.", "1");
    }

    /** Terms are published in German, the directory's language; the English name is in the description. */
    static Hsds.TaxonomyTerm term(TaxonomyTerm t) {
        String description = t.description != null && !t.description.isBlank() ? t.description : t.nameEn;
        return new Hsds.TaxonomyTerm(t.id, t.code, t.nameDe, description, t.taxonomy.code, taxonomyId(t.taxonomy), "de");
    }
}
