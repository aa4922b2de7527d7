package org.kiezwerk.partner.domain;

/** The change would break a rule about other records (a code taken, a term still in use): a 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
