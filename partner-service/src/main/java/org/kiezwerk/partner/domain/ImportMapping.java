package org.kiezwerk.partner.domain;

import java.util.Map;

/**
 * How an HSDS import names what HSDS does not have: which address field names a partner's
 * neighbourhood ({@code areaBy}: region, city, postal_code or none) and how its values map to
 * neighbourhood codes; which organization field names the partner kind ({@code kindBy}: attribute,
 * legal_status, tax_status or none) and how; how taxonomy terms of other directories map to offer
 * categories and target groups; the category for services that name none. Map keys are compared
 * folded (case, umlauts and accents do not matter).
 */
public record ImportMapping(String areaBy, Map<String, String> areas, String kindBy, Map<String, String> kinds,
        Map<String, String> terms, String category) {

    public static final String DEFAULT_AREA_BY = "region";
    public static final String DEFAULT_KIND_BY = "attribute";
    public static final String DEFAULT_CATEGORY = "other";

    public static ImportMapping defaults() {
        return new ImportMapping(DEFAULT_AREA_BY, Map.of(), DEFAULT_KIND_BY, Map.of(), Map.of(), DEFAULT_CATEGORY);
    }
}
