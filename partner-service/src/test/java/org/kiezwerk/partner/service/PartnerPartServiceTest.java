package org.kiezwerk.partner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiezwerk.commons.domain.Editor;
import org.kiezwerk.commons.domain.NotYourOrganisationException;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.Resource;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;
import org.kiezwerk.partner.domain.VersionMismatchException;
import org.kiezwerk.partner.repository.PartnerRepository;
import org.kiezwerk.partner.repository.ResourceRepository;

/**
 * The shape offers and resources share (PartnerPartService), on resources held in memory: which
 * writes make a new version of which partner, and what If-Match lets through.
 */
class PartnerPartServiceTest {

    final Map<UUID, Resource> rows = new HashMap<>();
    final Map<UUID, Partner> directory = new HashMap<>();
    final List<UUID> announced = new ArrayList<>();
    final ResourceService service = new ResourceService();
    final Partner lindenhof = partner("Nachbarschaftshaus Lindenhof");
    final Partner tafel = partner("Auenstädter Tafel");

    @BeforeEach
    void inMemory() {
        service.resources = new ResourceRepository() {
            @Override
            public Resource findById(UUID id) {
                return rows.get(id);
            }

            @Override
            public Optional<Resource> findByIdOptional(UUID id) {
                return Optional.ofNullable(rows.get(id));
            }

            @Override
            public void persist(Resource resource) {
                rows.put(resource.id, resource);
            }

            @Override
            public void delete(Resource resource) {
                rows.remove(resource.id);
            }

            @Override
            public void flush() {
            }
        };
        service.partners = new PartnerRepository() {
            @Override
            public Partner findById(UUID id, LockModeType lock) {
                return directory.get(id);
            }
        };
        service.announcer = new PartnerAnnouncer() {
            @Override
            void changed(Partner partner, boolean created, String requestId) {
                announced.add(partner.id);
            }
        };
    }

    Partner partner(String name) {
        Partner partner = new Partner();
        partner.id = UUID.randomUUID();
        partner.name = name;
        directory.put(partner.id, partner);
        return partner;
    }

    static ResourceChange room(Partner owner, String name) {
        return new ResourceChange(owner.id, ResourceDirection.OFFERED, ResourceKind.ROOM, name, null, 40, List.of(), null);
    }

    @Test
    void aNewPartIsANewVersionOfItsPartner() {
        Resource created = service.create(room(lindenhof, "Saal"), Editor.UNBOUND, "r1");

        assertSame(lindenhof, created.partner);
        assertEquals(created, rows.get(created.id));
        assertEquals(List.of(lindenhof.id), announced);
        assertNotNull(created.createdAt);
        assertEquals(lindenhof.id, service.partnerOf(created.id).orElseThrow());
    }

    @Test
    void theSameStateAgainChangesNothing() {
        Resource created = service.create(room(lindenhof, "Saal"), Editor.UNBOUND, "r1");
        announced.clear();

        Saved<Resource> saved = service.put(created.id, room(lindenhof, "Saal"), null, Editor.UNBOUND, "r2");

        assertFalse(saved.created());
        assertSame(created, saved.value());
        assertTrue(announced.isEmpty());
    }

    @Test
    void movingAPartAnnouncesBothPartners() {
        Resource created = service.create(room(lindenhof, "Saal"), Editor.UNBOUND, "r1");
        announced.clear();

        service.put(created.id, room(tafel, "Saal"), null, Editor.UNBOUND, "r2");

        assertEquals(List.of(tafel.id, lindenhof.id), announced);
    }

    @Test
    void putUnderANewIdCreatesUnlessIfMatchExpectsOne() {
        UUID id = UUID.randomUUID();
        assertThrows(VersionMismatchException.class, () -> service.put(id, room(lindenhof, "Saal"), 0L, Editor.UNBOUND, "r1"));
        assertNull(rows.get(id));

        Saved<Resource> saved = service.put(id, room(lindenhof, "Saal"), null, Editor.UNBOUND, "r2");

        assertTrue(saved.created());
        assertEquals(id, saved.value().id);
    }

    @Test
    void ifMatchLetsThroughTheCurrentVersionOrAny() {
        Resource created = service.create(room(lindenhof, "Saal"), Editor.UNBOUND, "r1");
        created.version = 3;

        assertThrows(VersionMismatchException.class, () -> service.put(created.id, room(lindenhof, "Kleiner Saal"), 2L, Editor.UNBOUND, "r2"));
        assertEquals("Saal", created.name);
        service.put(created.id, room(lindenhof, "Kleiner Saal"), 3L, Editor.UNBOUND, "r3");
        service.put(created.id, room(lindenhof, "Großer Saal"), Versions.ANY, Editor.UNBOUND, "r4");
        assertEquals("Großer Saal", created.name);
    }

    @Test
    void anUnknownPartnerIsRefusedAndNothingWritten() {
        Partner gone = new Partner();
        gone.id = UUID.randomUUID();

        assertThrows(InvalidReferenceException.class, () -> service.create(room(gone, "Saal"), Editor.UNBOUND, "r1"));
        assertTrue(rows.isEmpty());
        assertTrue(announced.isEmpty());
    }

    @Test
    void removingIsANewVersionOfTheFormerPartner() {
        Resource created = service.create(room(lindenhof, "Saal"), Editor.UNBOUND, "r1");
        announced.clear();

        assertThrows(VersionMismatchException.class, () -> service.remove(created.id, 7L, Editor.UNBOUND, "r2"));
        service.remove(created.id, null, Editor.UNBOUND, "r3");

        assertTrue(rows.isEmpty());
        assertEquals(List.of(lindenhof.id), announced);
        assertThrows(NotFoundException.class, () -> service.get(created.id));
        assertTrue(service.partnerOf(created.id).isEmpty());
    }

    @Test
    void anEditorChangesOnlyTheirOwnOrganisationsPartsAndMovesNoneAway() {
        Editor ofLindenhof = Editor.of(Set.of(lindenhof.id));
        Resource own = service.create(room(lindenhof, "Saal"), ofLindenhof, "r1");
        assertThrows(NotYourOrganisationException.class, () -> service.create(room(tafel, "Saal"), ofLindenhof, "r2"));
        assertThrows(NotYourOrganisationException.class, () -> service.put(own.id, room(tafel, "Saal"), null, ofLindenhof, "r3"));
        Resource theirs = service.create(room(tafel, "Keller"), Editor.UNBOUND, "r4");
        assertThrows(NotYourOrganisationException.class, () -> service.put(theirs.id, room(lindenhof, "Keller"), null, ofLindenhof, "r5"));
        assertThrows(NotYourOrganisationException.class, () -> service.remove(theirs.id, null, ofLindenhof, "r6"));
        assertEquals(own.id, service.put(own.id, room(lindenhof, "Großer Saal"), null, ofLindenhof, "r7").value().id);
        service.remove(own.id, null, ofLindenhof, "r8");
        assertThrows(NotYourOrganisationException.class, () -> service.remove(own.id, null, ofLindenhof, "r9"), "gone: nothing to edit");
    }
}
