package org.kiezwerk.network.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/** Keeps readable messages out of the dead-letter topics while Neo4j restarts. */
@ApplicationScoped
public class GraphOutageRetry {

    private static final Logger LOG = Logger.getLogger(GraphOutageRetry.class);

    @Inject
    GraphConfig graph;

    /**
     * A readable message must not end up in the dead-letter topic because Neo4j restarts: transient
     * failures are retried (the partition waits, keeping order) for up to {@code kiezwerk.graph.outage-retry}.
     */
    public boolean whileGraphIsBack(java.util.function.BooleanSupplier write) {
        long deadline = System.nanoTime() + graph.outageRetry().toNanos();
        long pauseMillis = 200;
        while (true) {
            try {
                return write.getAsBoolean();
            } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("graph not available (%s); retrying in %d ms", e.getMessage(), pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

}
