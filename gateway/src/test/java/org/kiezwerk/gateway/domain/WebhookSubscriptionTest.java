package org.kiezwerk.gateway.domain;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which messages a subscription wants: types, neighbourhoods with their sub-areas, partners. */
class WebhookSubscriptionTest {

    static final UUID PARTNER = UUID.fromString("9f32d001-59a8-4643-b98c-83c6b6228d6b");
    static final String PARTNER_UPDATED = "org.kiezwerk.partner.updated.v1";
    static final String EVENT_SCHEDULED = "org.kiezwerk.event.scheduled.v1";

    static WebhookSubscription subscription(List<String> types, Set<String> neighbourhoods, Set<UUID> partners) {
        return new WebhookSubscription(UUID.randomUUID(), "key:x", URI.create("https://example.org/"), null, types, neighbourhoods,
                partners, null, WebhookSubscription.Status.ACTIVE, null, null, null, Instant.now(), Instant.now());
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    final String partnerInLindenhof = """
            {"id": "9f32d001-59a8-4643-b98c-83c6b6228d6b", "neighbourhoods": [{"code": "lindenhof", "parentCode": "auenstadt-sued",
             "ancestors": [{"code": "auenstadt-sued"}, {"code": "auenstadt"}]}]}""";

    @Test
    void onlyTheTypesAskedFor() throws Exception {
        WebhookSubscription s = subscription(List.of(PARTNER_UPDATED), Set.of(), Set.of());
        assertTrue(s.wants(PARTNER_UPDATED, json(partnerInLindenhof)));
        assertFalse(s.wants("org.kiezwerk.partner.removed.v1", json(partnerInLindenhof)));
    }

    @Test
    void aNeighbourhoodIncludesItsSubAreas() throws Exception {
        assertTrue(subscription(List.of(PARTNER_UPDATED), Set.of("lindenhof"), Set.of()).wants(PARTNER_UPDATED, json(partnerInLindenhof)));
        assertTrue(subscription(List.of(PARTNER_UPDATED), Set.of("auenstadt"), Set.of()).wants(PARTNER_UPDATED, json(partnerInLindenhof)));
        assertFalse(subscription(List.of(PARTNER_UPDATED), Set.of("weststadt"), Set.of()).wants(PARTNER_UPDATED, json(partnerInLindenhof)));
        // without ancestors in the message, the parent still counts
        assertTrue(subscription(List.of(PARTNER_UPDATED), Set.of("auenstadt-sued"), Set.of()).wants(PARTNER_UPDATED,
                json("{\"neighbourhoods\": [{\"code\": \"lindenhof\", \"parentCode\": \"auenstadt-sued\"}]}")));
    }

    @Test
    void aPartnerFilterTakesThePartnerAndTheEventsItTakesPartIn() throws Exception {
        WebhookSubscription s = subscription(List.of(PARTNER_UPDATED, EVENT_SCHEDULED), Set.of(), Set.of(PARTNER));
        assertTrue(s.wants(PARTNER_UPDATED, json(partnerInLindenhof)));
        assertFalse(s.wants(PARTNER_UPDATED, json("{\"id\": \"" + UUID.randomUUID() + "\"}")));
        assertTrue(s.wants(EVENT_SCHEDULED, json("{\"partners\": [{\"partnerId\": \"" + PARTNER + "\", \"role\": \"co_host\"}]}")));
        assertTrue(s.wants(EVENT_SCHEDULED, json("{\"venuePartnerId\": \"" + PARTNER + "\", \"partners\": []}")));
        assertFalse(s.wants(EVENT_SCHEDULED, json("{\"partners\": [{\"partnerId\": \"" + UUID.randomUUID() + "\", \"role\": \"host\"}]}")));
    }

    @Test
    void anEventCountsByItsOwnNeighbourhood() throws Exception {
        WebhookSubscription s = subscription(List.of(EVENT_SCHEDULED), Set.of("lindenhof"), Set.of());
        assertTrue(s.wants(EVENT_SCHEDULED, json("{\"neighbourhood\": \"lindenhof\"}")));
        assertFalse(s.wants(EVENT_SCHEDULED, json("{\"neighbourhood\": \"weststadt\"}")));
    }

    @Test
    void aTieIsOfBothItsOrganisationsAndTheirAreas() throws Exception {
        String tie = "org.kiezwerk.network.tie-asserted.v1";
        UUID other = UUID.randomUUID();
        JsonNode value = json("{\"from\": \"" + other + "\", \"fromNeighbourhoods\": [\"weststadt\"], \"to\": \"" + PARTNER
                + "\", \"toNeighbourhoods\": [\"auenstadt\", \"auenstadt-sued\", \"lindenhof\"]}");
        assertTrue(subscription(List.of(tie), Set.of(), Set.of()).wants(tie, value));
        assertFalse(subscription(List.of("org.kiezwerk.network.tie-removed.v1"), Set.of(), Set.of()).wants(tie, value));
        assertTrue(subscription(List.of(tie), Set.of(), Set.of(PARTNER)).wants(tie, value), "the to side");
        assertTrue(subscription(List.of(tie), Set.of(), Set.of(other)).wants(tie, value), "the from side");
        assertFalse(subscription(List.of(tie), Set.of(), Set.of(UUID.randomUUID())).wants(tie, value));
        assertTrue(subscription(List.of(tie), Set.of("weststadt"), Set.of()).wants(tie, value));
        assertTrue(subscription(List.of(tie), Set.of("auenstadt"), Set.of()).wants(tie, value), "an area above one side");
        assertFalse(subscription(List.of(tie), Set.of("nordstadt"), Set.of()).wants(tie, value));
        assertFalse(subscription(List.of(tie), Set.of("weststadt"), Set.of(UUID.randomUUID())).wants(tie, value), "both filters hold");
    }
}
