package org.kiezwerk.event.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum EventStatus {
    @JsonProperty("planned") PLANNED,
    @JsonProperty("confirmed") CONFIRMED,
    @JsonProperty("postponed") POSTPONED,
    @JsonProperty("cancelled") CANCELLED
}
