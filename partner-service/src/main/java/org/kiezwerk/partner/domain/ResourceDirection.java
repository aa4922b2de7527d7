package org.kiezwerk.partner.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a partner can lend a resource or is looking for it. */
public enum ResourceDirection {
    @JsonProperty("offered") OFFERED,
    @JsonProperty("needed") NEEDED
}
