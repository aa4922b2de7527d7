package org.kiezwerk.partner.service;

import org.kiezwerk.partner.domain.Offer;
import java.util.Objects;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.OpeningSchedule;

/** An offer's new state; category and target groups by code. */
public record OfferChange(UUID partnerId, String name, String description, String category, List<String> targetGroups,
        Integer ageMin, Integer ageMax, boolean free, String cost, List<OpeningSchedule> schedules, List<String> languages,
        boolean childcare, boolean registrationRequired)
        implements PartnerPartService.Change<Offer> {

    @Override
    public boolean describes(Offer offer) {
        return offer.partner != null && Objects.equals(partnerId, offer.partner.id) && Objects.equals(name, offer.name)
                && Objects.equals(description, offer.description)
                && offer.category != null && Objects.equals(category, offer.category.code)
                && Same.set(targetGroups, offer.targetGroups.stream().map(t -> t.code).toList())
                && Objects.equals(ageMin, offer.ageMin) && Objects.equals(ageMax, offer.ageMax) && free == offer.free
                && Objects.equals(cost, offer.cost) && Same.list(schedules, offer.schedules)
                && Same.list(languages, offer.languages) && childcare == offer.childcare
                && registrationRequired == offer.registrationRequired;
    }
}
