package org.kiezwerk.event.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Accessibility {
    @JsonProperty("step_free") STEP_FREE,
    @JsonProperty("hearing_loop") HEARING_LOOP,
    @JsonProperty("easy_language") EASY_LANGUAGE,
    @JsonProperty("sign_language") SIGN_LANGUAGE
}
