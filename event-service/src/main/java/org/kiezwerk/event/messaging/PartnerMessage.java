package org.kiezwerk.event.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.event.service.AreaReplicas;

/** What event-service needs of a message on {@code kiezwerk.partners.v1}; the rest is ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartnerMessage(UUID id, String name, Long version, List<Area> neighbourhoods) {

    static final String REMOVED = "org.kiezwerk.partner.removed.v1";

    /** A neighbourhood the partner is active in, with the areas above it (parent first, up to the city). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Area(String code, String name, String level, String parentCode, List<Ancestor> ancestors) {
    }

    /** An area above a neighbourhood. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ancestor(String code, String name, String level) {
    }

    /** Rejects what cannot be a partner; the message then goes to the dead-letter topic with this reason. */
    void check(String key) {
        if (id == null || version == null || version < 0 || name == null || name.isBlank()) {
            throw new IllegalArgumentException("partner message needs id, name and a version >= 0");
        }
        if (!id.toString().equals(key)) {
            throw new IllegalArgumentException("message key " + key + " is not the partner id " + id);
        }
    }

    /**
     * Every area the message names, each with the area directly above it: the neighbourhood's parent
     * is the first ancestor, each ancestor's the next, the city has none. An older message names only
     * the parent's code; then the parent is recorded by its code alone (if it is not known yet).
     * Items without a code are skipped (the replica checks the codes' format).
     */
    List<AreaReplicas.Area> areas() {
        List<AreaReplicas.Area> areas = new ArrayList<>();
        if (neighbourhoods == null) {
            return areas;
        }
        for (Area area : neighbourhoods) {
            if (area == null || area.code() == null) {
                continue;
            }
            List<Ancestor> chain = area.ancestors() == null ? List.of()
                    : area.ancestors().stream().filter(a -> a != null && a.code() != null).toList();
            String parent = chain.isEmpty() ? area.parentCode() : chain.get(0).code();
            areas.add(AreaReplicas.Area.described(area.code(), nameOf(area.code(), area.name()), area.level(), parent));
            if (chain.isEmpty()) {
                if (area.parentCode() != null) {
                    areas.add(AreaReplicas.Area.codeOnly(area.parentCode()));
                }
                continue;
            }
            for (int i = 0; i < chain.size(); i++) {
                Ancestor up = chain.get(i);
                String name = nameOf(up.code(), up.name());
                if (i + 1 < chain.size()) {
                    areas.add(AreaReplicas.Area.described(up.code(), name, up.level(), chain.get(i + 1).code()));
                } else if ("city".equals(up.level())) {
                    areas.add(AreaReplicas.Area.described(up.code(), name, up.level(), null));
                } else {
                    // the chain should reach the city; where it does not, what is above stays as it was
                    areas.add(AreaReplicas.Area.withoutParent(up.code(), name, up.level()));
                }
            }
        }
        return areas;
    }

    private static String nameOf(String code, String name) {
        return name == null || name.isBlank() ? code : name;
    }
}
