package org.kiezwerk.partner.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Optional;

/** The two managed vocabularies of the directory. */
public enum Taxonomy {
    @JsonProperty("target_groups") TARGET_GROUPS("target_groups", "Target groups", "Zielgruppen"),
    @JsonProperty("offer_categories") OFFER_CATEGORIES("offer_categories", "Offer categories", "Angebotsarten");

    public final String code;
    public final String nameEn;
    public final String nameDe;

    Taxonomy(String code, String nameEn, String nameDe) {
        this.code = code;
        this.nameEn = nameEn;
        this.nameDe = nameDe;
    }

    public static Optional<Taxonomy> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
