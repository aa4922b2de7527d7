package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kiezwerk.network.domain.ActorNotFoundException;
import org.kiezwerk.network.domain.Organisation;
import org.kiezwerk.network.domain.PartnerProfile;
import org.kiezwerk.network.domain.TiesChanged;
import org.kiezwerk.network.graph.CityGraph;
import org.kiezwerk.network.graph.OrganisationGraph;

/** The organisations of the network, as the partner directory publishes them. Each graph call runs in its own transaction. */
@ApplicationScoped
public class Organisations {

    @Inject
    OrganisationGraph organisations;

    @Inject
    Event<TiesChanged> tiesChanged;

    @Inject
    CityGraph city;

    public Organisation actor(UUID id) {
        return organisations.find(id).orElseThrow(() -> new ActorNotFoundException(id));
    }

    /**
     * That the organisation is known, else {@link ActorNotFoundException}: from the in-memory copy while it is
     * current (it holds exactly the organisations {@link #actor} finds), which spares the ego network a
     * round trip to Neo4j.
     */
    public void known(UUID id) {
        Optional<CityGraph.Copy> copy = city.current();
        if (copy.isEmpty()) {
            actor(id);
            return;
        }
        int i = copy.get().number(id.toString());
        if (i < 0 || copy.get().person(i)) {
            throw new ActorNotFoundException(id);
        }
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
