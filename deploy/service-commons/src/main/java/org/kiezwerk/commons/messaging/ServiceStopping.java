package org.kiezwerk.commons.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Whether the service has begun to stop. Quarkus fires the shutdown event before it closes the Neo4j driver
 * and the datasources, but does not interrupt a consumer that waits for its store: the failure that follows
 * on the closed connection is the stop, not the message's (see {@link OutageRetry#untilBackOrStopped}).
 */
@ApplicationScoped
public class ServiceStopping {

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** For tests and for callers that stop a consumer themselves. */
    public void begin() {
        stopping = true;
    }

    public boolean now() {
        return stopping;
    }
}
