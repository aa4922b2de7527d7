package org.kiezwerk.partner.domain;

/**
 * A partner (with its offers and resources) would no longer fit into one message: refused with a
 * 422, so that every accepted change can be announced (docs/directory-api.md, "Limits").
 */
public class AggregateTooLargeException extends RuntimeException {

    public AggregateTooLargeException(String aggregate, int size, int limit) {
        super("The " + aggregate + " would hold " + size + " characters of data, more than the " + limit
                + " one " + aggregate + " may hold with its offers and resources; shorten texts or split it.");
    }

    public AggregateTooLargeException(String message) {
        super(message);
    }
}
