package org.kiezwerk.partner.service;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.kiezwerk.commons.domain.Editor;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.Versioned;
import org.kiezwerk.partner.repository.PartnerRepository;

/**
 * What offers and resources share: each belongs to one partner, and each change of one is also a
 * new version of its partner (and of the partner it left), announced through the outbox. A
 * subclass says how a change is checked and written.
 */
public abstract class PartnerPartService<T extends Versioned, C extends PartnerPartService.Change<T>> {

    /** A part's new state as the caller wants it. */
    public interface Change<T> {

        UUID partnerId();

        /** Whether the part already is as this change wants it: then a PUT changes nothing (same version, no message). */
        boolean describes(T part);
    }

    @Inject
    PartnerRepository partners;

    @Inject
    PartnerAnnouncer announcer;

    final String what;
    final Function<T, Partner> partnerOf;

    /** {@code what}: the part's name in problems ("offer"); {@code partnerOf}: whose it is. */
    PartnerPartService(String what, Function<T, Partner> partnerOf) {
        this.what = what;
        this.partnerOf = partnerOf;
    }

    abstract PanacheRepositoryBase<T, UUID> parts();

    /** A new part under this id, not yet written. */
    abstract T fresh(UUID id);

    /** Checks the change and writes it into the part (then counts as changed now). */
    abstract void apply(T part, C change);

    /** Whose it is, if it exists (an editor may change only their own organisation's). */
    @Transactional
    public Optional<UUID> partnerOf(UUID id) {
        return parts().findByIdOptional(id).map(existing -> partnerOf.apply(existing).id);
    }

    @Transactional
    public T get(UUID id) {
        return parts().findByIdOptional(id).orElseThrow(() -> new NotFoundException(what, id));
    }

    @Transactional
    public T create(C change, Editor by, String requestId) {
        return put(UUID.randomUUID(), change, null, by, requestId).value();
    }

    @Transactional
    public Saved<T> put(UUID id, C change, Long expectedVersion, Editor by, String requestId) {
        T part = parts().findById(id);
        requireMayEdit(by, part, change.partnerId());
        boolean created = part == null;
        Partner formerPartner = null;
        if (created) {
            Versions.checkAbsent(what, id, expectedVersion);
            part = fresh(id);
            part.createdAt = Partner.now();
        } else {
            Versions.check(what, id, expectedVersion, part.version);
            if (change.describes(part)) {
                return new Saved<>(part, false); // the same state again: no new version, no message
            }
            formerPartner = partnerOf.apply(part);
        }
        apply(part, change);
        if (created) {
            parts().persist(part);
        }
        parts().flush();
        Partner partner = partnerOf.apply(part);
        announcer.changed(partner, false, requestId);
        if (formerPartner != null && !formerPartner.id.equals(partner.id)) {
            announcer.changed(formerPartner, false, requestId);
        }
        return new Saved<>(part, created);
    }

    @Transactional
    public void remove(UUID id, Long expectedVersion, Editor by, String requestId) {
        requireMayEdit(by, parts().findById(id), null);
        T part = get(id);
        Versions.check(what, id, expectedVersion, part.version);
        Partner partner = partnerOf.apply(part);
        parts().delete(part);
        parts().flush();
        announcer.changed(partner, false, requestId);
    }

    /** Checked before an Idempotency-Key's stored answer is replayed too: a key is no way round the rule. */
    public void requireMayCreate(C change, Editor by) {
        requireMayEdit(by, null, change.partnerId());
    }

    /**
     * An editor creates and changes only their own organisations' parts, and does not move one to
     * another's: both the partner it belongs to and the one it is to belong to must be theirs.
     */
    void requireMayEdit(Editor by, T existing, UUID newPartner) {
        if (!by.bound()) {
            return;
        }
        Set<UUID> touched = new HashSet<>();
        if (newPartner != null) {
            touched.add(newPartner);
        }
        if (existing != null) {
            touched.add(partnerOf.apply(existing).id);
        }
        by.requireMayEdit(touched, "the " + what + "s");
    }

    /** The partner a change names, locked: parts of one partner written at once take turns instead of failing on its version. */
    Partner lockedPartner(UUID id) {
        return partners.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
