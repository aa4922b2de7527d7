package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.Resource;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;
import org.kiezwerk.partner.repository.PartnerRepository;
import org.kiezwerk.partner.repository.ResourceRepository;

/** What partners can lend and what they need; each change is a new version of the partner. */
@ApplicationScoped
public class ResourceService {

    static final String WHAT = "resource";

    @Inject
    ResourceRepository resources;

    @Inject
    PartnerRepository partners;

    @Inject
    PartnerAnnouncer announcer;

    /** Whose it is, if it exists (an editor may change only their own organisation's). */
    @Transactional
    public java.util.Optional<UUID> partnerOf(UUID id) {
        return resources.findByIdOptional(id).map(existing -> existing.partner.id);
    }

    @Transactional
    public Resource get(UUID id) {
        return resources.findByIdOptional(id).orElseThrow(() -> new NotFoundException(WHAT, id));
    }

    @Transactional
    public List<Resource> page(UUID partnerId, ResourceDirection direction, ResourceKind kind, UUID after, int limit) {
        return resources.page(partnerId, direction, kind, after, limit);
    }

    @Transactional
    public Resource create(ResourceChange change, String requestId) {
        return put(UUID.randomUUID(), change, null, requestId).value();
    }

    @Transactional
    public Saved<Resource> put(UUID id, ResourceChange change, Long expectedVersion, String requestId) {
        Resource resource = resources.findById(id);
        boolean created = resource == null;
        Partner formerPartner = null;
        if (created) {
            Versions.checkAbsent(WHAT, id, expectedVersion);
            resource = new Resource();
            resource.id = id;
            resource.createdAt = Partner.now();
        } else {
            Versions.check(WHAT, id, expectedVersion, resource.version);
            if (change.describes(resource)) {
                return new Saved<>(resource, false); // the same state again: no new version, no message
            }
            formerPartner = resource.partner;
        }
        // locked: resources of one partner written at once take turns instead of failing on its version
        Partner partner = partners.findById(change.partnerId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
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
        if (created) {
            resources.persist(resource);
        }
        resources.flush();
        announcer.changed(partner, false, requestId);
        if (formerPartner != null && !formerPartner.id.equals(partner.id)) {
            announcer.changed(formerPartner, false, requestId);
        }
        return new Saved<>(resource, created);
    }

    @Transactional
    public void remove(UUID id, Long expectedVersion, String requestId) {
        Resource resource = get(id);
        Versions.check(WHAT, id, expectedVersion, resource.version);
        Partner partner = resource.partner;
        resources.delete(resource);
        resources.flush();
        announcer.changed(partner, false, requestId);
    }
}
