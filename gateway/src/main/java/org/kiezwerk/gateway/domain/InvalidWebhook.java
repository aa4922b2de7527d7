package org.kiezwerk.gateway.domain;

/** A subscription request that cannot be taken as it is: answered 400 with the field it is about. */
public class InvalidWebhook extends RuntimeException {

    private final String field;

    public InvalidWebhook(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
