package org.kiezwerk.network.domain;

import java.util.List;
import java.util.Map;

/**
 * What the graph keeps of a partner: target groups, resource kinds, neighbourhoods, and where it is — the
 * coordinates of its first address that has them (the directory's order; null when none has).
 */
public record PartnerProfile(List<String> targetGroups, List<String> resourcesOffered, List<String> resourcesNeeded,
        List<Map<String, Object>> places, Double lat, Double lon) {
}
