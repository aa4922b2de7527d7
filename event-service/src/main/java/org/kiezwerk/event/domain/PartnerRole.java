package org.kiezwerk.event.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a partner takes part in a shared event; every event has at least one host. */
public enum PartnerRole {
    @JsonProperty("host") HOST,
    @JsonProperty("co_host") CO_HOST,
    @JsonProperty("venue_provider") VENUE_PROVIDER,
    @JsonProperty("contributor") CONTRIBUTOR
}
