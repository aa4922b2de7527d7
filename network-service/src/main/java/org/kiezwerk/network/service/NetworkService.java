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

    public boolean partnerChanged(UUID id, String name, String kind, String neighbourhood, long version, String eventId) {
        return organisations.upsert(id, name, kind, neighbourhood, version, eventId);
    }

    public boolean partnerRemoved(UUID id, long version) {
        return organisations.remove(id, version);
    }
}
