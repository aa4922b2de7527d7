package org.kiezwerk.gateway.domain;

import java.util.List;

/**
 * The kinds of change a webhook can subscribe to: the CloudEvents types on the topics (docs/events.md).
 * Offers and resources travel inside their partner's {@code updated} message, a cancelled occurrence
 * inside its event's {@code updated} message; cooperation ties between organisations have their own
 * topic ({@code kiezwerk.ties.v1}, published by network-service). {@link #CONFIRMATION_DUE} is
 * no change but the gateway's own reminder that an entry needs a look (ConfirmationReminders).
 */
public final class WebhookEventTypes {

    public static final String CONFIRMATION_DUE = "org.kiezwerk.partner.confirmation-due.v1";

    public static final List<String> ALL = List.of(
            "org.kiezwerk.partner.registered.v1",
            "org.kiezwerk.partner.updated.v1",
            "org.kiezwerk.partner.removed.v1",
            CONFIRMATION_DUE,
            "org.kiezwerk.event.scheduled.v1",
            "org.kiezwerk.event.updated.v1",
            "org.kiezwerk.event.cancelled.v1",
            "org.kiezwerk.event.coproduction-recorded.v1",
            "org.kiezwerk.event.removed.v1",
            "org.kiezwerk.network.tie-asserted.v1",
            "org.kiezwerk.network.tie-confirmed.v1",
            "org.kiezwerk.network.tie-ended.v1",
            "org.kiezwerk.network.tie-removed.v1");

    private WebhookEventTypes() {
    }
}
