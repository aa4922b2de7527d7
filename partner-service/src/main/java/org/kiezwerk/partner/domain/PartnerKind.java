package org.kiezwerk.partner.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What kind of organised local actor a partner is (see the glossary in the product brief). */
public enum PartnerKind {
    @JsonProperty("association") ASSOCIATION,
    @JsonProperty("initiative") INITIATIVE,
    @JsonProperty("parish") PARISH,
    @JsonProperty("day_care_centre") DAY_CARE_CENTRE,
    @JsonProperty("school") SCHOOL,
    @JsonProperty("community_centre") COMMUNITY_CENTRE,
    @JsonProperty("municipal_office") MUNICIPAL_OFFICE,
    @JsonProperty("funder") FUNDER,
    @JsonProperty("business") BUSINESS,
    @JsonProperty("other") OTHER
}
