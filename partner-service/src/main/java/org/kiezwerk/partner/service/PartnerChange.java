package org.kiezwerk.partner.service;

import org.kiezwerk.partner.domain.Partner;
import java.util.Objects;
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

    /** Whether the partner already is as this change wants it: then a PUT changes nothing (same version, no message). */
    public boolean describes(Partner partner) {
        return Objects.equals(externalId, partner.externalId) && Objects.equals(name, partner.name)
                && Same.list(alternateNames, partner.alternateNames) && kind == partner.kind
                && Objects.equals(description, partner.description)
                && Same.set(neighbourhoods, partner.neighbourhoods.stream().map(n -> n.code).toList())
                && Same.addresses(addresses, partner.addresses) && Objects.equals(email, partner.email)
                && Objects.equals(phone, partner.phone) && Objects.equals(website, partner.website)
                && Same.list(languages, partner.languages) && Objects.equals(accessibility, partner.accessibility)
                && Objects.equals(openingHours, partner.openingHours) && status == partner.status
                && Objects.equals(source, partner.source) && Objects.equals(lastVerified, partner.lastVerified);
    }
}
