package org.kiezwerk.network.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Predicate;
import org.kiezwerk.commons.messaging.OutageRetry;
import org.kiezwerk.commons.messaging.ServiceStopping;
import org.kiezwerk.network.config.GraphConfig;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/** Keeps readable messages out of the dead-letter topics while Neo4j restarts or is away. */
@ApplicationScoped
public class GraphOutageRetry {

    private static final Predicate<RuntimeException> OUTAGE = e -> e instanceof ServiceUnavailableException
            || e instanceof SessionExpiredException || e instanceof TransientException;

    @Inject
    GraphConfig graph;

    /** Once the service stops, a failure under a waiting projection is the stop (the driver closed), not the message's. */
    @Inject
    ServiceStopping stopping;

    /**
     * An outage is never a message's fault: transient failures are retried with a growing pause, the
     * partitions waiting and so keeping their order; every {@code kiezwerk.graph.outage-retry} an error is
     * logged, and the waiting goes on. Other failures are thrown at once. Throws {@link OutageRetry.Stopped}
     * instead if the service is stopping (or the thread is interrupted): then no failure is the message's, and its
     * messages stay unacknowledged, to be read again.
     */
    public void untilGraphIsBack(Runnable write) {
        OutageRetry.untilBackOrStopped("graph", graph.outageRetry(), OUTAGE, stopping::now, () -> {
            write.run();
            return null;
        });
    }
}
