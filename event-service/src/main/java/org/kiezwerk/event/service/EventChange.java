package org.kiezwerk.event.service;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.kiezwerk.event.domain.CoProduction;
import org.kiezwerk.event.domain.CostKind;
import org.kiezwerk.event.domain.EventCategory;
import org.kiezwerk.event.domain.EventPartner;
import org.kiezwerk.event.domain.EventStatus;
import org.kiezwerk.event.domain.SharedEvent;

/** An event's new state as the caller wants it. */
public record EventChange(String title, String description, EventCategory category, EventStatus status, String timeZone,
        LocalDateTime start, LocalDateTime end, String rrule, List<LocalDateTime> exdates, UUID venuePartnerId,
        String venueRoom, String venueStreet, String venuePostcode, String venueCity, Double venueLat, Double venueLon,
        String onlineUrl, String neighbourhood, List<EventPartner> partners, List<String> targetGroups, Integer ageMin,
        Integer ageMax, Integer capacity, boolean registrationRequired, String registrationUrl, CostKind costKind,
        BigDecimal costAmount, boolean childcare, List<String> accessibility, List<String> languages,
        CoProduction coProduction, Integer attendance, String assessmentNote) {

    /**
     * Whether the event already is as this change wants it: then a PUT changes nothing (same version,
     * no message, no new iCalendar SEQUENCE).
     */
    public boolean describes(SharedEvent e) {
        return Objects.equals(title, e.title) && Objects.equals(description, e.description) && category == e.category
                && status == e.status && timeZone != null && Objects.equals(ZoneId.of(timeZone).getId(), e.timeZone)
                && Objects.equals(start, e.start) && Objects.equals(end, e.end) && Objects.equals(rrule, e.rrule)
                && list(exdates).equals(list(e.exdates)) && Objects.equals(venuePartnerId, e.venuePartnerId)
                && Objects.equals(venueRoom, e.venueRoom) && Objects.equals(venueStreet, e.venueStreet)
                && Objects.equals(venuePostcode, e.venuePostcode) && Objects.equals(venueCity, e.venueCity)
                && Objects.equals(venueLat, e.venueLat) && Objects.equals(venueLon, e.venueLon)
                && Objects.equals(onlineUrl, e.onlineUrl) && Objects.equals(neighbourhood, e.neighbourhood)
                && samePartners(list(partners), list(e.partners)) && list(targetGroups).equals(list(e.targetGroups))
                && Objects.equals(ageMin, e.ageMin) && Objects.equals(ageMax, e.ageMax) && Objects.equals(capacity, e.capacity)
                && registrationRequired == e.registrationRequired && Objects.equals(registrationUrl, e.registrationUrl)
                && costKind == e.costKind
                && (costAmount == null ? e.costAmount == null : e.costAmount != null && costAmount.compareTo(e.costAmount) == 0)
                && childcare == e.childcare && list(accessibility).equals(list(e.accessibility))
                && list(languages).equals(list(e.languages)) && Objects.equals(coProduction, e.coProduction)
                && Objects.equals(attendance, e.attendance) && Objects.equals(assessmentNote, e.assessmentNote);
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static boolean samePartners(List<EventPartner> a, List<EventPartner> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i).partnerId, b.get(i).partnerId) || a.get(i).role != b.get(i).role
                    || !Objects.equals(a.get(i).contribution, b.get(i).contribution)) {
                return false;
            }
        }
        return true;
    }
}
