package org.kiezwerk.gateway.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.GatewayConfig;
import org.kiezwerk.gateway.config.WebhookConfig;
import org.kiezwerk.gateway.domain.WebhookEventTypes;
import org.kiezwerk.gateway.domain.WebhookSubscription;
import org.kiezwerk.gateway.repository.WebhookStore.NewDelivery;
import org.kiezwerk.gateway.repository.WebhookStore;

/**
 * Reminds a partner's people, through the webhooks of those who asked for it (a coordinator's CRM, a
 * mail-out tool), that its entry needs a look: once a day it reads partner-service's stale-entry report
 * for each subscription's areas and records one {@value WebhookEventTypes#CONFIRMATION_DUE} delivery
 * per partner whose entry or offers nobody confirmed for {@code reminders.months}; again every
 * {@code reminders.repeat-after} while nobody confirms. The reminder's id is derived from the partner,
 * its oldest confirmation and the round, so running twice, or on two replicas, records it once, and a
 * confirmation ends the series. Nothing is sent to anybody who did not subscribe; no mail is sent.
 */
@ApplicationScoped
public class ConfirmationReminders {

    private static final Logger LOG = Logger.getLogger(ConfirmationReminders.class);
    private static final int PAGE = 200;

    private final WebhookStore store;
    private final WebhookConfig config;
    private final WebhookCourier courier;
    private final ObjectMapper json;
    private final URI partnerService;
    private final HttpClient http;

    ConfirmationReminders(WebhookStore store, WebhookConfig config, GatewayConfig gateway, WebhookCourier courier, ObjectMapper json) {
        this.store = store;
        this.config = config;
        this.courier = courier;
        this.json = json;
        this.partnerService = gateway.partnerServiceUrl();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(gateway.connectTimeout()).build();
    }

