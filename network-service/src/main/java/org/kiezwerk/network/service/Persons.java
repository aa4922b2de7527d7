package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.network.domain.AffiliationChange;
import org.kiezwerk.network.domain.Person;
import org.kiezwerk.network.domain.PersonNotFoundException;
import org.kiezwerk.network.domain.PersonTieNotFoundException;
import org.kiezwerk.network.domain.TieRefusedException;
import org.kiezwerk.network.graph.PersonGraph;

/** Key people between the organisations: there only with their consent, with their affiliations and acquaintances. */
@ApplicationScoped
public class Persons {

    @Inject
    PersonGraph persons;

    /** A person enters the graph only together with the consent that allows it. */
    public UUID create(String displayName, String scope, String recordedBy, OffsetDateTime recordedAt, String note,
            List<AffiliationChange> affiliations) {
        UUID id = UUID.randomUUID();
        persons.create(id, displayName, scope, recordedBy, recordedAt.toString(), note);
        for (AffiliationChange a : affiliations) {
            requireSide(id, a);
            if (!persons.affiliate(id, a)) {
                persons.erase(id); // all or nothing
                throw new TieRefusedException("invalid-reference", "Unknown organisation", "affiliations",
                        "there is no organisation " + a.organisationId() + " in the network");
            }
        }
        return id;
    }

    /** @param evenIfNotPublic the caller created or changed it (it may see its own answer) */
    public Person person(UUID id, boolean evenIfNotPublic) {
        return person(id, evenIfNotPublic ? Set.of("public", "network_members", "analysts") : Set.of("public"));
    }

    /** The person if their consent scope is among those the caller may see; otherwise as if there were none. */
    public Person person(UUID id, Set<String> visibleScopes) {
        return persons.find(id).filter(p -> visibleScopes.contains(p.scope()))
                .orElseThrow(() -> new PersonNotFoundException(id));
    }

    public void affiliate(UUID person, AffiliationChange affiliation) {
        persons.find(person).orElseThrow(() -> new PersonNotFoundException(person));
        requireSide(person, affiliation);
        UUID organisation = affiliation.organisationId();
        if (!persons.affiliate(person, affiliation)) {
            throw new TieRefusedException("invalid-reference", "Unknown organisation", "organisationId",
                    "there is no organisation " + organisation + " in the network");
        }
    }

    private static void requireSide(UUID person, AffiliationChange affiliation) {
        if (!affiliation.assertedBy().equals(person) && !affiliation.assertedBy().equals(affiliation.organisationId())) {
            throw new TieRefusedException("invalid-side", "Not a side of the tie", "assertedBy", "must be the person or the organisation");
        }
    }

    /** The side that did not assert it confirms; anyone else is refused. */
    public void confirmAffiliation(UUID person, UUID organisation, UUID by) {
        String result = persons.confirmAffiliation(person, organisation, by);
        switch (result) {
            case "confirmed" -> { }
            case "missing" -> throw new PersonTieNotFoundException("no affiliation of " + person + " with " + organisation);
            default -> throw new TieRefusedException("not-the-other-side", "Not the other side", "by",
                    "only the side that did not assert the affiliation (" + result + ") can confirm it");
        }
    }

    public void endAffiliation(UUID person, UUID organisation, LocalDate until) {
        if (!persons.endAffiliation(person, organisation, until)) {
            throw new PersonTieNotFoundException("no affiliation of " + person + " with " + organisation);
        }
    }

    public void endAcquaintance(UUID person, UUID other, LocalDate until) {
        if (!persons.endAcquaintance(person, other, until)) {
            throw new PersonTieNotFoundException("no acquaintance of " + person + " with " + other);
        }
    }

    public void conversation(UUID a, UUID b, LocalDate date, String topic) {
        if (!persons.conversation(a, b, date, topic)) {
            throw new TieRefusedException("invalid-reference", "Unknown person", "personA",
                    "both persons must be in the network (with consent)");
        }
    }

    /** Erases the person and every tie; afterwards nothing in the graph mentions the id. */
    public void withdrawConsent(UUID id) {
        if (!persons.erase(id)) {
            throw new PersonNotFoundException(id);
        }
        if (persons.anyTrace(id)) {
            throw new IllegalStateException("traces of person " + id + " remain after erasure");
        }
    }
}
