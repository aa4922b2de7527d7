package org.kiezwerk.network.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Predicate;
import org.kiezwerk.commons.messaging.OutageRetry;
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

    /**
     * Set as the service begins to stop, before the Neo4j driver is closed. A projection waiting for the graph is not
     * interrupted then: its next try fails on the closed driver with an error that is no outage, which would send a
     * readable message to the dead-letter topic (seen in LocalSystemIT). Once stopping, every failure is the stop.
     */
    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * An outage is never a message's fault: transient failures are retried with a growing pause, the
     * partitions waiting and so keeping their order; every {@code kiezwerk.graph.outage-retry} an error is
     * logged, and the waiting goes on. Other failures are thrown at once. Throws {@link ProjectionStopped}
     * instead if the service is stopping (or the thread is interrupted): then no failure is the message's.
     */
    public void untilGraphIsBack(Runnable write) {
        try {
            OutageRetry.untilBackOrStopped("graph", graph.outageRetry(), OUTAGE, () -> stopping, () -> {
                write.run();
                return null;
            });
        } catch (OutageRetry.Stopped stopped) {
            throw new ProjectionStopped(stopped.getCause());
        }
    }
}
