package org.kiezwerk.partner.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What partners lend each other (see the glossary in the product brief). */
public enum ResourceKind {
    @JsonProperty("room") ROOM,
    @JsonProperty("equipment") EQUIPMENT,
    @JsonProperty("expertise") EXPERTISE,
    @JsonProperty("volunteers") VOLUNTEERS,
    @JsonProperty("audience") AUDIENCE,
    @JsonProperty("funding") FUNDING
}
