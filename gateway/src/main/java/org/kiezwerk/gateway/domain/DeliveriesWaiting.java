package org.kiezwerk.gateway.domain;

/** Webhook deliveries are waiting to go out now (resumed, redelivered, replayed): the courier need not wait for its next round. */
public record DeliveriesWaiting() {
}
