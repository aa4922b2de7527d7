package org.kiezwerk.event.domain;

/** If-Match named a version that is no longer current: a 412, so that no change is lost. */
public class VersionMismatchException extends RuntimeException {

    public VersionMismatchException(Object id, Long current) {
        super(current == null ? "The event " + id + " does not exist, but If-Match expected it to."
                : "The event " + id + " has changed meanwhile (its version is now " + current
                        + "); read it again and apply your change to the current version.");
    }
}
