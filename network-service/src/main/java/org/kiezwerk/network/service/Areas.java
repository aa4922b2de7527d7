package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.kiezwerk.network.domain.AreaNotFoundException;
import org.kiezwerk.network.graph.AreaGraph;

/** Area filters: an area at any level includes its sub-areas; one the network does not know is refused. */
@ApplicationScoped
public class Areas {

    @Inject
    AreaGraph graph;

    /** The code if the network knows the area (null stays null: the whole network). */
    public String known(String code) {
        if (code != null && !graph.exists(code)) {
            throw new AreaNotFoundException(code);
        }
        return code;
    }

    /**
     * The area as the organisations' questions take it: null (the whole city, answered from the in-memory copy and its
     * caches) for a city that holds every organisation, since its organisations and ties are the city's; else the
     * code. Not for questions about persons, who may belong to the city without any organisation of it.
     */
    public String ofOrganisations(String code) {
        return code != null && graph.holdsEveryOrganisation(code) ? null : code;
    }
}
