package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.network.domain.ActorNotFoundException;
import org.kiezwerk.network.domain.Organisation;
import org.kiezwerk.network.domain.PartnerProfile;
import org.kiezwerk.network.domain.TiesChanged;
import org.kiezwerk.network.graph.OrganisationGraph;

/** The organisations of the network, as the partner directory publishes them. Each graph call runs in its own transaction. */
@ApplicationScoped
public class Organisations {

    @Inject
    OrganisationGraph organisations;

    @Inject
    Event<TiesChanged> tiesChanged;

    public Organisation actor(UUID id) {
        return organisations.find(id).orElseThrow(() -> new ActorNotFoundException(id));
    }

    public boolean partnerChanged(UUID id, String name, String kind, String neighbourhood, List<String> areas, PartnerProfile profile,
            long version, String eventId) {
        return organisations.upsert(id, name, kind, neighbourhood, areas, profile.targetGroups(), profile.resourcesOffered(),
                profile.resourcesNeeded(), profile.places(), profile.lat(), profile.lon(), version, eventId);
    }

    public boolean partnerRemoved(UUID id, long version) {
        boolean removed = organisations.remove(id, version);
        tiesChanged.fire(new TiesChanged()); // its ties left with it
        return removed;
    }
}
