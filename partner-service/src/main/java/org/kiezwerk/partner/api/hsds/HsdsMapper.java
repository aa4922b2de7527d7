package org.kiezwerk.partner.api.hsds;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.kiezwerk.partner.config.HsdsConfig;
import org.kiezwerk.partner.domain.Address;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.OfferLocation;
import org.kiezwerk.partner.domain.OpeningSchedule;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerStatus;
import org.kiezwerk.partner.domain.ServiceStamp;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.domain.TaxonomyTerm;
import org.kiezwerk.partner.service.HsdsDirectory;

/**
 * Partners become HSDS organizations, offers services, a partner's addresses locations (addresses
 * an HSDS import brought keep their location: rows with one location id form one location), an
 * offer at a location a service_at_location, terms attributes. Ids an HSDS import brought are
 * published again; ids of HSDS objects Kiezwerk has no table for are derived from their owner's id,
 * so they are stable across calls.
 */
@ApplicationScoped
public class HsdsMapper {

    /** A service_at_location's id is its offer's id with these bits flipped: stable and reversible. */
    private static final long SAL_MASK_HIGH = 0x5a15a15a15a15a1L;
    private static final long SAL_MASK_LOW = 0x0c0ffee0c0ffee0L;

    /** How much of its services an organization carries. */
    enum Services { NONE, FLAT, FULL }

    /** One HSDS location of a partner: its address rows (positions in the partner's addresses). */
    record Place(UUID id, List<Integer> positions) {
    }

    /** Where an offer is: the service_at_location's id, the place, what the import said about it. */
    record At(UUID id, Place place, String description) {
    }

    @Inject
    HsdsDirectory directory;

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

