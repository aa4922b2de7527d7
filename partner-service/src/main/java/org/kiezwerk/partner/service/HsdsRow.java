package org.kiezwerk.partner.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kiezwerk.partner.domain.Address;
import org.kiezwerk.partner.domain.HsdsPhone;
import org.kiezwerk.partner.domain.InvalidReferenceException.FieldProblem;
import org.kiezwerk.partner.domain.OfferLocation;
import org.kiezwerk.partner.domain.OpeningSchedule;

/**
 * One HSDS organization of an import file, read and checked field by field (values the directory
 * would refuse are left out and named in {@code warnings}), before the mapping rules name its
 * neighbourhoods, kind and taxonomy terms. Paths in warnings are those of the file, relative to the
 * organization ({@code services[1].schedules[0].opens_at}).
 */
public record HsdsRow(
        /** The organization's id as the file has it; null if it has none. */
        String hsdsId,
        /** That id if it is a UUID: the partner keeps it as its own. */
        UUID uuid,
        String name,
        List<String> alternateNames,
        String description,
        String email,
        String website,
        List<HsdsPhone> phones,
        /** One per HSDS address (or per location without one); rows of one location share its id. */
        List<Address> addresses,
        /** Where each address is in the file, for warnings about it. */
        List<String> addressPaths,
        List<String> languages,
        String accessibility,
        /** Ids of records kept as plain fields (location languages, accessibility), by what they describe. */
        Map<String, UUID> ids,
        /** Values of the organization field that {@code kindBy} names, in order. */
        List<String> kindValues,
        List<Service> services,
        List<FieldProblem> warnings) {

    /** The external id a repeated import finds the partner by. */
    public String externalId() {
        return hsdsId == null ? null : "hsds:" + hsdsId;
    }

    /** A service, to become an offer of the partner. */
    public record Service(
            String path,
            String hsdsId,
            UUID uuid,
            String name,
            String description,
            /** HSDS status: active, inactive, defunct or temporarily closed. */
            String status,
            Integer ageMin,
            Integer ageMax,
            boolean free,
            String cost,
            List<OpeningSchedule> schedules,
            List<String> languages,
            List<TermRef> terms,
            /** Ids of schedules, languages and costs, by what they describe (see HsdsMapper). */
            Map<String, UUID> ids,
            List<OfferLocation> locations,
            /** When the source last confirmed the service (HSDS assured_date); null if not given. */
            LocalDate assuredDate) {
    }

    /** A taxonomy term attached to a service, as the file names it. */
    public record TermRef(String path, UUID attributeId, UUID termId, String code, String name, String taxonomy) {
    }
}
