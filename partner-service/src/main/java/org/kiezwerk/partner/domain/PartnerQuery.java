package org.kiezwerk.partner.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A partner search. Offer filters (target group, age, category) must all hold for one and the same
 * offer; the rest are ANDed, values within one filter ORed.
 *
 * @param status null for any status
 * @param after  the last hit of the previous page, or null
 */
public record PartnerQuery(String q, List<String> neighbourhoods, List<PartnerKind> kinds, List<String> targetGroups,
        Integer age, List<String> categories, List<ResourceKind> resourcesOffered, List<ResourceKind> resourcesNeeded,
        Near near, OffsetDateTime modifiedSince, PartnerStatus status, Sort sort, Position after, int limit,
        boolean count, boolean facets) {

    /** FRESH: the most recently confirmed first (confirmedAt descending, then id). */
    public enum Sort { NAME, RELEVANCE, DISTANCE, MODIFIED, FRESH;

        /** Whether the key runs from high to low. */
        public boolean descending() {
            return this == RELEVANCE || this == FRESH;
        }
    }

    /** A point and a radius in metres. */
    public record Near(double lat, double lon, int radiusMetres) {
    }

    /** Where a page ended: the sort key (as text) and the id that breaks ties. */
    public record Position(Sort sort, String key, UUID id) {
    }

    public boolean filtersOffers() {
        return !targetGroups.isEmpty() || age != null || !categories.isEmpty();
    }
}
