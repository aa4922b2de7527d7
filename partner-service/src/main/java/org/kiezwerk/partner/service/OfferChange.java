package org.kiezwerk.partner.service;

import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.OpeningSchedule;

/** An offer's new state; category and target groups by code. */
public record OfferChange(UUID partnerId, String name, String description, String category, List<String> targetGroups,
        Integer ageMin, Integer ageMax, boolean free, String cost, List<OpeningSchedule> schedules, List<String> languages,
        boolean childcare, boolean registrationRequired) {
}
