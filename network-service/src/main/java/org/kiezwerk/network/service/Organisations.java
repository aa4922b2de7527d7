package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kiezwerk.network.domain.ActorNotFoundException;
import org.kiezwerk.network.domain.Organisation;
import org.kiezwerk.network.domain.PartnerChange;
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

    /**
     * Applies the directory's messages (changes and removals, in the order they were published) in one
     * transaction; returns how many changed the graph.
     */
    public int partnersChanged(List<PartnerChange> changes) {
        int applied = organisations.apply(changes);
        if (changes.stream().anyMatch(PartnerChange::removed)) {
            tiesChanged.fire(new TiesChanged()); // a removed organisation's ties left with it
        }
        return applied;
    }
}
