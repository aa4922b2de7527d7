package org.kiezwerk.event.domain;

/**
 * A shared event (with its partners and occurrences) would no longer fit into one message: refused with a
 * 422, so that every accepted change can be announced (docs/events-api.md, "Limits").
 */
public class AggregateTooLargeException extends RuntimeException {

    public AggregateTooLargeException(String aggregate, int size, int limit) {
        super("The " + aggregate + " would hold " + size + " characters of data, more than the " + limit
                + " one " + aggregate + " may hold; shorten texts.");
    }

    public AggregateTooLargeException(String message) {
        super(message);
    }
}
