package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.Address;
import org.kiezwerk.commons.api.Texts;

@Schema(name = "Address", description = "A postal address with WGS 84 coordinates (both or neither).")
public record AddressBody(
        @Schema(examples = "Lindenstraße 12") @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String street,
        @Schema(examples = "65101") @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9 -]*", message = "must be a postcode") String postcode,
        @Schema(examples = "Auenstadt") @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String city,
        @Schema(examples = "50.09912") @DecimalMin("-90") @DecimalMax("90") Double lat,
        @Schema(examples = "8.21034") @DecimalMin("-180") @DecimalMax("180") Double lon) {

    @JsonIgnore
    @AssertTrue(message = "lat and lon must be given together")
    public boolean isCoordinatesComplete() {
        return (lat == null) == (lon == null);
    }

    Address toAddress() {
        return Address.of(blankToNull(street), blankToNull(postcode), blankToNull(city), lat, lon);
    }

    static AddressBody of(Address address) {
        return new AddressBody(address.street, address.postcode, address.city, address.lat, address.lon);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
