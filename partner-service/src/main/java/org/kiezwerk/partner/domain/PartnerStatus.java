package org.kiezwerk.partner.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Inactive partners stay in the directory (and the graph) but are left out of searches by default. */
public enum PartnerStatus {
    @JsonProperty("active") ACTIVE,
    @JsonProperty("inactive") INACTIVE
}
