package org.kiezwerk.partner.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.Resource;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;

@Schema(name = "Resource", description = "Something a partner can lend (offered) or is looking for (needed).")
public record ResourceView(UUID id, UUID partnerId, String partnerName, ResourceDirection direction, ResourceKind kind,
        String name, String description, Integer capacity, List<String> equipment, String availability, long version,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static ResourceView of(Resource r) {
        return new ResourceView(r.id, r.partner.id, r.partner.name, r.direction, r.kind, r.name, r.description,
                r.capacity, List.copyOf(r.equipment), r.availability, r.version, r.createdAt, r.updatedAt);
    }
}