    /** A partner's locations, in the order of their first address. */
    static List<Place> places(Partner p) {
        Map<UUID, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < p.addresses.size(); i++) {
            Address a = p.addresses.get(i);
            UUID id = a.locationId != null ? a.locationId : derived("location", p.id, i);
            rows.computeIfAbsent(id, key -> new ArrayList<>()).add(i);
        }
        return rows.entrySet().stream().map(e -> new Place(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    // ---- organizations

    Hsds.Organization organizationFlat(Partner p) {
        return new Hsds.Organization(p.id, p.name, p.alternateNames.isEmpty() ? null : p.alternateNames.get(0),
                description(p), p.email, p.website, null, null, null);
    }

    /** The full organization, with its services flat, in full or (nested in one of them) not at all. */
    Hsds.Organization organization(Partner p, Services services) {
        List<Hsds.Location> locations = places(p).stream().map(place -> location(p, place)).toList();
        List<Hsds.Service> nested = switch (services) {
            case NONE -> null;
            case FLAT -> directory.servicesOf(p.id).stream().map(o -> serviceFlat(o, false)).toList();
            case FULL -> directory.servicesOf(p.id).stream().map(o -> service(o, true, false)).toList();
        };
        return new Hsds.Organization(p.id, p.name, p.alternateNames.isEmpty() ? null : p.alternateNames.get(0),
                description(p), p.email, p.website, phones(p), locations, nested);
    }

    /** The imported phones while the first is still the partner's number; else the number alone. */
    private static List<Hsds.Phone> phones(Partner p) {
        if (!p.hsdsPhones.isEmpty() && Objects.equals(p.hsdsPhones.get(0).number(), p.phone)) {
            return p.hsdsPhones.stream().map(phone -> new Hsds.Phone(phone.id(), p.id, phone.number(), phone.extension(),
                    phone.type(), phone.description())).toList();
        }
        return p.phone == null ? List.of() : List.of(new Hsds.Phone(derived("phone", p.id, 0), p.id, p.phone, null, null, null));
    }

    private static String description(Partner p) {
        return p.description != null && !p.description.isBlank() ? p.description : p.name;
    }

    // ---- locations

    Hsds.Location locationFlat(Partner p, Place place) {
        Address first = p.addresses.get(place.positions().get(0));
        Address located = located(p, place);
        return new Hsds.Location(place.id(), type(first.locationType), p.id, first.locationName != null ? first.locationName : p.name,
                decimal(located.lat), decimal(located.lon), null, null, null);
    }

    Hsds.Location location(Partner p, Place place) {
        Address first = p.addresses.get(place.positions().get(0));
        Address located = located(p, place);
        UUID id = place.id();
        List<Hsds.Address> addresses = new ArrayList<>();
        for (int position : place.positions()) {
            Address a = p.addresses.get(position);
            // HSDS requires street, city, postcode, state and country; an incomplete address is left out
            if (a.street != null && a.city != null && a.postcode != null) {
                addresses.add(new Hsds.Address(a.addressId != null ? a.addressId : derived("address", p.id, position), id, a.street,
                        a.address2, a.city, a.region != null ? a.region : region(p),
                        a.stateProvince != null ? a.stateProvince : config.stateProvince(), a.postcode,
                        a.country != null ? a.country : config.country(), type(a.addressType)));
            }
        }
        List<Hsds.Language> languages = p.languages.stream().map(code -> new Hsds.Language(
                p.hsdsIds.getOrDefault("language:" + id + ":" + code, derived("language", id, code)), null, id,
                HsdsNames.language(code), code)).toList();
        List<Hsds.Accessibility> accessibility = p.accessibility == null ? List.of()
                : List.of(new Hsds.Accessibility(p.hsdsIds.getOrDefault("accessibility:" + id, derived("accessibility", id, 0)), id,
                        p.accessibility));
        return new Hsds.Location(id, type(first.locationType), p.id, first.locationName != null ? first.locationName : p.name,
                decimal(located.lat), decimal(located.lon), languages, addresses, accessibility);
    }

    /** The place's coordinates: those of its first address that has them. */
    private static Address located(Partner p, Place place) {
        return place.positions().stream().map(p.addresses::get).filter(a -> a.lat != null && a.lon != null).findFirst()
                .orElse(p.addresses.get(place.positions().get(0)));
    }

    /** A partner in one neighbourhood: its name is the region of addresses that name none. */
    private static String region(Partner p) {
        return p.neighbourhoods.size() == 1 ? p.neighbourhoods.iterator().next().name : null;
    }

    private static String type(String type) {
        return type != null ? type : "physical";
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    // ---- services

    /** A service's own fields, with its organization flat (list items) or without it. */
    Hsds.Service serviceFlat(Offer o, boolean withOrganization) {
        return new Hsds.Service(o.id, o.partner.id, o.name, o.description, status(o), o.free ? null : o.cost,
                eligibility(o), o.ageMin, o.ageMax, o.updatedAt, assured(o), withOrganization ? organizationFlat(o.partner) : null,
                null, null, null, null, null);
    }

    /** The full service; its service_at_locations and its organization unless it is nested in them. */
    Hsds.Service service(Offer o, boolean withServiceAtLocations, boolean withOrganization) {
        List<Hsds.Language> languages = o.languages.stream()
                .map(code -> new Hsds.Language(o.hsdsIds.getOrDefault("language:" + code, derived("language", o.id, code)), o.id,
                        null, HsdsNames.language(code), code)).toList();
        List<Hsds.Schedule> schedules = new ArrayList<>();
        for (int i = 0; i < o.schedules.size(); i++) {
            schedules.add(schedule(o, i));
        }
        List<Hsds.CostOption> costs = o.free
                ? List.of(new Hsds.CostOption(o.hsdsIds.getOrDefault("cost:free", derived("cost", o.id, 0)), o.id, "free",
                        config.currency(), BigDecimal.ZERO, null))
                : List.of();
        List<Hsds.Attribute> attributes = new ArrayList<>();
        attributes.add(attribute(o, o.category, "category"));
        groups(o).forEach(group -> attributes.add(attribute(o, group, "target_group")));
        List<Hsds.ServiceAtLocation> atLocations = withServiceAtLocations
                ? places(o).stream().map(at -> new Hsds.ServiceAtLocation(at.id(), o.id, at.place().id(), at.description(),
                        location(o.partner, at.place()), null)).toList()
                : null;
        return new Hsds.Service(o.id, o.partner.id, o.name, o.description, status(o), o.free ? null : o.cost,
                eligibility(o), o.ageMin, o.ageMax, o.updatedAt, assured(o), withOrganization ? organization(o.partner, Services.NONE) : null,
                languages, schedules, costs, attributes, atLocations);
    }

    /** HSDS assured_date: the UTC date of the offer's last confirmation. */
    static LocalDate assured(Offer o) {
        return o.confirmedAt == null ? null : o.confirmedAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    static Hsds.ServiceMinimal serviceMinimal(ServiceStamp stamp) {
        return new Hsds.ServiceMinimal(stamp.id(), stamp.updatedAt());
    }

    /** The imported status; an active offer of an inactive partner is inactive. */
    private static String status(Offer o) {
        String status = o.status != null ? o.status : "active";
        return o.partner.status != PartnerStatus.ACTIVE && status.equals("active") ? "inactive" : status;
    }

    private static String eligibility(Offer o) {
        return o.targetGroups.isEmpty() ? null : groups(o).stream().map(t -> t.nameDe).collect(Collectors.joining(", "));
    }

    /** Its target groups in a stable order (the database returns a set in any order). */
    private static List<TaxonomyTerm> groups(Offer o) {
        return o.targetGroups.stream().sorted(Comparator.comparing((TaxonomyTerm t) -> t.code)).toList();
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
        UUID id = o.hsdsIds.getOrDefault(HsdsNames.scheduleKey(position, s), derived("schedule", o.id, position));
        return new Hsds.Schedule(id, o.id, freq, freq == null ? null : s.interval(),
                freq == null ? null : byDay, freq == null ? null : s.byMonthDay(), time(s.opensAt()), time(s.closesAt()),
                s.validFrom() == null ? null : s.validFrom().toString(), s.validTo() == null ? null : s.validTo().toString(),
                description);
    }

    /** HSDS times are ISO 8601 times of day (HH:MM:SS); Kiezwerk keeps minutes. */
    private static String time(String hhmm) {
        return hhmm == null ? null : hhmm + ":00";
    }

    private Hsds.Attribute attribute(Offer o, TaxonomyTerm term, String linkType) {
        return new Hsds.Attribute(o.hsdsIds.getOrDefault("attribute:" + term.id, derived("attribute", o.id, term.id)), o.id,
                term.id, linkType, "service", term(term));
    }

    // ---- service_at_locations

    /**
     * Where an offer is: at the locations its import named (those its partner still has), else at
     * its partner's first location; nowhere if the partner has no address.
     */
    static List<At> places(Offer o) {
        List<Place> places = places(o.partner);
        Map<UUID, Place> byId = places.stream().collect(Collectors.toMap(Place::id, place -> place));
        List<At> named = new ArrayList<>();
        for (OfferLocation at : o.locations) {
            if (byId.containsKey(at.locationId)) {
                named.add(new At(at.id, byId.get(at.locationId), at.description));
            }
        }
        if (!named.isEmpty() || places.isEmpty()) {
            return named;
        }
        return List.of(new At(serviceAtLocationId(o.id), places.get(0), null));
    }

    /** The offer's service_at_location with this id, if it has it. */
    static Optional<At> at(Offer o, UUID id) {
        return places(o).stream().filter(at -> at.id().equals(id)).findFirst();
    }

    Hsds.ServiceAtLocation serviceAtLocationFlat(Offer o, At at) {
        return new Hsds.ServiceAtLocation(at.id(), o.id, at.place().id(), at.description(), locationFlat(o.partner, at.place()),
                serviceFlat(o, true));
    }

    Hsds.ServiceAtLocation serviceAtLocation(Offer o, At at) {
        return new Hsds.ServiceAtLocation(at.id(), o.id, at.place().id(), at.description(), location(o.partner, at.place()),
                service(o, false, true));
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
