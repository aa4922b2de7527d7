package org.kiezwerk.event.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum CostKind {
    @JsonProperty("free") FREE,
    @JsonProperty("fixed") FIXED,
    @JsonProperty("pay_what_you_can") PAY_WHAT_YOU_CAN
}
