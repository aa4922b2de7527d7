package org.kiezwerk.partner.service;

import java.time.LocalDate;
import java.util.List;
import org.kiezwerk.partner.domain.Address;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.PartnerStatus;

/** A partner's new state as the caller wants it; neighbourhoods by code. */
public record PartnerChange(String externalId, String name, List<String> alternateNames, PartnerKind kind, String description,
        List<String> neighbourhoods, List<Address> addresses, String email, String phone, String website,
        List<String> languages, String accessibility, String openingHours, PartnerStatus status, String source,
        LocalDate lastVerified) {
}
