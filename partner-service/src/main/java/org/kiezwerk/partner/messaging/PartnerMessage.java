package org.kiezwerk.partner.messaging;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.Address;
import org.kiezwerk.partner.domain.Neighbourhood;
import org.kiezwerk.partner.domain.Offer;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.PartnerStatus;
import org.kiezwerk.partner.domain.Resource;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;

/**
 * The value of a message on {@code kiezwerk.partners.v1}: the partner's full current state, with its
 * offers and resources, and its version, so that a consumer can drop anything older than what it
 * already has. Documented in docs/events.md.
 */
public record PartnerMessage(
        UUID id,
        String externalId,
        String name,
        List<String> alternateNames,
        PartnerKind kind,
        String description,
        PartnerStatus status,
        /** The first neighbourhood's name, for consumers of the first message version. */
        String neighbourhood,
        List<Area> neighbourhoods,
        List<Place> addresses,
        String email,
        String phone,
        String website,
        List<String> languages,
        LocalDate lastVerified,
        List<OfferSummary> offers,
        List<ResourceSummary> resources,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        /** When someone last confirmed the entry is right (freshness; a confirmation alone also sends a message). */
        OffsetDateTime confirmedAt) {

    public static final String SOURCE = "/partner-service";
    public static final String REGISTERED = "org.kiezwerk.partner.registered.v1";
    public static final String UPDATED = "org.kiezwerk.partner.updated.v1";
    public static final String REMOVED = "org.kiezwerk.partner.removed.v1";

    /**
     * A neighbourhood with the chain of areas above it (parent first, up to the city), so that
     * consumers know the whole hierarchy and an area filter at any level can include its sub-areas.
     */
    public record Area(UUID id, String code, String name, String level, String parentCode, List<Ancestor> ancestors) {
    }

    /** An area above a neighbourhood. */
    public record Ancestor(String code, String name, String level) {
    }

    public record Place(String street, String postcode, String city, Double lat, Double lon) {
    }

    public record OfferSummary(UUID id, String name, String category, List<String> targetGroups, Integer ageMin,
            Integer ageMax, boolean free, boolean childcare) {
    }

    public record ResourceSummary(UUID id, ResourceDirection direction, ResourceKind kind, String name, Integer capacity) {
    }

    public static PartnerMessage of(Partner partner, List<Offer> offers, List<Resource> resources) {
        List<Area> areas = partner.neighbourhoods.stream().map(PartnerMessage::area).toList();
        return new PartnerMessage(partner.id, partner.externalId, partner.name, List.copyOf(partner.alternateNames), partner.kind,
                partner.description, partner.status, areas.isEmpty() ? null : areas.get(0).name(), areas,
                partner.addresses.stream().map(PartnerMessage::place).toList(), partner.email, partner.phone,
                partner.website, List.copyOf(partner.languages), partner.lastVerified,
                offers.stream().map(PartnerMessage::offer).toList(),
                resources.stream().map(r -> new ResourceSummary(r.id, r.direction, r.kind, r.name, r.capacity)).toList(),
                partner.version, partner.createdAt, partner.updatedAt, partner.confirmedAt);
    }

    private static Area area(Neighbourhood n) {
        List<Ancestor> ancestors = new ArrayList<>();
        // bounded: the levels nest strictly (city > district > quarter), a cycle is impossible, the guard is cheap
        for (Neighbourhood above = n.parent; above != null && ancestors.size() < 10; above = above.parent) {
            ancestors.add(new Ancestor(above.code, above.name, above.level.name().toLowerCase()));
        }
        return new Area(n.id, n.code, n.name, n.level.name().toLowerCase(), n.parent == null ? null : n.parent.code,
                List.copyOf(ancestors));
    }

    private static Place place(Address a) {
        return new Place(a.street, a.postcode, a.city, a.lat, a.lon);
    }

    private static OfferSummary offer(Offer o) {
        return new OfferSummary(o.id, o.name, o.category.code,
                o.targetGroups.stream().map(t -> t.code).sorted(Comparator.naturalOrder()).toList(),
                o.ageMin, o.ageMax, o.free, o.childcare);
    }
}
