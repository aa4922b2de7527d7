package org.kiezwerk.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A partner's address; coordinates (WGS 84) make "near" searches and maps possible. */
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

    public static Address of(String street, String postcode, String city, Double lat, Double lon) {
        Address address = new Address();
        address.street = street;
        address.postcode = postcode;
        address.city = city;
        address.lat = lat;
        address.lon = lon;
        return address;
    }
}
