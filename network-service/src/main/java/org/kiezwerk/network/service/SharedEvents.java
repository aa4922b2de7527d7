package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kiezwerk.network.domain.SharedEvent;
import org.kiezwerk.network.graph.SharedEventGraph;

/** The events organisations put on together, and the co-production ties they make between them. */
@ApplicationScoped
public class SharedEvents {

    @Inject
    SharedEventGraph sharedEvents;

    @Inject
    Organisations organisations;

    public boolean eventChanged(SharedEvent event) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("title", event.title());
        properties.put("category", event.category() == null ? "other" : event.category());
        properties.put("status", event.status() == null ? "planned" : event.status());
        properties.put("neighbourhood", event.neighbourhood() == null ? "" : event.neighbourhood());
        event.citizens().forEach((phase, citizens) -> properties.put("citizens_" + phase, citizens));
        return sharedEvents.upsert(event.id(), properties, event.firstStart(), event.lastEnd(), event.version(), event.roles(),
                event.involved());
    }

    public boolean eventRemoved(UUID id, long version) {
        return sharedEvents.remove(id, version);
    }

    public List<Map<String, Object>> coProductionTies(UUID organisationId) {
        organisations.actor(organisationId);
        return sharedEvents.coProductionTies(organisationId);
    }
}
