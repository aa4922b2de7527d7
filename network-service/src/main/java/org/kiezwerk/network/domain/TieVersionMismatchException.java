package org.kiezwerk.network.domain;

import java.util.UUID;

/** The caller's If-Match names an older version of the tie. */
public class TieVersionMismatchException extends RuntimeException {

    public TieVersionMismatchException(UUID id, long current) {
        super("The tie " + id + " has changed meanwhile (its version is now " + current + "); read it again.");
    }
}
