package org.kiezwerk.partner.api.hsds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.commons.api.Page;

/**
 * The Open Referral HSDS 3.0 shapes that Kiezwerk publishes, field for field as the standard's
 * compiled schemas define them: snake_case, absent instead of null (HSDS allows no nulls), numbers
 * as numbers. Each record is one schema object; "flat" variants are what list items may hold.
 */
public final class Hsds {

    private Hsds() {
    }

    /** GET /hsds/: which standard, and where the API document is. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Root(String version, String profile, String openapiUrl) {
    }

    /** The HSDS paging envelope; pages count from 1. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page<T>(long totalItems, long totalPages, int pageNumber, int size, boolean firstPage, boolean lastPage,
            boolean empty, List<T> contents) {

        public static <T> Page<T> of(List<T> contents, long totalItems, int page, int perPage) {
            long totalPages = Math.max(1, (totalItems + perPage - 1) / perPage);
            return new Page<>(totalItems, totalPages, page, contents.size(), page == 1, page >= totalPages,
                    contents.isEmpty(), contents);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organization(UUID id, String name, String alternateName, String description, String email, String website,
            List<Phone> phones, List<Location> locations, List<Service> services) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Phone(UUID id, UUID organizationId, String number, BigDecimal extension, String type, String description) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(UUID id, String locationType, UUID organizationId, String name, BigDecimal latitude,
            BigDecimal longitude, List<Language> languages, List<Address> addresses, List<Accessibility> accessibility) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(UUID id, UUID locationId, @JsonProperty("address_1") String address1,
            @JsonProperty("address_2") String address2, String city, String region, String stateProvince, String postalCode,
            String country, String addressType) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accessibility(UUID id, UUID locationId, String description) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Language(UUID id, UUID serviceId, UUID locationId, String name, String code) {
    }

    /** A service; the full form nests its organization, schedules, languages, costs and terms. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(UUID id, UUID organizationId, String name, String description, String status,
            String feesDescription, String eligibilityDescription, Integer minimumAge, Integer maximumAge,
            OffsetDateTime lastModified,
            /** The date (UTC) the service was last confirmed in Kiezwerk; assurer_email is left out (personal data). */
            LocalDate assuredDate,
            Organization organization, List<Language> languages, List<Schedule> schedules,
            List<CostOption> costOptions, List<Attribute> attributes, List<ServiceAtLocation> serviceAtLocations) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(UUID id, UUID serviceId, String freq, Integer interval, String byday, String bymonthday,
            String opensAt, String closesAt, String validFrom, String validTo, String description) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CostOption(UUID id, UUID serviceId, String option, String currency, BigDecimal amount,
            String amountDescription) {
    }

    /** How a taxonomy term is attached to a service (its category, a target group). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attribute(UUID id, UUID linkId, UUID taxonomyTermId, String linkType, String linkEntity,
            TaxonomyTerm taxonomyTerm) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceAtLocation(UUID id, UUID serviceId, UUID locationId, String description, Location location,
            Service service) {
    }

    /** /services?minimal=true: a service's id and when it last changed, to find out what to fetch again. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceMinimal(UUID id, OffsetDateTime lastModified) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Taxonomy(UUID id, String name, String description, String version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaxonomyTerm(UUID id, String code, String name, String description, String taxonomy, UUID taxonomyId,
            String language) {
    }
}
