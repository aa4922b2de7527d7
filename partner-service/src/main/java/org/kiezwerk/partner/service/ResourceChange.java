package org.kiezwerk.partner.service;

import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;

/** A resource's new state. */
public record ResourceChange(UUID partnerId, ResourceDirection direction, ResourceKind kind, String name,
        String description, Integer capacity, List<String> equipment, String availability) {
}
