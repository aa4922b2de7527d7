package org.kiezwerk.network.domain;

import java.time.LocalDate;
import java.util.UUID;

/** A person's affiliation with an organisation as asserted by one side: role, since, until, strength 1–5. */
public record AffiliationChange(UUID organisationId, String role, LocalDate since, LocalDate until, int strength, UUID assertedBy) {
}
