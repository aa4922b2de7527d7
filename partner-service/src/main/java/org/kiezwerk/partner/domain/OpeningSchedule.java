package org.kiezwerk.partner.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * When an offer takes place, as in HSDS {@code schedule}: an iCalendar-style recurrence (RFC 5545
 * FREQ, INTERVAL, BYDAY, BYMONTHDAY) with opening and closing time and an optional validity period.
 */
public record OpeningSchedule(
        @NotNull @Pattern(regexp = "DAILY|WEEKLY|MONTHLY|YEARLY", message = "must be DAILY, WEEKLY, MONTHLY or YEARLY")
        String freq,
        @Min(1) @Max(366) Integer interval,
        @Pattern(regexp = DAY + "(," + DAY + ")*", message = "must be RFC 5545 BYDAY values such as MO,WE or 1TU")
        String byDay,
        @Pattern(regexp = "-?\\d{1,2}(,-?\\d{1,2})*", message = "must be RFC 5545 BYMONTHDAY values such as 1,15")
        String byMonthDay,
        @Pattern(regexp = TIME, message = "must be a time HH:MM") String opensAt,
        @Pattern(regexp = TIME, message = "must be a time HH:MM") String closesAt,
        LocalDate validFrom,
        LocalDate validTo,
        @Size(max = 500) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String description) {

    private static final String DAY = "([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)";
    private static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d";
}
