package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.Resource;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;
import org.kiezwerk.partner.repository.ResourceRepository;

/** What partners can lend and what they need; each change is a new version of the partner. */
@ApplicationScoped
public class ResourceService extends PartnerPartService<Resource, ResourceChange> {

    @Inject
    ResourceRepository resources;

    public ResourceService() {
        super("resource", resource -> resource.partner);
    }

    @Override
    ResourceRepository parts() {
        return resources;
    }

    @Override
    Resource fresh(UUID id) {
        Resource resource = new Resource();
        resource.id = id;
        return resource;
    }

    @Transactional
    public List<Resource> page(UUID partnerId, ResourceDirection direction, ResourceKind kind, UUID after, int limit) {
        return resources.page(partnerId, direction, kind, after, limit);
    }

    @Override
    void apply(Resource resource, ResourceChange change) {
        Partner partner = lockedPartner(change.partnerId());
        if (partner == null) {
            throw new InvalidReferenceException("partnerId", "there is no partner with id " + change.partnerId());
        }
        resource.partner = partner;
        resource.direction = change.direction();
        resource.kind = change.kind();
        resource.name = change.name();
        resource.description = change.description();
        resource.capacity = change.capacity();
        resource.equipment = new ArrayList<>(change.equipment());
        resource.availability = change.availability();
        resource.updatedAt = Partner.now();
    }
}
