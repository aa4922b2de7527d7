package org.kiezwerk.network.domain;

/** A tie change that breaks a rule (a reused Idempotency-Key, a confirmation by the wrong side): a 422. */
public class TieRefusedException extends RuntimeException {

    private final String type;
    private final String title;
    private final String field;

    public TieRefusedException(String type, String title, String field, String message) {
        super(message);
        this.type = type;
        this.title = title;
        this.field = field;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
