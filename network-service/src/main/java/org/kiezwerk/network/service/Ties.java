package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.commons.domain.Editor;
import org.kiezwerk.network.domain.Tie;
import org.kiezwerk.network.domain.TieNotFoundException;
import org.kiezwerk.network.domain.TieRefusedException;
import org.kiezwerk.network.domain.TiesChanged;
import org.kiezwerk.network.graph.TieGraph;

/** Cooperation ties between organisations: asserted by one side, confirmed by the other, ended, deleted. */
@ApplicationScoped
public class Ties {

    @Inject
    TieGraph ties;

    @Inject
    Organisations organisations;

    /** Each tie change has committed its message to the outbox by the time the graph call returns; this tells the publisher. */
    @Inject
    Event<TiesChanged> tiesChanged;

    /** An editor speaks only for their own organisations: asserting, confirming, ending as one of the sides. */
    static final String NOT_YOUR_SIDE = "You may assert, confirm or end only ties of an organisation you edit.";

    public Tie.Created create(UUID from, UUID to, String kind, int strength, LocalDate since, LocalDate until, UUID assertedBy,
            String idempotencyKey, String requestHash, Editor by) {
        by.requireOneOf(List.of(assertedBy != null ? assertedBy : from), NOT_YOUR_SIDE);
        var created = ties.create(from, to, kind, strength, since, until, assertedBy, idempotencyKey, requestHash);
        changed();
        if (created.keyReused()) {
            throw new TieRefusedException("idempotency-key-reused", "Idempotency-Key reused", "Idempotency-Key",
                    "The Idempotency-Key '" + idempotencyKey + "' was already used with a different body; use a new key.");
        }
        return created;
    }

    public Tie tie(UUID id) {
        return ties.find(id).orElseThrow(() -> new TieNotFoundException(id));
    }

    public Tie confirm(UUID id, UUID by, Long expectedVersion, Editor editor) {
        editor.requireOneOf(List.of(by), NOT_YOUR_SIDE);
        var confirmed = ties.confirm(id, by, expectedVersion);
        changed();
        return confirmed.orElseThrow(() -> new TieRefusedException("invalid-confirmation",
                "Not the other side", "by", "only the organisation that did not assert the tie can confirm it"));
    }

    public Tie end(UUID id, LocalDate until, Long expectedVersion, Editor by) {
        requireSide(id, by);
        var ended = ties.end(id, until, expectedVersion);
        changed();
        return ended.orElseThrow(() -> new TieRefusedException("invalid-end", "End before start",
                "until", "a tie cannot end before it began"));
    }

    public void delete(UUID id, Long expectedVersion, Editor by) {
        requireSide(id, by);
        boolean deleted = ties.delete(id, expectedVersion);
        changed();
        if (!deleted) {
            throw new TieNotFoundException(id);
        }
    }

    /** The tie exists (404 otherwise), and an editor is one of its sides. */
    private void requireSide(UUID id, Editor by) {
        Tie existing = tie(id);
        by.requireOneOf(List.of(existing.from(), existing.to()), NOT_YOUR_SIDE);
    }

    public List<Tie> ofActor(UUID actor) {
        organisations.actor(actor);
        return ties.ofActor(actor);
    }

    private void changed() {
        tiesChanged.fire(new TiesChanged());
    }
}
