package org.kiezwerk.partner.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Filters of /services and /service_at_locations; null means no filter. */
public record HsdsServiceFilter(String search, UUID taxonomyTermId, String taxonomy, UUID organizationId,
        OffsetDateTime modifiedAfter, String postcode, Integer proximityMetres) {
}
