package org.kiezwerk.event.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.commons.api.Texts;
import org.kiezwerk.event.domain.Accessibility;
import org.kiezwerk.event.domain.CoProduction;
import org.kiezwerk.event.domain.CostKind;
import org.kiezwerk.event.domain.EventCategory;
import org.kiezwerk.event.domain.EventPartner;
import org.kiezwerk.event.domain.EventStatus;
import org.kiezwerk.event.domain.PartnerRole;
import org.kiezwerk.event.domain.Recurrence;
import org.kiezwerk.event.domain.SharedEvent;
import org.kiezwerk.event.service.EventChange;

/** The body of POST and PUT on events, and what a merge patch is applied to. */
@Schema(name = "EventDraft", description = "A shared event as written. Times are local to `timeZone` (default Europe/Berlin).")
public record EventDraft(
        @Schema(examples = "Stammtisch der Lindenhofer Vereine") @NotBlank @Size(max = 200)
        @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String title,
        @Size(max = 4000) @Pattern(regexp = Texts.MULTILINE, message = Texts.PLAIN_MESSAGE) String description,
        @Schema(examples = "networking") @NotNull EventCategory category,
        @Schema(description = "Defaults to planned.") EventStatus status,
        @Schema(description = "IANA time zone; defaults to Europe/Berlin.", examples = "Europe/Berlin") @Size(max = 64) String timeZone,
        @Schema(description = "Local start (of the first occurrence).", examples = "2027-03-16T19:00") @NotNull LocalDateTime start,
        @Schema(description = "Local end (of the first occurrence).", examples = "2027-03-16T21:00") @NotNull LocalDateTime end,
        @Valid RecurrenceBody recurrence,
        @Valid Venue venue,
        @Schema(description = "A neighbourhood code of the directory.", examples = "lindenhof")
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,79}", message = "must be a neighbourhood code") String neighbourhood,
        @Schema(description = "Partners involved; at least one host.") @NotEmpty @Size(max = 50) List<@NotNull @Valid Role> partners,
        @Size(max = 20) List<@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,79}", message = "must be a target group code") String> targetGroups,
        @Min(0) @Max(120) Integer ageMin,
        @Min(0) @Max(120) Integer ageMax,
        @Min(1) @Max(100_000) Integer capacity,
        @Valid Registration registration,
        @Valid Cost cost,
        @Schema(description = "Childcare is offered during the event.") Boolean childcare,
        @Size(max = 4) List<@NotNull Accessibility> accessibility,
        @Size(max = 30) List<@NotNull @Pattern(regexp = "[a-z]{2,3}", message = "must be an ISO 639 language code") String> languages,
        @Valid CoProductionBody coProduction,
        @Schema(description = "People who came (a count, no personal data).") @Min(0) @Max(1_000_000) Integer attendance,
        @Size(max = 4000) @Pattern(regexp = Texts.MULTILINE, message = Texts.PLAIN_MESSAGE) String assessmentNote) {

    @Schema(name = "EventRecurrence")
    public record RecurrenceBody(
            @Schema(description = "RFC 5545 RRULE, without the RRULE: prefix.", examples = "FREQ=WEEKLY;BYDAY=TU")
            @NotBlank @Size(max = 500) @Pattern(regexp = "[A-Z0-9=;,:+-]+", message = "must be an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=TU")
            String rule,
            @Schema(description = "Local starts of occurrences left out (EXDATE).",
                    type = SchemaType.ARRAY, implementation = LocalDateTime.class)
            @Size(max = 500) List<@NotNull LocalDateTime> exceptions) {
    }

    @Schema(name = "EventVenue", description = "A partner's place (and room), an address, an online link for online or hybrid events.")
    public record Venue(UUID partnerId,
            @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String room,
            @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String street,
            @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9 -]*", message = "must be a postcode") String postcode,
            @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String city,
            @DecimalMin("-90") @DecimalMax("90") Double lat,
            @DecimalMin("-180") @DecimalMax("180") Double lon,
            @Size(max = 500) @Pattern(regexp = "https?://[^\\s\\p{Cntrl}]+", message = "must be an http or https URL") String onlineUrl) {

        @JsonIgnore
        @AssertTrue(message = "lat and lon must be given together")
        public boolean isCoordinatesComplete() {
            return (lat == null) == (lon == null);
        }
    }

    @Schema(name = "EventRole")
    public record Role(@NotNull UUID partnerId, @Schema(examples = "host") @NotNull PartnerRole role,
            @Schema(description = "What it brings: a talk, catering, childcare, outreach ...", examples = "Kinderbetreuung")
            @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String contribution) {
    }

    @Schema(name = "EventRegistration")
    public record Registration(Boolean required,
            @Size(max = 500) @Pattern(regexp = "https?://[^\\s\\p{Cntrl}]+", message = "must be an http or https URL") String url) {
    }

    @Schema(name = "EventCost")
    public record Cost(@NotNull CostKind kind, @DecimalMin("0") @DecimalMax("100000") BigDecimal amount) {

        @JsonIgnore
        @AssertTrue(message = "a fixed cost needs an amount, a free event none")
        public boolean isAmountFitting() {
            return kind == null || (kind == CostKind.FIXED) == (amount != null) || kind == CostKind.PAY_WHAT_YOU_CAN;
        }
    }

    @Schema(name = "CoProduction", description = "Who took part in each phase; counts and named groups, no personal data.")
    public record CoProductionBody(@Valid Phase coCommissioning, @Valid Phase coDesign, @Valid Phase coDelivery,
            @Valid Phase coAssessment) {
    }

    @Schema(name = "CoProductionPhase")
    public record Phase(@Size(max = 50) List<@NotNull UUID> partners,
            @Schema(description = "Citizens or users who took part.") @Min(0) @Max(1_000_000) Integer citizens,
            @Schema(examples = "[\"Eltern der Krabbelgruppe\"]")
            @Size(max = 20) List<@NotBlank @Size(max = 200) @Pattern(regexp = Texts.PLAIN, message = Texts.PLAIN_MESSAGE) String> groups,
            @Size(max = 2000) @Pattern(regexp = Texts.MULTILINE, message = Texts.PLAIN_MESSAGE) String note) {
    }

    @JsonIgnore
    @AssertTrue(message = "end must be after start")
    public boolean isEndAfterStart() {
        return start == null || end == null || end.isAfter(start);
    }

    @JsonIgnore
    @AssertTrue(message = "ageMin must not be greater than ageMax")
    public boolean isAgeRange() {
        return ageMin == null || ageMax == null || ageMin <= ageMax;
    }

    @JsonIgnore
    @AssertTrue(message = "timeZone must be an IANA time zone such as Europe/Berlin")
    public boolean isKnownTimeZone() {
        try {
            return timeZone == null || ZoneId.getAvailableZoneIds().contains(timeZone) && ZoneId.of(timeZone) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @JsonIgnore
    @AssertTrue(message = "recurrence.rule is not an RRULE Kiezwerk accepts (FREQ DAILY to YEARLY, COUNT at most 1000)")
    public boolean isRecurrenceReadable() {
        if (recurrence == null || recurrence.rule() == null || recurrence.rule().isBlank()) {
            return true;
        }
        try {
            Recurrence.check(recurrence.rule());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @JsonIgnore
    @AssertTrue(message = "recurrence.rule's UNTIL may give at most 100000 occurrences; leave it out for a series without end")
    public boolean isRecurrenceOfBoundedLength() {
        if (start == null || !isRecurrenceReadable() || !isKnownTimeZone() || recurrence == null || recurrence.rule() == null
                || recurrence.rule().isBlank()) {
            return true; // said by the other checks
        }
        try {
            Recurrence.checkLength(recurrence.rule(), start, timeZone == null ? ZoneId.of("Europe/Berlin") : ZoneId.of(timeZone)); // (the count hardly depends on the zone)
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    EventChange toChange(String defaultZone) {
        Venue v = venue == null ? new Venue(null, null, null, null, null, null, null, null) : venue;
        Cost c = cost == null ? new Cost(CostKind.FREE, null) : cost;
        return new EventChange(title.strip(), description, category, status == null ? EventStatus.PLANNED : status,
                timeZone == null ? defaultZone : timeZone, start, end,
                recurrence == null ? null : recurrence.rule(),
                recurrence == null || recurrence.exceptions() == null ? List.of() : recurrence.exceptions(),
                v.partnerId(), v.room(), v.street(), v.postcode(), v.city(), v.lat(), v.lon(), v.onlineUrl(), neighbourhood,
                partners.stream().map(p -> EventPartner.of(p.partnerId(), p.role(), p.contribution())).toList(),
                targetGroups == null ? List.of() : targetGroups.stream().distinct().toList(), ageMin, ageMax, capacity,
                registration != null && Boolean.TRUE.equals(registration.required()), registration == null ? null : registration.url(),
                c.kind(), c.amount(), Boolean.TRUE.equals(childcare),
                accessibility == null ? List.of() : accessibility.stream().distinct().map(a -> a.name().toLowerCase()).toList(),
                languages == null ? List.of() : languages, coProduction(coProduction), attendance, assessmentNote);
    }

    private static CoProduction coProduction(CoProductionBody body) {
        if (body == null) {
            return CoProduction.none();
        }
        return new CoProduction(phase(body.coCommissioning()), phase(body.coDesign()), phase(body.coDelivery()),
                phase(body.coAssessment()));
    }

    private static CoProduction.Phase phase(Phase p) {
        return p == null ? null : new CoProduction.Phase(p.partners() == null ? List.of() : p.partners(), p.citizens(),
                p.groups() == null ? List.of() : p.groups(), p.note());
    }

    static EventDraft of(SharedEvent e) {
        CoProduction cp = e.coProduction == null ? CoProduction.none() : e.coProduction;
        return new EventDraft(e.title, e.description, e.category, e.status, e.timeZone, e.start, e.end,
                e.rrule == null ? null : new RecurrenceBody(e.rrule, List.copyOf(e.exdates)),
                new Venue(e.venuePartnerId, e.venueRoom, e.venueStreet, e.venuePostcode, e.venueCity, e.venueLat, e.venueLon,
                        e.onlineUrl),
                e.neighbourhood, e.partners.stream().map(p -> new Role(p.partnerId, p.role, p.contribution)).toList(),
                List.copyOf(e.targetGroups), e.ageMin, e.ageMax, e.capacity,
                new Registration(e.registrationRequired, e.registrationUrl), new Cost(e.costKind, e.costAmount), e.childcare,
                e.accessibility.stream().map(a -> Accessibility.valueOf(a.toUpperCase())).toList(), List.copyOf(e.languages),
                new CoProductionBody(body(cp.coCommissioning()), body(cp.coDesign()), body(cp.coDelivery()), body(cp.coAssessment())),
                e.attendance, e.assessmentNote);
    }

    private static Phase body(CoProduction.Phase p) {
        return p == null ? null : new Phase(p.partners(), p.citizens(), p.groups(), p.note());
    }
}
