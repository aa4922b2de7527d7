package org.kiezwerk.commons.idempotency;

/** An Idempotency-Key seen before with another request: a 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("The Idempotency-Key '" + key + "' was already used with a different request body;"
                + " use a new key for a new request.");
    }
}
