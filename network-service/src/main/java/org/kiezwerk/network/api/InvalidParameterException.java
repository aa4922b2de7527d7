package org.kiezwerk.network.api;

/** A query parameter the caller got wrong: a 400 naming it. */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
