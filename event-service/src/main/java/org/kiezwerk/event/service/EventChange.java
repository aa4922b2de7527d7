package org.kiezwerk.event.service;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.event.domain.CoProduction;
import org.kiezwerk.event.domain.CostKind;
import org.kiezwerk.event.domain.EventCategory;
import org.kiezwerk.event.domain.EventPartner;
import org.kiezwerk.event.domain.EventStatus;

/** An event's new state as the caller wants it. */
public record EventChange(String title, String description, EventCategory category, EventStatus status, String timeZone,
        LocalDateTime start, LocalDateTime end, String rrule, List<LocalDateTime> exdates, UUID venuePartnerId,
        String venueRoom, String venueStreet, String venuePostcode, String venueCity, Double venueLat, Double venueLon,
        String onlineUrl, String neighbourhood, List<EventPartner> partners, List<String> targetGroups, Integer ageMin,
        Integer ageMax, Integer capacity, boolean registrationRequired, String registrationUrl, CostKind costKind,
        BigDecimal costAmount, boolean childcare, List<String> accessibility, List<String> languages,
        CoProduction coProduction, Integer attendance, String assessmentNote) {
}
