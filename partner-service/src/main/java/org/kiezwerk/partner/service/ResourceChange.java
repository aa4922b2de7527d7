package org.kiezwerk.partner.service;

import org.kiezwerk.partner.domain.Resource;
import java.util.Objects;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;

/** A resource's new state. */
public record ResourceChange(UUID partnerId, ResourceDirection direction, ResourceKind kind, String name,
        String description, Integer capacity, List<String> equipment, String availability)
        implements PartnerPartService.Change<Resource> {

    @Override
    public boolean describes(Resource resource) {
        return resource.partner != null && Objects.equals(partnerId, resource.partner.id) && direction == resource.direction
                && kind == resource.kind && Objects.equals(name, resource.name)
                && Objects.equals(description, resource.description) && Objects.equals(capacity, resource.capacity)
                && Same.list(equipment, resource.equipment) && Objects.equals(availability, resource.availability);
    }
}
