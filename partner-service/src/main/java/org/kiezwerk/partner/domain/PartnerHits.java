package org.kiezwerk.partner.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One page of search hits, and on request the total and the facet counts of all matches. */
public record PartnerHits(List<Hit> hits, PartnerQuery.Position next, Long total, Facets facets) {

    public record Hit(UUID id, Double distanceMetres, PartnerQuery.Position position) {
    }

    /** Matches per value, most first; neighbourhood counts include their sub-areas. */
    public record Facets(Map<String, Long> neighbourhood, Map<String, Long> kind, Map<String, Long> targetGroup,
            Map<String, Long> category) {
    }
}
