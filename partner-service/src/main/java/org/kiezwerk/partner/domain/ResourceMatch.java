package org.kiezwerk.partner.domain;

import java.util.List;
import java.util.UUID;

/** A candidate, with the resource names that match each way and the distance, if both have coordinates. */
public record ResourceMatch(UUID partnerId, List<String> theyOffer, List<String> theyNeed, Double distanceMetres) {
}
