package org.kiezwerk.partner.service;

import org.kiezwerk.partner.domain.NeighbourhoodLevel;

/** A neighbourhood's new state; the parent by code, the boundary as GeoJSON text. */
public record NeighbourhoodChange(String code, String name, NeighbourhoodLevel level, String parentCode,
        Double centreLat, Double centreLon, String boundary) {
}
