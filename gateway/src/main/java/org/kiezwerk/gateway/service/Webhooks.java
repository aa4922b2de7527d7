package org.kiezwerk.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.gateway.config.WebhookConfig;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.DeliveriesWaiting;
import org.kiezwerk.gateway.domain.InvalidWebhook;
import org.kiezwerk.gateway.domain.Scope;
import org.kiezwerk.gateway.domain.WebhookDelivery;
import org.kiezwerk.gateway.domain.WebhookEventTypes;
import org.kiezwerk.gateway.domain.WebhookSignature;
import org.kiezwerk.gateway.domain.WebhookSubscription.Status;
import org.kiezwerk.gateway.domain.WebhookSubscription;
import org.kiezwerk.gateway.domain.WebhookTarget;
import org.kiezwerk.gateway.repository.WebhookStore;

/**
 * Webhook subscriptions of API keys: each belongs to the caller that made it (an admin sees and manages
 * all), and another caller's subscription is answered as not there.
 */
@ApplicationScoped
public class Webhooks {

    static final int MAX_TYPES = WebhookEventTypes.ALL.size();
    static final int MAX_FILTER = 50;
    static final int MAX_DESCRIPTION = 500;

    /** What a caller asks for; null where a change leaves a field as it is. */
    public record Draft(String url, String description, List<String> eventTypes, List<String> neighbourhoods, List<UUID> partners) {
    }

    public record Created(WebhookSubscription subscription, String secret) {
    }

    private final WebhookStore store;
    private final WebhookSecrets secrets;
    private final WebhookConfig config;
    /** Observed by the courier (messaging), which the use cases do not know. */
    private final Event<DeliveriesWaiting> waiting;

    Webhooks(WebhookStore store, WebhookSecrets secrets, WebhookConfig config, Event<DeliveriesWaiting> waiting) {
        this.store = store;
        this.secrets = secrets;
        this.config = config;
        this.waiting = waiting;
    }

