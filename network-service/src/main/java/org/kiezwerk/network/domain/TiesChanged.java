package org.kiezwerk.network.domain;

/**
 * Fired (as a CDI event) after a use case changed ties: their messages are in the outbox by then, and
 * whoever publishes them can do so now instead of at its next round.
 */
public record TiesChanged() {
}
