package org.kiezwerk.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import java.util.UUID;

/** Where an offer takes place: an HSDS service_at_location at one of its partner's locations. */
@Embeddable
public class OfferLocation {

    /** The service_at_location's id. */
    @Column(name = "sal_id", nullable = false)
    public UUID id;

    /** An HSDS location of the partner ({@link Address#locationId}). */
    @Column(name = "location_id", nullable = false)
    public UUID locationId;

    public String description;

    public static OfferLocation of(UUID id, UUID locationId, String description) {
        OfferLocation at = new OfferLocation();
        at.id = id;
        at.locationId = locationId;
        at.description = description;
        return at;
    }

    public boolean sameAs(OfferLocation other) {
        return Objects.equals(id, other.id) && Objects.equals(locationId, other.locationId)
                && Objects.equals(description, other.description);
    }
}