    @Scheduled(every = "${kiezwerk.webhooks.reminders.every:24h}", delayed = "${kiezwerk.webhooks.reminders.first-after:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "confirmation-reminders")
    void daily() {
        if (!config.remindersEnabled()) {
            return;
        }
        try {
            int recorded = remind(Instant.now());
            if (recorded > 0) {
                LOG.infof("webhooks: %d confirmation reminders recorded", recorded);
            }
        } catch (IOException | RuntimeException e) {
            // partner-service or the database is down: the next round tries again, and nothing is lost
            // (a reminder is about the state at that time)
            LOG.warnf("webhooks: confirmation reminders not recorded this round: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One round: the reminders due at {@code now} (the daily job's clock; a test's may be months ahead),
     * recorded for their subscriptions; returns how many are new.
     */
    public int remind(Instant now) throws IOException, InterruptedException {
        List<NewDelivery> deliveries = new ArrayList<>();
        Map<String, List<JsonNode>> reports = new LinkedHashMap<>();
        for (WebhookSubscription subscription : store.subscriptions(null)) {
            if (subscription.status() != WebhookSubscription.Status.ACTIVE
                    || !subscription.eventTypes().contains(WebhookEventTypes.CONFIRMATION_DUE)) {
                continue;
            }
            List<String> areas = subscription.neighbourhoods().isEmpty() ? topAreas() : List.copyOf(subscription.neighbourhoods());
            Map<String, ObjectNode> byPartner = new LinkedHashMap<>();
            for (String area : areas) {
                List<JsonNode> entries = reports.get(area);
                if (entries == null) {
                    entries = stale(area);
                    reports.put(area, entries);
                }
                for (JsonNode entry : entries) {
                    UUID partner = UUID.fromString(entry.path("partnerId").asText());
                    if (subscription.partners().isEmpty() || subscription.partners().contains(partner)) {
                        add(byPartner.computeIfAbsent(partner.toString(), id -> reminder(entry, area)), entry);
                    }
                }
            }
            for (ObjectNode data : byPartner.values()) {
                deliveries.add(delivery(subscription, data, now));
            }
        }
        // due at once: the rounds follow the reminders' clock, the delivery log the real one
        int recorded = store.record(deliveries, Instant.now());
        if (recorded > 0) {
            courier.wake();
        }
        return recorded;
    }

    private ObjectNode reminder(JsonNode entry, String area) {
        ObjectNode data = json.createObjectNode();
        data.put("partnerId", entry.path("partnerId").asText());
        data.put("partnerName", entry.path("type").asText().equals("partner") ? entry.path("name").asText() : entry.path("partnerName").asText());
        data.put("neighbourhood", area);
        data.set("contact", entry.path("contact").deepCopy());
        data.put("confirm", "/api/v1/partners/" + entry.path("partnerId").asText() + "/confirmation");
        data.putArray("stale");
        return data;
    }

    private static void add(ObjectNode data, JsonNode entry) {
        ArrayNode stale = (ArrayNode) data.get("stale");
        for (JsonNode known : stale) {
            if (known.path("id").equals(entry.path("id"))) {
                return; // the same entry under two of the subscription's areas
            }
        }
        ObjectNode item = stale.addObject();
        item.put("type", entry.path("type").asText());
        item.put("id", entry.path("id").asText());
        item.put("name", entry.path("name").asText());
        item.set("confirmedAt", entry.path("confirmedAt"));
        if (entry.has("reasons")) {
            item.set("reasons", entry.path("reasons").deepCopy()); // unconfirmed, contact_bounced
        }
        String oldest = data.path("confirmedAt").asText(null);
        String confirmed = entry.path("confirmedAt").asText(null);
        if (confirmed != null && (oldest == null || OffsetDateTime.parse(confirmed).isBefore(OffsetDateTime.parse(oldest)))) {
            data.put("confirmedAt", confirmed);
        }
    }

    /** The id names partner, oldest confirmation and round: the same reminder is recorded once, a confirmation starts afresh. */
    private NewDelivery delivery(WebhookSubscription subscription, ObjectNode data, Instant now) {
        String partner = data.path("partnerId").asText();
        Instant confirmed = data.hasNonNull("confirmedAt") ? OffsetDateTime.parse(data.path("confirmedAt").asText()).toInstant() : now;
        Instant due = confirmed.atOffset(ZoneOffset.UTC).plusMonths(config.remindersMonths()).toInstant();
        long round = Math.max(0, Duration.between(due, now).toSeconds() / Math.max(1, config.remindersRepeatAfter().toSeconds()));
        String id = "confirmation-due:" + partner + ":" + confirmed + ":" + round;
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "/kiezwerk/gateway/reminders");
        event.put("type", WebhookEventTypes.CONFIRMATION_DUE);
        event.put("subject", partner);
        event.put("time", now.toString());
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return new NewDelivery(subscription.id(), id, WebhookEventTypes.CONFIRMATION_DUE, partner, event.toString(), Instant.now());
    }

    /** All stale entries of an area (and everything below it), every page. */
    private List<JsonNode> stale(String area) throws IOException, InterruptedException {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/partners/stale?neighbourhood=" + encode(area) + "&months=" + config.remindersMonths()
                    + "&limit=" + PAGE + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            if (page == null) {
                return entries; // an area that no longer exists
            }
            page.path("items").forEach(entries::add);
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        return entries;
    }

    /** For subscriptions without an area: the top-level areas, which include everything below them. */
    private List<String> topAreas() throws IOException, InterruptedException {
        List<String> areas = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/neighbourhoods?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            if (page == null) {
                break;
            }
            for (JsonNode area : page.path("items")) {
                if (area.path("parent").isMissingNode() || area.path("parent").isNull()) {
                    areas.add(area.path("code").asText());
                }
            }
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        return areas;
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(partnerService.resolve(pathAndQuery))
                .timeout(config.responseTimeout()).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("partner-service answered " + response.statusCode() + " to " + pathAndQuery);
        }
        return json.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
