package org.kiezwerk.event.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What kind of shared event it is; the networking Stammtisch (Socialbar) is one of the brief's recommendations. */
public enum EventCategory {
    @JsonProperty("talk") TALK,
    @JsonProperty("festival") FESTIVAL,
    @JsonProperty("course") COURSE,
    @JsonProperty("meeting") MEETING,
    @JsonProperty("networking") NETWORKING,
    @JsonProperty("excursion") EXCURSION,
    @JsonProperty("other") OTHER
}
