package org.kiezwerk.network.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.kiezwerk.commons.messaging.OutageRetry;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/** Keeps readable messages out of the dead-letter topics while Neo4j restarts or is away. */
@ApplicationScoped
public class GraphOutageRetry {

    private static final Logger LOG = Logger.getLogger(GraphOutageRetry.class);

    private static final Predicate<RuntimeException> OUTAGE = e -> e instanceof ServiceUnavailableException
            || e instanceof SessionExpiredException || e instanceof TransientException;

    @Inject
    GraphConfig graph;

    /**
     * An outage is never a message's fault: transient failures are retried with a growing pause, the
     * partitions waiting and so keeping their order; every {@code kiezwerk.graph.outage-retry} an error is
     * logged, and the waiting goes on. Other failures are thrown at once. Throws {@link ProjectionStopped}
     * if the thread is interrupted (the service stops) meanwhile.
     */
    public void untilGraphIsBack(Runnable write) {
        while (true) {
            try {
                OutageRetry.untilBack("graph", graph.outageRetry(), OUTAGE, () -> {
                    write.run();
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ProjectionStopped(e);
                }
                if (!OUTAGE.test(e)) {
                    throw e;
                }
                LOG.errorf("graph still not available after %s (%s); the projection keeps waiting", graph.outageRetry(),
                        e.getMessage());
            }
        }
    }
}