    public Created create(Caller owner, Draft draft) {
        URI url = target(draft.url());
        List<String> types = eventTypes(draft.eventTypes());
        // the limit guards against a key that subscribes without end; admins are the operators themselves
        if (!owner.may(Scope.ADMIN) && store.count(owner.subject()) >= config.maxPerOwner()) {
            throw new InvalidWebhook("url", "this API key has " + config.maxPerOwner() + " subscriptions already, the most it may have");
        }
        String secret = WebhookSignature.newSecret();
        Instant now = Instant.now();
        WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID(), owner.subject(), url, description(draft.description()),
                types, neighbourhoods(draft.neighbourhoods()), partners(draft.partners()), null, Status.ACTIVE, null, null, null, now, now);
        store.add(subscription, secrets.seal(secret));
        return new Created(find(owner, subscription.id()).orElseThrow(), secret);
    }

    public List<WebhookSubscription> list(Caller caller) {
        return store.subscriptions(caller.may(Scope.ADMIN) ? null : caller.subject()).stream().map(Webhooks::withoutSecret).toList();
    }

    public Optional<WebhookSubscription> find(Caller caller, UUID id) {
        return store.subscription(id).filter(s -> caller.may(Scope.ADMIN) || s.owner().equals(caller.subject())).map(Webhooks::withoutSecret);
    }

    /** Changes target, description, types or filters (what the draft names); a status pauses or resumes. */
    public Optional<WebhookSubscription> change(Caller caller, UUID id, Draft draft, String status) {
        Optional<WebhookSubscription> found = find(caller, id);
        if (found.isEmpty()) {
            return found;
        }
        WebhookSubscription s = found.get();
        if (status != null && !status.equals("active") && !status.equals("paused")) {
            throw new InvalidWebhook("status", "active or paused");
        }
        WebhookSubscription changed = new WebhookSubscription(s.id(), s.owner(),
                draft.url() == null ? s.url() : target(draft.url()),
                draft.description() == null ? s.description() : description(draft.description()),
                draft.eventTypes() == null ? s.eventTypes() : eventTypes(draft.eventTypes()),
                draft.neighbourhoods() == null ? s.neighbourhoods() : neighbourhoods(draft.neighbourhoods()),
                draft.partners() == null ? s.partners() : partners(draft.partners()),
                null, s.status(), s.pausedReason(), s.pausedAt(), s.failingSince(), s.createdAt(), Instant.now());
        store.change(changed);
        if ("paused".equals(status) && s.status() == Status.ACTIVE) {
            store.pause(id, "paused by its owner", Instant.now());
        } else if ("active".equals(status) && s.status() == Status.PAUSED) {
            resume(caller, id);
        }
        return find(caller, id);
    }

    public boolean delete(Caller caller, UUID id) {
        return find(caller, id).map(s -> store.remove(id)).orElse(false);
    }

    /** Active again; deliveries that waited (kept while paused) go out at once, in order. */
    public Optional<WebhookSubscription> resume(Caller caller, UUID id) {
        if (find(caller, id).isEmpty()) {
            return Optional.empty();
        }
        store.resume(id, Instant.now());
        waiting.fire(new DeliveriesWaiting());
        return find(caller, id);
    }

    public List<WebhookDelivery> deliveries(UUID subscription, Long before, String status, int limit) {
        return store.deliveries(subscription, before, status, limit);
    }

    /** The same message once more, as a new delivery (with a webhook-id of its own), after everything recorded so far. */
    public Optional<WebhookDelivery> redeliver(UUID subscription, UUID delivery) {
        Optional<WebhookDelivery> again = store.delivery(subscription, delivery).map(d -> store.again(d, Instant.now()));
        again.ifPresent(d -> waiting.fire(new DeliveriesWaiting()));
        return again;
    }

    /** Every message recorded for the subscription in [from, to), once more, in its order. */
    public int replay(UUID subscription, Instant from, Instant to) {
        int count = store.replay(subscription, from, to, Instant.now());
        waiting.fire(new DeliveriesWaiting());
        return count;
    }

    private URI target(String url) {
        return WebhookTarget.parse(url, config.allowPrivateTargets());
    }

    private static WebhookSubscription withoutSecret(WebhookSubscription s) {
        return new WebhookSubscription(s.id(), s.owner(), s.url(), s.description(), s.eventTypes(), s.neighbourhoods(), s.partners(),
                null, s.status(), s.pausedReason(), s.pausedAt(), s.failingSince(), s.createdAt(), s.updatedAt());
    }

    private static List<String> eventTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidWebhook("eventTypes", "at least one event type is required (see the Webhooks section of the integrators' guide)");
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i);
            if (type == null || !WebhookEventTypes.ALL.contains(type)) {
                // the message names no type: they read like package names, which refusals never show
                throw new InvalidWebhook("eventTypes[" + i + "]", "unknown event type; the types are those of the partner, event and tie"
                        + " topics: partner registered, updated, removed (and the reminder confirmation-due); event scheduled, updated,"
                        + " cancelled, coproduction-recorded, removed; tie asserted, confirmed, ended, removed");
            }
            types.add(type);
        }
        return new ArrayList<>(types);
    }

    private static String description(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION || description.indexOf('\0') >= 0) {
            throw new InvalidWebhook("description", "at most " + MAX_DESCRIPTION + " characters");
        }
        return description.strip();
    }

    private static Set<String> neighbourhoods(List<String> codes) {
        if (codes == null) {
            return Set.of();
        }
        if (codes.size() > MAX_FILTER) {
            throw new InvalidWebhook("filters.neighbourhoods", "at most " + MAX_FILTER + " neighbourhoods");
        }
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) == null || !codes.get(i).matches("[a-z0-9][a-z0-9_-]{0,99}")) {
                throw new InvalidWebhook("filters.neighbourhoods[" + i + "]", "a neighbourhood code (lower-case letters, digits, - and _)");
            }
        }
        return Set.copyOf(codes);
    }

    private static Set<UUID> partners(List<UUID> ids) {
        if (ids == null) {
            return Set.of();
        }
        if (ids.size() > MAX_FILTER || ids.stream().anyMatch(Objects::isNull)) {
            throw new InvalidWebhook("filters.partners", "at most " + MAX_FILTER + " partner ids");
        }
        return Set.copyOf(ids);
    }
}
