package org.kiezwerk.partner.service;

import org.kiezwerk.partner.domain.Neighbourhood;
import java.util.Objects;
import org.kiezwerk.partner.domain.NeighbourhoodLevel;

/** A neighbourhood's new state; the parent by code, the boundary as GeoJSON text. */
public record NeighbourhoodChange(String code, String name, NeighbourhoodLevel level, String parentCode,
        Double centreLat, Double centreLon, String boundary) {

    /** Whether the neighbourhood already is as this change wants it: then a PUT changes nothing (same version). */
    public boolean describes(Neighbourhood area) {
        return Objects.equals(code, area.code) && Objects.equals(name, area.name) && level == area.level
                && Objects.equals(parentCode, area.parent == null ? null : area.parent.code)
                && Objects.equals(centreLat, area.centreLat) && Objects.equals(centreLon, area.centreLon)
                && Objects.equals(boundary, area.boundary);
    }
}
