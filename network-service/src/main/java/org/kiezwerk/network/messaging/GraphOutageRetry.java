package org.kiezwerk.network.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BooleanSupplier;
import org.kiezwerk.commons.messaging.OutageRetry;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/** Keeps readable messages out of the dead-letter topics while Neo4j restarts. */
@ApplicationScoped
public class GraphOutageRetry {

    @Inject
    GraphConfig graph;

    /**
     * A readable message must not end up in the dead-letter topic because Neo4j restarts: transient
     * failures are retried (the partition waits, keeping order) for up to {@code kiezwerk.graph.outage-retry}.
     */
    public boolean whileGraphIsBack(BooleanSupplier write) {
        return OutageRetry.untilBack("graph", graph.outageRetry(), e -> e instanceof ServiceUnavailableException
                || e instanceof SessionExpiredException || e instanceof TransientException, write::getAsBoolean);
    }
}
