package org.kiezwerk.event.domain;

/** Something the caller named does not exist: a 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super("There is no " + what + " with id " + id + ".");
    }
}
