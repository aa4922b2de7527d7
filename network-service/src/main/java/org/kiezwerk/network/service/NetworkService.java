package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.kiezwerk.network.domain.ActorNotFoundException;
import org.kiezwerk.network.domain.Organisation;
import org.kiezwerk.network.graph.OrganisationGraph;

/** The network's use cases. Each graph call runs in its own Neo4j transaction. */
@ApplicationScoped
public class NetworkService {

    @Inject
    OrganisationGraph organisations;

    public Organisation actor(UUID id) {
        return organisations.find(id).orElseThrow(() -> new ActorNotFoundException(id));
    }

    public boolean partnerChanged(UUID id, String name, String kind, String neighbourhood, java.util.List<String> areas,
            org.kiezwerk.network.messaging.PartnerMessage.Profile profile, long version, String eventId) {
        return organisations.upsert(id, name, kind, neighbourhood, areas, profile.targetGroups(), profile.resourcesOffered(),
                profile.resourcesNeeded(), profile.places(), profile.lat(), profile.lon(), version, eventId);
    }

    public boolean partnerRemoved(UUID id, long version) {
        boolean removed = organisations.remove(id, version);
        relay.wake(); // its ties left with it
        return removed;
    }

    @Inject
    org.kiezwerk.network.graph.SharedEventGraph sharedEvents;

    static final java.util.Map<String, String> PHASES = java.util.Map.of("coCommissioning", "co_commissioning",
            "coDesign", "co_design", "coDelivery", "co_delivery", "coAssessment", "co_assessment");

    public boolean eventChanged(org.kiezwerk.network.messaging.EventMessage event) {
        java.util.Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("title", event.title());
        properties.put("category", event.category() == null ? "other" : event.category());
        properties.put("status", event.status() == null ? "planned" : event.status());
        properties.put("neighbourhood", event.neighbourhood() == null ? "" : event.neighbourhood());
        java.util.List<org.kiezwerk.network.graph.SharedEventGraph.Involvement> involved = new java.util.ArrayList<>();
        if (event.coProduction() != null) {
            event.coProduction().forEach((phase, record) -> {
                String name = PHASES.get(phase);
                if (name != null && record != null) {
                    properties.put("citizens_" + name, record.citizens() == null ? 0 : record.citizens());
                    if (record.partners() != null) {
                        record.partners().forEach(p -> involved.add(new org.kiezwerk.network.graph.SharedEventGraph.Involvement(
                                p.toString(), name)));
                    }
                }
            });
        }
        java.util.List<org.kiezwerk.network.graph.SharedEventGraph.Role> roles = event.partners() == null ? java.util.List.of()
                : event.partners().stream().map(r -> new org.kiezwerk.network.graph.SharedEventGraph.Role(r.partnerId().toString(),
                        r.role(), r.contribution())).toList();
        return sharedEvents.upsert(event.id(), properties, event.firstStart(), event.lastEnd(), event.version(), roles, involved);
    }

    @Inject
    org.kiezwerk.network.graph.TieGraph ties;

    /** Each tie change has committed its message to the outbox by the time the graph call returns; the relay publishes it. */
    @Inject
    org.kiezwerk.network.messaging.TieOutboxRelay relay;

    public org.kiezwerk.network.graph.TieGraph.Created createTie(UUID from, UUID to, String kind, int strength,
            java.time.LocalDate since, java.time.LocalDate until, UUID assertedBy, String idempotencyKey, String requestHash) {
        var created = ties.create(from, to, kind, strength, since, until, assertedBy, idempotencyKey, requestHash);
        relay.wake();
        if (created.keyReused()) {
            throw new TieRefusedException("idempotency-key-reused", "Idempotency-Key reused", "Idempotency-Key",
                    "The Idempotency-Key '" + idempotencyKey + "' was already used with a different body; use a new key.");
        }
        return created;
    }

    public org.kiezwerk.network.graph.TieGraph.Tie tie(UUID id) {
        return ties.find(id).orElseThrow(() -> new org.kiezwerk.network.graph.TieGraph.TieNotFoundException(id));
    }

    public org.kiezwerk.network.graph.TieGraph.Tie confirmTie(UUID id, UUID by, Long expectedVersion) {
        var confirmed = ties.confirm(id, by, expectedVersion);
        relay.wake();
        return confirmed.orElseThrow(() -> new TieRefusedException("invalid-confirmation",
                "Not the other side", "by", "only the organisation that did not assert the tie can confirm it"));
    }

    public org.kiezwerk.network.graph.TieGraph.Tie endTie(UUID id, java.time.LocalDate until, Long expectedVersion) {
        var ended = ties.end(id, until, expectedVersion);
        relay.wake();
        return ended.orElseThrow(() -> new TieRefusedException("invalid-end", "End before start",
                "until", "a tie cannot end before it began"));
    }

    public void deleteTie(UUID id, Long expectedVersion) {
        boolean deleted = ties.delete(id, expectedVersion);
        relay.wake();
        if (!deleted) {
            throw new org.kiezwerk.network.graph.TieGraph.TieNotFoundException(id);
        }
    }

    public java.util.List<org.kiezwerk.network.graph.TieGraph.Tie> tiesOf(UUID actor) {
        actor(actor);
        return ties.ofActor(actor);
    }

    @Inject
    org.kiezwerk.network.graph.PersonGraph persons;

    public record AffiliationChange(UUID organisationId, String role, java.time.LocalDate since, java.time.LocalDate until,
            int strength, UUID assertedBy) {
    }

    /** A person enters the graph only together with the consent that allows it. */
    public UUID createPerson(String displayName, String scope, String recordedBy, java.time.OffsetDateTime recordedAt,
            String note, java.util.List<AffiliationChange> affiliations) {
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
    public org.kiezwerk.network.graph.PersonGraph.Person person(UUID id, boolean evenIfNotPublic) {
        return person(id, evenIfNotPublic ? java.util.Set.of("public", "network_members", "analysts") : java.util.Set.of("public"));
    }

    /** The person if their consent scope is among those the caller may see; otherwise as if there were none. */
    public org.kiezwerk.network.graph.PersonGraph.Person person(UUID id, java.util.Set<String> visibleScopes) {
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
            case "missing" -> throw new jakarta.ws.rs.NotFoundException("no affiliation of " + person + " with " + organisation);
            default -> throw new TieRefusedException("not-the-other-side", "Not the other side", "by",
                    "only the side that did not assert the affiliation (" + result + ") can confirm it");
        }
    }

    public void endAffiliation(UUID person, UUID organisation, java.time.LocalDate until) {
        if (!persons.endAffiliation(person, organisation, until)) {
            throw new jakarta.ws.rs.NotFoundException("no affiliation of " + person + " with " + organisation);
        }
    }

    public void endAcquaintance(UUID person, UUID other, java.time.LocalDate until) {
        if (!persons.endAcquaintance(person, other, until)) {
            throw new jakarta.ws.rs.NotFoundException("no acquaintance of " + person + " with " + other);
        }
    }

    public void conversation(UUID a, UUID b, java.time.LocalDate date, String topic) {
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

    public boolean eventRemoved(UUID id, long version) {
        return sharedEvents.remove(id, version);
    }

    public java.util.List<java.util.Map<String, Object>> coProductionTies(UUID organisationId) {
        actor(organisationId);
        return sharedEvents.coProductionTies(organisationId);
    }
}
