package org.kiezwerk.event.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An event one or more partners put on together. Start and end are wall-clock times in the event's
 * time zone, so a weekly 19:00 stays at 19:00 across daylight-saving changes; a recurrence is an
 * RFC 5545 RRULE with exception dates and single cancelled occurrences.
 */
@Entity
@Table(name = "shared_event")
public class SharedEvent {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String title;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public EventCategory category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public EventStatus status;

    @Column(name = "time_zone", nullable = false, length = 64)
    public String timeZone;

    @Column(name = "start_local", nullable = false)
    public LocalDateTime start;

    @Column(name = "end_local", nullable = false)
    public LocalDateTime end;

    /** RFC 5545 RRULE value without the "RRULE:" prefix, e.g. FREQ=WEEKLY;BYDAY=TU. */
    @Column(length = 500)
    public String rrule;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<LocalDateTime> exdates = new ArrayList<>();

    /** The first occurrence's start and the last one's end as instants (null: no end), for window queries. */
    @Column(name = "first_start", nullable = false)
    public OffsetDateTime firstStart;

    @Column(name = "last_end")
    public OffsetDateTime lastEnd;

    @Column(name = "venue_partner_id")
    public UUID venuePartnerId;

    @Column(name = "venue_room")
    public String venueRoom;

    @Column(name = "venue_street")
    public String venueStreet;

    @Column(name = "venue_postcode")
    public String venuePostcode;

    @Column(name = "venue_city")
    public String venueCity;

    @Column(name = "venue_lat")
    public Double venueLat;

    @Column(name = "venue_lon")
    public Double venueLon;

    @Column(name = "online_url")
    public String onlineUrl;

    /** A neighbourhood code of the directory. */
    public String neighbourhood;

    @ElementCollection
    @CollectionTable(name = "event_partner", joinColumns = @JoinColumn(name = "event_id"))
    public List<EventPartner> partners = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "occurrence_cancellation", joinColumns = @JoinColumn(name = "event_id"))
    public List<OccurrenceCancellation> cancellations = new ArrayList<>();

    /** Target group codes of the directory's taxonomy. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_groups", nullable = false)
    public List<String> targetGroups = new ArrayList<>();

    @Column(name = "age_min")
    public Integer ageMin;

    @Column(name = "age_max")
    public Integer ageMax;

    public Integer capacity;

    @Column(name = "registration_required", nullable = false)
    public boolean registrationRequired;

    @Column(name = "registration_url")
    public String registrationUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "cost_kind", nullable = false, length = 20)
    public CostKind costKind = CostKind.FREE;

    @Column(name = "cost_amount")
    public BigDecimal costAmount;

    @Column(nullable = false)
    public boolean childcare;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> accessibility = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> languages = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "coproduction", nullable = false)
    public CoProduction coProduction = CoProduction.none();

    /** People who came (a count, no personal data). */
    public Integer attendance;

    @Column(name = "assessment_note")
    public String assessmentNote;

    /** iCalendar SEQUENCE: grows with every change a calendar subscriber must see. */
    @Column(nullable = false)
    public int sequence;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean hasHost(UUID partnerId) {
        return partners.stream().anyMatch(p -> p.role == PartnerRole.HOST && p.partnerId.equals(partnerId));
    }

    public long hosts() {
        return partners.stream().filter(p -> p.role == PartnerRole.HOST).map(p -> p.partnerId).distinct().count();
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
