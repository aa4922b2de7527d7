package org.kiezwerk.gateway.api;

import com.fasterxml.jackson.core.JacksonException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kiezwerk.gateway.domain.AccessDenied;
import org.kiezwerk.gateway.domain.Caller;
import org.kiezwerk.gateway.domain.InvalidWebhook;
import org.kiezwerk.gateway.domain.Scope;
import org.kiezwerk.gateway.domain.WebhookDelivery;
import org.kiezwerk.gateway.domain.WebhookSubscription;
import org.kiezwerk.gateway.service.Webhooks;

/**
 * Webhooks: an API key subscribes a URL to kinds of change (docs/integrators.md, "Webhooks"). The gateway's
 * own endpoint, with the same access rules as everything behind it: an API key with the scope read; a
 * subscription belongs to the key that made it, an admin sees all.
 */
@Path("/api/v1/webhooks")
@RolesAllowed("read")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    @Schema(name = "WebhookFilters", description = "Only changes of these neighbourhoods (codes; a partner's sub-areas count,"
            + " an event counts by its own neighbourhood, a tie by the areas of either organisation) and of these partners (a"
            + " partner itself; an event's hosts, co-hosts, venue and contributors; either organisation of a tie). Empty or"
            + " missing: no restriction.")
    public record Filters(List<String> neighbourhoods, List<UUID> partners) {
    }

    @Schema(name = "WebhookRequest")
    public record WebhookRequest(
            @Schema(description = "Where the deliveries are POSTed: http or https, a public host.", examples = "https://crm.example.org/hooks/kiezwerk") String url,
            @Schema(description = "What it is for (at most 500 characters).") String description,
            @Schema(description = "The CloudEvents types to deliver (see docs/asyncapi.yaml): org.kiezwerk.partner.*, org.kiezwerk.event.*"
                    + " and the tie types org.kiezwerk.network.tie-asserted.v1, tie-confirmed.v1, tie-ended.v1, tie-removed.v1.") List<String> eventTypes,
            Filters filters,
            @Schema(description = "PATCH only: active (resume) or paused.", enumeration = {"active", "paused"}) String status) {
    }

    @Schema(name = "Webhook")
    public record WebhookView(UUID id, URI url, @Schema(nullable = true) String description, List<String> eventTypes, Filters filters,
            @Schema(enumeration = {"active", "paused"}) String status,
            @Schema(nullable = true, description = "Why it was paused.") String pausedReason,
            @Schema(nullable = true) Instant pausedAt,
            @Schema(nullable = true, description = "Since when no delivery has succeeded; past the configured time it is paused.") Instant failingSince,
            @Schema(description = "Who made it: key:<API key id>.") String owner, Instant createdAt, Instant updatedAt,
            @Schema(nullable = true, description = "The signing secret (whsec_...): only in the answer that creates the subscription.") String secret) {

        static WebhookView of(WebhookSubscription s, String secret) {
            return new WebhookView(s.id(), s.url(), s.description(), s.eventTypes(),
                    new Filters(List.copyOf(s.neighbourhoods()), List.copyOf(s.partners())), s.status().code(), s.pausedReason(),
                    s.pausedAt(), s.failingSince(), s.owner(), s.createdAt(), s.updatedAt(), secret);
        }
    }

    @Schema(name = "WebhookPage")
    public record WebhookPage(List<WebhookView> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "WebhookDelivery")
    public record DeliveryView(UUID id,
            @Schema(description = "The CloudEvent's id (the same for a redelivery or replay of it).") String eventId,
            String eventType, @Schema(description = "The partner or event the change is about.") String subject,
            @Schema(enumeration = {"live", "redelivery", "replay"}) String origin,
            @Schema(enumeration = {"pending", "delivered", "undeliverable"}) String status, int attempts,
            @Schema(nullable = true, description = "The HTTP status of the last answer (null: none, e.g. a timeout).") Integer lastStatus,
            @Schema(nullable = true) String lastError,
            @Schema(nullable = true, description = "How long the last attempt took, in milliseconds.") Integer latencyMs,
            @Schema(nullable = true) Instant lastAttemptAt,
            @Schema(nullable = true, description = "When a pending delivery is tried next.") Instant nextAttemptAt,
            @Schema(nullable = true) Instant deliveredAt, Instant recordedAt, Instant createdAt) {

        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.aggregate(), d.origin(), d.status(), d.attempts(), d.lastStatus(),
                    d.lastError(), d.lastLatencyMs(), d.lastAttemptAt(), d.status().equals("pending") ? d.nextAttemptAt() : null,
                    d.deliveredAt(), d.recordedAt(), d.createdAt());
        }
    }

    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(List<DeliveryView> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "WebhookReplay")
    public record Replay(@Schema(description = "How many deliveries the replay made.") int deliveries, Instant from, Instant to) {
    }

    private final Webhooks webhooks;
    private final SecurityIdentity identity;

    WebhookResource(Webhooks webhooks, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to kinds of change; the answer is the only time the signing secret is shown")
    @APIResponse(responseCode = "201", description = "Subscribed; `secret` is shown this once.",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "No or a refused URL, unknown event types, bad filters, or too many subscriptions.")
    public Response create(WebhookRequest request) {
        Caller caller = caller();
        if (request == null) {
            throw new InvalidWebhook("body", "a JSON object with url and eventTypes is required");
        }
        if (request.status() != null) {
            throw new InvalidWebhook("status", "a new subscription is active; pause it with PATCH");
        }
        Webhooks.Created created = webhooks.create(caller, draft(request));
        return Response.status(201).location(URI.create("/api/v1/webhooks/" + created.subscription().id()))
                .entity(WebhookView.of(created.subscription(), created.secret())).build();
    }

    @GET
    @Operation(summary = "The caller's subscriptions (an admin's: everybody's), without their secrets")
    @APIResponse(responseCode = "200", description = "One page with every subscription (`nextCursor` is always null).",
            content = @Content(schema = @Schema(implementation = WebhookPage.class)))
    public WebhookPage list() {
        Caller caller = caller();
        return new WebhookPage(webhooks.list(caller).stream().map(s -> WebhookView.of(s, null)).toList(), null);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription, with its state (active or paused, and why)")
    @APIResponse(responseCode = "200", description = "The subscription.", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "There is no such subscription of the caller.")
    public WebhookView get(@PathParam("id") String id) {
        Caller caller = caller();
        return WebhookView.of(owned(caller, id), null);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a subscription: the fields given replace the old ones; status active resumes a paused one, paused pauses it")
    @APIResponse(responseCode = "200", description = "The changed subscription.", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "A refused URL, unknown event types, bad filters or status.")
    @APIResponse(responseCode = "404", description = "There is no such subscription of the caller.")
    public WebhookView change(@PathParam("id") String id, WebhookRequest request) {
        Caller caller = caller();
        UUID subscription = owned(caller, id).id();
        if (request == null) {
            throw new InvalidWebhook("body", "a JSON object with the fields to change is required");
        }
        return webhooks.change(caller, subscription, draft(request), request.status()).map(s -> WebhookView.of(s, null))
                .orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unsubscribe: nothing more is sent, the delivery log goes with it")
    @APIResponse(responseCode = "204", description = "Removed.")
    @APIResponse(responseCode = "404", description = "There is no such subscription of the caller.")
    public Response delete(@PathParam("id") String id) {
        Caller caller = caller();
        if (!webhooks.delete(caller, owned(caller, id).id())) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused subscription: the deliveries that waited go out at once, in order")
    @APIResponse(responseCode = "200", description = "The subscription, active.", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "There is no such subscription of the caller.")
    public WebhookView resume(@PathParam("id") String id) {
        Caller caller = caller();
        return webhooks.resume(caller, owned(caller, id).id()).map(s -> WebhookView.of(s, null)).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The delivery log of a subscription, newest first: status, attempts, last answer, latency")
    @APIResponse(responseCode = "200", description = "One page of the log.", content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "A bad limit, cursor or status.")
    @APIResponse(responseCode = "404", description = "There is no such subscription of the caller.")
    public DeliveryPage deliveries(@PathParam("id") String id,
            @Parameter(description = "Page size, 1 to 200 (default 20).") @QueryParam("limit") String limit,
            @Parameter(description = "From the previous page's nextCursor.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Only deliveries in this state.", schema = @Schema(enumeration = {"pending", "delivered", "undeliverable"}))
            @QueryParam("status") String status) {
        Caller caller = caller();
        UUID subscription = owned(caller, id).id();
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw new InvalidWebhook("limit", "a number from 1 to " + MAX_LIMIT);
            }
        }
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new InvalidWebhook("cursor", "not a cursor of this list");
            }
        }
        if (status != null && !Set.of("pending", "delivered", "undeliverable").contains(status)) {
            throw new InvalidWebhook("status", "pending, delivered or undeliverable");
        }
        List<WebhookDelivery> page = webhooks.deliveries(subscription, before, status, size + 1);
        List<DeliveryView> items = new ArrayList<>();
        page.stream().limit(size).forEach(d -> items.add(DeliveryView.of(d)));
        String next = page.size() > size ? Long.toString(page.get(size - 1).seq()) : null;
        return new DeliveryPage(items, next);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send one delivery again (as a new delivery, after what is already waiting)")
    @APIResponse(responseCode = "202", description = "The new delivery, pending.", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "There is no such subscription of the caller, or no such delivery of it.")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        Caller caller = caller();
        UUID subscription = owned(caller, id).id();
        Problem noDelivery = Problem.notFound("There is no such delivery of this subscription.");
        UUID delivery = uuid(deliveryId).orElseThrow(() -> noDelivery);
        return webhooks.redeliver(subscription, delivery).map(d -> Response.accepted(DeliveryView.of(d)).build())
                .orElseThrow(() -> noDelivery);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Replay a period: every change recorded for this subscription from `from` (inclusive) to `to` (exclusive)"
            + " is delivered once more, in its order (within the log's retention)")
    @APIResponse(responseCode = "202", description = "How many deliveries were made.", content = @Content(schema = @Schema(implementation = Replay.class)))
    @APIResponse(responseCode = "400", description = "from or to missing, not a date-time with offset, or from not before to.")
    @APIResponse(responseCode = "404", description = "There is no such subscription of the caller.")
    public Response replay(@PathParam("id") String id,
            @Parameter(required = true, description = "Start (inclusive), ISO-8601 with offset.", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(required = true, description = "End (exclusive), ISO-8601 with offset.", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") String to) {
        Caller caller = caller();
        UUID subscription = owned(caller, id).id();
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw new InvalidWebhook("from", "must be before to");
        }
        return Response.accepted(new Replay(webhooks.replay(subscription, start, end), start, end)).build();
    }

    // --- who may

    /** The caller Quarkus security identified (with the scope read, see the class); webhooks belong to API keys. */
    private Caller caller() {
        Caller caller = identity.getAttribute(CallerAuthentication.CALLER);
        if (!caller.subject().startsWith("key:") && !caller.may(Scope.ADMIN)) {
            throw AccessDenied.forbidden("Webhooks belong to API keys: subscribe with an API key (X-API-Key).");
        }
        return caller;
    }

    private WebhookSubscription owned(Caller caller, String id) {
        return uuid(id).flatMap(uuid -> webhooks.find(caller, uuid)).orElseThrow(() -> notFound(id));
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Webhooks.Draft draft(WebhookRequest request) {
        Filters filters = request.filters();
        // filters given replace the old ones whole; not given, they stay (PATCH) or are none (POST)
        return new Webhooks.Draft(request.url(), request.description(), request.eventTypes(),
                filters == null ? null : filters.neighbourhoods() == null ? List.of() : filters.neighbourhoods(),
                filters == null ? null : filters.partners() == null ? List.of() : filters.partners());
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidWebhook(field, "required, an ISO-8601 date-time with offset");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidWebhook(field, "an ISO-8601 date-time with offset, such as 2027-03-18T19:00:00+01:00");
        }
    }

    private static Problem notFound(String id) {
        // only an id is echoed, never other input
        String shown = uuid(id).map(uuid -> " " + uuid).orElse("");
        return Problem.notFound("There is no such webhook subscription" + shown + " of yours.");
    }

    // --- the refusals are answered by GatewayExceptionMappers; these two the framework raises for this resource alone

    @ServerExceptionMapper
    Response unreadable(JacksonException e, UriInfo uri) {
        return GatewayExceptionMappers.unreadable(uri);
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e, UriInfo uri) {
        return GatewayExceptionMappers.framework(e, uri);
    }
}
