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
            long version, String eventId) {
        return organisations.upsert(id, name, kind, neighbourhood, areas, version, eventId);
    }

    public boolean partnerRemoved(UUID id, long version) {
        return organisations.remove(id, version);
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

    public boolean eventRemoved(UUID id, long version) {
        return sharedEvents.remove(id, version);
    }

    public java.util.List<java.util.Map<String, Object>> coProductionTies(UUID organisationId) {
        actor(organisationId);
        return sharedEvents.coProductionTies(organisationId);
    }
}
