package org.kiezwerk.partner.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An organised local actor in the directory: association, parish, day-care centre, ... */
@Entity
@Table(name = "partner")
public class Partner extends Versioned {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    /** The partner's id in another system; imports upsert on it. */
    @Column(name = "external_id", length = 200)
    public String externalId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "alternate_names", nullable = false)
    public List<String> alternateNames = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public PartnerKind kind;

    public String description;

    @ManyToMany
    @JoinTable(name = "partner_neighbourhood", joinColumns = @JoinColumn(name = "partner_id"),
            inverseJoinColumns = @JoinColumn(name = "neighbourhood_id"))
    public Set<Neighbourhood> neighbourhoods = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "partner_address", joinColumns = @JoinColumn(name = "partner_id"))
    @OrderColumn(name = "position")
    public List<Address> addresses = new ArrayList<>();

    /** Public, organisational contact only: no private persons in the directory. */
    public String email;

    public String phone;

    public String website;

    /** ISO 639-1 codes of the languages spoken there. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> languages = new ArrayList<>();

    public String accessibility;

    @Column(name = "opening_hours")
    public String openingHours;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public PartnerStatus status = PartnerStatus.ACTIVE;

    /** Where the record came from (a survey, an import, the partner itself). */
    public String source;

    @Column(name = "last_verified")
    public LocalDate lastVerified;

    /** When someone last confirmed the entry is right (a write through the API, a confirmation, an import). */
    @Column(name = "confirmed_at", nullable = false)
    public OffsetDateTime confirmedAt;

    /** Who did: the caller's identity as this service sees it (never a person's e-mail); null if not known. */
    @Column(name = "confirmed_by", length = 200)
    public String confirmedBy;

    /** The raw text search reads; the database folds and indexes it. */
    @Column(name = "search_source", nullable = false)
    public String searchSource = "";

    /** Its names and its offers' names, for typo-tolerant matching; the database folds and indexes it. */
    @Column(name = "search_names", nullable = false)
    public String searchNames = "";

    /**
     * The phones an HSDS import brought, with their ids and details; published while the first
     * one's number is still the partner's {@link #phone}.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "hsds_phones", nullable = false)
    public List<HsdsPhone> hsdsPhones = new ArrayList<>();

    /** Ids of imported HSDS records that Kiezwerk keeps as plain fields (languages, accessibility), by what they describe. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "hsds_ids", nullable = false)
    public Map<String, UUID> hsdsIds = new HashMap<>();


    public static Partner create(UUID id) {
        Partner partner = new Partner();
        partner.id = id;
        partner.createdAt = now();
        partner.updatedAt = partner.createdAt;
        partner.confirmedAt = partner.createdAt;
        return partner;
    }

    /** Marks a change, also one to its offers or resources, so that the version moves on and a message follows. */
    public void touch() {
        updatedAt = now();
    }

    /** Someone looked at the entry and says it is right. */
    public void confirm(OffsetDateTime at, String by) {
        confirmedAt = at;
        confirmedBy = by;
    }

    /** PostgreSQL keeps microseconds: trim now, so that the answer equals what is stored. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
