package org.kiezwerk.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.ConflictException;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.Neighbourhood;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.repository.NeighbourhoodRepository;

/** The managed hierarchy of areas: city → district → quarter. */
@ApplicationScoped
public class NeighbourhoodService {

    static final String WHAT = "neighbourhood";

    @Inject
    NeighbourhoodRepository neighbourhoods;

    @Transactional
    public Neighbourhood get(UUID id) {
        return neighbourhoods.findByIdOptional(id).orElseThrow(() -> new NotFoundException(WHAT, id));
    }

    @Transactional
    public List<Neighbourhood> page(String afterCode, String within, int limit) {
        if (within != null && neighbourhoods.findByCode(within).isEmpty()) {
            throw new InvalidReferenceException("within", "there is no neighbourhood with code '" + within + "'");
        }
        return neighbourhoods.page(afterCode, within, limit);
    }

    @Transactional
    public Neighbourhood create(NeighbourhoodChange change) {
        return put(UUID.randomUUID(), change, null).value();
    }

    @Transactional
    public Saved<Neighbourhood> put(UUID id, NeighbourhoodChange change, Long expectedVersion) {
        Neighbourhood area = neighbourhoods.findById(id);
        boolean created = area == null;
        if (created) {
            Versions.checkAbsent(WHAT, id, expectedVersion);
            area = new Neighbourhood();
            area.id = id;
            area.createdAt = Partner.now();
        } else {
            Versions.check(WHAT, id, expectedVersion, area.version);
            if (change.describes(area)) {
                return new Saved<>(area, false); // the same state again: no new version
            }
            if (area.level != change.level() && neighbourhoods.hasChildren(area)) {
                throw new ConflictException("The neighbourhood " + area.code + " has sub-areas; move them before changing its level.");
            }
        }
        neighbourhoods.findByCode(change.code()).filter(other -> !other.id.equals(id)).ifPresent(other -> {
            throw new ConflictException("The code '" + change.code() + "' is already used by neighbourhood " + other.id + ".");
        });
        Neighbourhood parent = null;
        if (change.parentCode() != null) {
            parent = neighbourhoods.findByCode(change.parentCode()).orElseThrow(() -> new InvalidReferenceException(
                    "parent", "there is no neighbourhood with code '" + change.parentCode() + "'"));
            if (!parent.level.canContain(change.level())) {
                throw new InvalidReferenceException("parent", "a " + parent.level.name().toLowerCase() + " cannot contain a "
                        + change.level().name().toLowerCase() + "; the parent must be on a higher level");
            }
        }
        area.code = change.code();
        area.name = change.name();
        area.level = change.level();
        area.parent = parent;
        area.centreLat = change.centreLat();
        area.centreLon = change.centreLon();
        area.boundary = change.boundary();
        area.updatedAt = Partner.now();
        if (created) {
            neighbourhoods.persist(area);
        }
        neighbourhoods.flush();
        return new Saved<>(area, created);
    }

    @Transactional
    public void remove(UUID id, Long expectedVersion) {
        Neighbourhood area = get(id);
        Versions.check(WHAT, id, expectedVersion, area.version);
        if (neighbourhoods.hasChildren(area)) {
            throw new ConflictException("The neighbourhood " + area.code + " has sub-areas; remove or move them first.");
        }
        if (neighbourhoods.hasPartners(area)) {
            throw new ConflictException("Partners are active in the neighbourhood " + area.code + "; change them first.");
        }
        neighbourhoods.delete(area);
    }
}
