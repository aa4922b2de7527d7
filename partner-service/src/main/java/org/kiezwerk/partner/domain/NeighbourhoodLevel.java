package org.kiezwerk.partner.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** City → district → quarter; a parent is always on a higher level, so the hierarchy has no cycles. */
public enum NeighbourhoodLevel {
    @JsonProperty("city") CITY,
    @JsonProperty("district") DISTRICT,
    @JsonProperty("quarter") QUARTER;

    public boolean canContain(NeighbourhoodLevel child) {
        return ordinal() < child.ordinal();
    }
}
