package org.kiezwerk.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import java.util.UUID;

/**
 * A partner's address; coordinates (WGS 84) make "near" searches and maps possible. The other
 * fields keep what an HSDS import brought along (docs/directory-api.md): the HSDS location this
 * address belongs to (rows with the same {@code locationId} form one location) and the address
 * details HSDS publishes. Addresses written through the Kiezwerk API leave them empty; a write
 * that keeps an address as it was keeps them too.
 */
@Embeddable
public class Address {

    @Column(length = 200)
    public String street;

    @Column(length = 20)
    public String postcode;

    @Column(length = 200)
    public String city;

    public Double lat;

    public Double lon;

    @Column(name = "location_id")
    public UUID locationId;

    @Column(name = "location_name", length = 200)
    public String locationName;

    /** HSDS location_type: physical, postal or virtual. */
    @Column(name = "location_type", length = 20)
    public String locationType;

    @Column(name = "address_id")
    public UUID addressId;

    @Column(name = "address_2", length = 200)
    public String address2;

    @Column(length = 200)
    public String region;

    @Column(name = "state_province", length = 200)
    public String stateProvince;

    @Column(length = 100)
    public String country;

    /** HSDS address_type: physical, postal or virtual. */
    @Column(name = "address_type", length = 20)
    public String addressType;

    public static Address of(String street, String postcode, String city, Double lat, Double lon) {
        Address address = new Address();
        address.street = street;
        address.postcode = postcode;
        address.city = city;
        address.lat = lat;
        address.lon = lon;
        return address;
    }

    /** The same address with the same HSDS details. */
    public Address copy() {
        Address copy = of(street, postcode, city, lat, lon);
        copy.keepDetailsOf(this);
        return copy;
    }

    /** Whether it carries anything from HSDS. */
    public boolean hasDetails() {
        return locationId != null || locationName != null || locationType != null || addressId != null || address2 != null
                || region != null || stateProvince != null || country != null || addressType != null;
    }

    /** Takes over the HSDS details of the address this one replaces unchanged. */
    public void keepDetailsOf(Address before) {
        locationId = before.locationId;
        locationName = before.locationName;
        locationType = before.locationType;
        addressId = before.addressId;
        address2 = before.address2;
        region = before.region;
        stateProvince = before.stateProvince;
        country = before.country;
        addressType = before.addressType;
    }

    /** The same street, postcode, city and coordinates: what the Kiezwerk API shows of an address. */
    public boolean samePlace(Address other) {
        return Objects.equals(street, other.street) && Objects.equals(postcode, other.postcode)
                && Objects.equals(city, other.city) && Objects.equals(lat, other.lat) && Objects.equals(lon, other.lon);
    }

    /** The same place with the same HSDS details. */
    public boolean sameAs(Address other) {
        return samePlace(other) && Objects.equals(locationId, other.locationId)
                && Objects.equals(locationName, other.locationName) && Objects.equals(locationType, other.locationType)
                && Objects.equals(addressId, other.addressId) && Objects.equals(address2, other.address2)
                && Objects.equals(region, other.region) && Objects.equals(stateProvince, other.stateProvince)
                && Objects.equals(country, other.country) && Objects.equals(addressType, other.addressType);
    }
}
