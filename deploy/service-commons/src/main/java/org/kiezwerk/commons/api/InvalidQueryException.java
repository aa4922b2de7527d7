package org.kiezwerk.commons.api;

/** A query parameter or header the caller got wrong: a 400 naming it. */
public class InvalidQueryException extends RuntimeException {

    private final String field;

    public InvalidQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
