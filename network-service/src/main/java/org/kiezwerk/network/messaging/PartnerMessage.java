package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.kiezwerk.network.domain.PartnerChange;
import org.kiezwerk.network.domain.PartnerProfile;

/**
 * What the network needs of a message on {@code kiezwerk.partners.v1}. Unknown fields are ignored,
 * so that the partner-service can add fields without breaking this consumer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartnerMessage(UUID id, String name, String kind, String neighbourhood, List<Area> neighbourhoods,
        List<Address> addresses, List<Offer> offers, List<Resource> resources, Long version) {

    /** One of its addresses; only the coordinates matter here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(Double lat, Double lon) {

        boolean located() {
            return lat != null && lon != null && Double.isFinite(lat) && Double.isFinite(lon)
                    && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Offer(List<String> targetGroups) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resource(String direction, String kind) {
    }

    /** The target groups its offers serve, the resource kinds it offers and the ones it needs. */
    PartnerProfile profile() {
        TreeSet<String> groups = new TreeSet<>();
        TreeSet<String> offered = new TreeSet<>();
        TreeSet<String> needed = new TreeSet<>();
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
        return new PartnerProfile(List.copyOf(groups), List.copyOf(offered), List.copyOf(needed), places(),
                located == null ? null : located.lat(), located == null ? null : located.lon());
    }

    /** A neighbourhood the partner is active in, with the areas above it (parent first, up to the city). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Area(String code, String name, String level, String parentCode, List<Ancestor> ancestors) {

        /** The areas above it; from older messages, which name only the parent, just that one. */
        List<Ancestor> above() {
            if (ancestors != null && !ancestors.isEmpty()) {
                return ancestors.stream().filter(a -> a != null && a.code() != null).toList();
            }
            return parentCode == null ? List.of() : List.of(new Ancestor(parentCode, null, null));
        }
    }

    /** An area above a neighbourhood. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ancestor(String code, String name, String level) {
    }

    /** Its neighbourhoods as the graph's Neighbourhood nodes need them. */
    List<Map<String, Object>> places() {
        if (neighbourhoods == null) {
            return List.of();
        }
        List<Map<String, Object>> places = new ArrayList<>();
        for (Area area : neighbourhoods) {
            if (area.code() != null) {
                Map<String, Object> place = new HashMap<>();
                place.put("code", area.code());
                place.put("name", area.name() == null ? area.code() : area.name());
                place.put("level", area.level() == null ? "quarter" : area.level());
                place.put("parentCode", area.parentCode());
                List<Map<String, Object>> chain = new ArrayList<>();
                for (Ancestor up : area.above()) {
                    Map<String, Object> link = new HashMap<>();
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
    List<String> areaCodes() {
        if (neighbourhoods == null) {
            return List.of();
        }
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        for (Area area : neighbourhoods) {
            if (area.code() != null) {
                codes.add(area.code());
            }
            area.above().forEach(up -> codes.add(up.code()));
        }
        return List.copyOf(codes);
    }

    /** The change this message states: the partner's state at its version, or its removal. */
    PartnerChange change(boolean removed, String eventId) {
        return removed ? PartnerChange.removal(id, version, eventId)
                : new PartnerChange(id, name, kind, neighbourhood, areaCodes(), profile(), version, eventId, false);
    }

    /** Rejects what cannot become a node; the message then goes to the dead-letter topic with this reason. */
    void check(String key) {
        if (id == null || version == null || version < 0 || name == null || name.isBlank()) {
            throw new IllegalArgumentException("partner message needs id, name and a version >= 0");
        }
        if (!id.toString().equals(key)) {
            throw new IllegalArgumentException("message key " + key + " is not the partner id " + id);
        }
        // said here, so that the dead-letter log gives the reason rather than a NullPointerException from deep inside
        if (resources != null && resources.stream().anyMatch(r -> r == null || r.kind() == null || r.kind().isBlank()
                || !"offered".equals(r.direction()) && !"needed".equals(r.direction()))) {
            throw new IllegalArgumentException("partner message " + id + " has a resource without a kind, or neither offered nor needed");
        }
        if (offers != null && offers.stream().anyMatch(o -> o == null
                || o.targetGroups() != null && o.targetGroups().stream().anyMatch(g -> g == null || g.isBlank()))) {
            throw new IllegalArgumentException("partner message " + id + " has an empty offer or target group");
        }
        if (neighbourhoods != null && neighbourhoods.stream().anyMatch(a -> a == null)) {
            throw new IllegalArgumentException("partner message " + id + " has an empty neighbourhood");
        }
    }
}
