package org.kiezwerk.event.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDateTime;

/** One occurrence of a recurring event that does not take place (announced as STATUS:CANCELLED in feeds). */
@Embeddable
public class OccurrenceCancellation {

    @Column(name = "occurrence_local", nullable = false)
    public LocalDateTime occurrence;

    @Column(length = 500)
    public String reason;

    public static OccurrenceCancellation of(LocalDateTime occurrence, String reason) {
        OccurrenceCancellation cancellation = new OccurrenceCancellation();
        cancellation.occurrence = occurrence;
        cancellation.reason = reason;
        return cancellation;
    }
}
