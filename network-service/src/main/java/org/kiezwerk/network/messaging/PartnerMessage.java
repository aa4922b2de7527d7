package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;
import org.kiezwerk.network.domain.PartnerProfile;

/**
 * What the network needs of a message on {@code kiezwerk.partners.v1}. Unknown fields are ignored,
 * so that the partner-service can add fields without breaking this consumer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartnerMessage(UUID id, String name, String kind, String neighbourhood, java.util.List<Area> neighbourhoods,
        java.util.List<Address> addresses, java.util.List<Offer> offers, java.util.List<Resource> resources, Long version) {

    /** One of its addresses; only the coordinates matter here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(Double lat, Double lon) {

        boolean located() {
            return lat != null && lon != null && Double.isFinite(lat) && Double.isFinite(lon)
                    && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Offer(java.util.List<String> targetGroups) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resource(String direction, String kind) {
    }

    /** The target groups its offers serve, the resource kinds it offers and the ones it needs. */
    PartnerProfile profile() {
        java.util.TreeSet<String> groups = new java.util.TreeSet<>();
        java.util.TreeSet<String> offered = new java.util.TreeSet<>();
        java.util.TreeSet<String> needed = new java.util.TreeSet<>();
        if (offers != null) {
            offers.forEach(o -> {
                if (o.targetGroups() != null) {
                    groups.addAll(o.targetGroups());
                }
            });
        }
        if (resources != null) {
            resources.forEach(r -> ("needed".equals(r.direction()) ? needed : offered).add(r.kind()));
        }
        Address located = addresses == null ? null
                : addresses.stream().filter(a -> a != null && a.located()).findFirst().orElse(null);
        return new PartnerProfile(java.util.List.copyOf(groups), java.util.List.copyOf(offered), java.util.List.copyOf(needed), places(),
                located == null ? null : located.lat(), located == null ? null : located.lon());
    }

    /** A neighbourhood the partner is active in, with the areas above it (parent first, up to the city). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Area(String code, String name, String level, String parentCode, java.util.List<Ancestor> ancestors) {

        /** The areas above it; from older messages, which name only the parent, just that one. */
        java.util.List<Ancestor> above() {
            if (ancestors != null && !ancestors.isEmpty()) {
                return ancestors.stream().filter(a -> a != null && a.code() != null).toList();
            }
            return parentCode == null ? java.util.List.of() : java.util.List.of(new Ancestor(parentCode, null, null));
        }
    }

    /** An area above a neighbourhood. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ancestor(String code, String name, String level) {
    }

    /** Its neighbourhoods as the graph's Neighbourhood nodes need them. */
    java.util.List<java.util.Map<String, Object>> places() {
        if (neighbourhoods == null) {
            return java.util.List.of();
        }
        java.util.List<java.util.Map<String, Object>> places = new java.util.ArrayList<>();
        for (Area area : neighbourhoods) {
            if (area.code() != null) {
                java.util.Map<String, Object> place = new java.util.HashMap<>();
                place.put("code", area.code());
                place.put("name", area.name() == null ? area.code() : area.name());
                place.put("level", area.level() == null ? "quarter" : area.level());
                place.put("parentCode", area.parentCode());
                java.util.List<java.util.Map<String, Object>> chain = new java.util.ArrayList<>();
                for (Ancestor up : area.above()) {
                    java.util.Map<String, Object> link = new java.util.HashMap<>();
                    link.put("code", up.code());
                    link.put("name", up.name());
                    link.put("level", up.level());
                    chain.add(link);
                }
                place.put("chain", chain);
                places.add(place);
            }
        }
        return places;
    }

    /**
     * The codes of its neighbourhoods and of every area above them (district, city), so that an
     * analysis of an area at any level includes the partners of its sub-areas.
     */
    java.util.List<String> areaCodes() {
        if (neighbourhoods == null) {
            return java.util.List.of();
        }
        java.util.LinkedHashSet<String> codes = new java.util.LinkedHashSet<>();
        for (Area area : neighbourhoods) {
            if (area.code() != null) {
                codes.add(area.code());
            }
            area.above().forEach(up -> codes.add(up.code()));
        }
        return java.util.List.copyOf(codes);
    }

    /** Rejects what cannot become a node; the message then goes to the dead-letter topic with this reason. */
    void check(String key) {
        if (id == null || version == null || version < 0 || name == null || name.isBlank()) {
            throw new IllegalArgumentException("partner message needs id, name and a version >= 0");
        }
        if (!id.toString().equals(key)) {
            throw new IllegalArgumentException("message key " + key + " is not the partner id " + id);
        }
    }
}
