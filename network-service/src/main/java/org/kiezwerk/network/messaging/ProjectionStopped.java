package org.kiezwerk.network.messaging;

/** The service stops while a projection waits for the graph: its messages stay unacknowledged, to be read again. */
class ProjectionStopped extends RuntimeException {

    ProjectionStopped(Throwable cause) {
        super("stopped while waiting for the graph", cause);
    }
}
