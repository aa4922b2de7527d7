package org.kiezwerk.event.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kiezwerk.event.domain.AreaNotFoundException;
import org.kiezwerk.event.repository.AreaReplicaRepository;

/**
 * The directory's area hierarchy (city > district > quarter, any depth) as the partner topic tells
 * it, and what a neighbourhood filter means with it: the area and every area below it, so that a
 * city or district answers for its quarters, as in the directory and the network.
 */
@ApplicationScoped
public class AreaReplicas {

    /** The parameter an area filter arrives in; an unknown code is a problem naming it. */
    public static final String FIELD = "neighbourhood";

    @Inject
    AreaReplicaRepository areas;

    /**
     * An area as one message describes it. {@code name == null}: known only by its code (an older
     * message's parentCode), recorded only if absent. {@code parentKnown == false}: the message does
     * not say what is above it (the top of a chain that does not reach the city); an existing parent
     * is kept.
     */
    public record Area(String code, String name, String level, String parentCode, boolean parentKnown) {

        public static Area described(String code, String name, String level, String parentCode) {
            return new Area(code, name, level, parentCode, true);
        }

        public static Area withoutParent(String code, String name, String level) {
            return new Area(code, name, level, null, false);
        }

        public static Area codeOnly(String code) {
            return new Area(code, null, null, null, false);
        }

        boolean isDescribed() {
            return name != null;
        }
    }

    /** Records the areas of a message (call inside the transaction that applies it). */
    public void record(Collection<Area> described) {
        // one write per code: a full description wins over a mere mention, a known parent over none
        Map<String, Area> byCode = new LinkedHashMap<>();
        for (Area area : described) {
            if (area == null || area.code() == null || !area.code().matches(AreaReplicaRepository.CODE)) {
                continue;
            }
            String parent = area.parentCode() != null && area.parentCode().matches(AreaReplicaRepository.CODE)
                    && !area.parentCode().equals(area.code()) ? area.parentCode() : null;
            Area clean = new Area(area.code(), area.name(), area.level(), parent, area.parentKnown());
            byCode.merge(clean.code(), clean, AreaReplicas::better);
        }
        for (Area area : byCode.values()) {
            if (!area.isDescribed()) {
                areas.recordIfAbsent(area.code());
            } else {
                areas.upsert(area.code(), area.name(), area.level(), area.parentCode(), area.parentKnown());
            }
        }
    }

    private static Area better(Area first, Area second) {
        if (first.isDescribed() != second.isDescribed()) {
            return first.isDescribed() ? first : second;
        }
        if (first.parentKnown() != second.parentKnown()) {
            return first.parentKnown() ? first : second;
        }
        return second;
    }

    /**
     * The codes with every area below them. A code that is neither an area nor named by any event is
     * unknown: an {@link AreaNotFoundException}, not an empty result. A code some event names but the
     * replica does not know stands for itself.
     */
    public List<String> expand(List<String> codes) {
        if (codes.isEmpty()) {
            return codes;
        }
        Set<String> areasFound = areas.withDescendants(codes);
        List<String> unknown = codes.stream().filter(code -> !areasFound.contains(code)).toList();
        if (!unknown.isEmpty()) {
            Set<String> used = areas.usedByEvents(unknown);
            for (String code : unknown) {
                if (!used.contains(code)) {
                    throw new AreaNotFoundException(FIELD, code);
                }
            }
        }
        Set<String> expanded = new LinkedHashSet<>(codes);
        expanded.addAll(areasFound);
        return new ArrayList<>(expanded);
    }
}
