package org.kiezwerk.partner.domain;

/** If-Match named a version that is no longer current: a 412, so that no change is lost. */
public class VersionMismatchException extends RuntimeException {

    public VersionMismatchException(String what, Object id, Long current) {
        super(current == null
                ? "The " + what + " " + id + " does not exist, but If-Match expected it to."
                : "The " + what + " " + id + " has changed meanwhile (its version is now " + current
                        + "); read it again and apply your change to the current version.");
    }
}
