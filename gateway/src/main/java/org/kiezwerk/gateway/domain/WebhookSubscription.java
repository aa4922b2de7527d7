package org.kiezwerk.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * An outside system's wish to hear of changes: where to (url), which kinds (eventTypes), optionally
 * only those of some neighbourhoods (sub-areas included) or partners. {@code secret} is the signing
 * secret in clear ({@code whsec_...}); it is stored encrypted and only shown when created.
 */
public record WebhookSubscription(UUID id, String owner, URI url, String description, List<String> eventTypes,
        Set<String> neighbourhoods, Set<UUID> partners, String secret, Status status, String pausedReason,
        Instant pausedAt, Instant failingSince, Instant createdAt, Instant updatedAt) {

    public enum Status {
        ACTIVE, PAUSED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Whether a message is for this subscription: its type is one of those asked for, and it is of one of
     * the neighbourhoods (a partner's areas and the areas above them; an event's own area; either side of
     * a tie, with its areas and those above) and of one of the partners (the partner itself; an event's
     * hosts, co-hosts, venue and contributors; either organisation of a tie), where asked.
     */
    public boolean wants(String type, JsonNode data) {
        if (!eventTypes.contains(type)) {
            return false;
        }
        if (type.startsWith("org.kiezwerk.network.tie-")) {
            return (neighbourhoods.isEmpty() || tieInNeighbourhoods(data)) && (partners.isEmpty() || tieOfPartners(data));
        }
        boolean partnerMessage = type.startsWith("org.kiezwerk.partner.");
        if (!neighbourhoods.isEmpty() && !inNeighbourhoods(partnerMessage, data)) {
            return false;
        }
        return partners.isEmpty() || ofPartners(partnerMessage, data);
    }

    private boolean tieInNeighbourhoods(JsonNode data) {
        for (String side : new String[] {"fromNeighbourhoods", "toNeighbourhoods"}) {
            for (JsonNode code : data.path(side)) {
                if (neighbourhoods.contains(code.asText(""))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean tieOfPartners(JsonNode data) {
        return partners.stream().anyMatch(id -> id.toString().equals(data.path("from").asText())
                || id.toString().equals(data.path("to").asText()));
    }

    private boolean inNeighbourhoods(boolean partnerMessage, JsonNode data) {
        if (!partnerMessage) {
            return neighbourhoods.contains(data.path("neighbourhood").asText(""));
        }
        for (JsonNode area : data.path("neighbourhoods")) {
            if (neighbourhoods.contains(area.path("code").asText("")) || neighbourhoods.contains(area.path("parentCode").asText(""))) {
                return true;
            }
            for (JsonNode above : area.path("ancestors")) {
                if (neighbourhoods.contains(above.path("code").asText(""))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean ofPartners(boolean partnerMessage, JsonNode data) {
        if (partnerMessage) {
            return partners.stream().anyMatch(id -> id.toString().equals(data.path("id").asText()));
        }
        if (partners.stream().anyMatch(id -> id.toString().equals(data.path("venuePartnerId").asText()))) {
            return true;
        }
        for (JsonNode role : data.path("partners")) {
            if (partners.stream().anyMatch(id -> id.toString().equals(role.path("partnerId").asText()))) {
                return true;
            }
        }
        return false;
    }
}
