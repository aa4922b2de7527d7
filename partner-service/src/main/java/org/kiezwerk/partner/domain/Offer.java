package org.kiezwerk.partner.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Something a partner runs for people (a service in HSDS terms). */
@Entity
@Table(name = "offer")
public class Offer extends Versioned {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "partner_id")
    public Partner partner;

    @Column(nullable = false, length = 200)
    public String name;

    public String description;

    @ManyToOne(optional = false)
    @JoinColumn(name = "category_id")
    public TaxonomyTerm category;

    @ManyToMany
    @JoinTable(name = "offer_target_group", joinColumns = @JoinColumn(name = "offer_id"),
            inverseJoinColumns = @JoinColumn(name = "term_id"))
    public Set<TaxonomyTerm> targetGroups = new LinkedHashSet<>();

    @Column(name = "age_min")
    public Integer ageMin;

    @Column(name = "age_max")
    public Integer ageMax;

    @Column(nullable = false)
    public boolean free;

    public String cost;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<OpeningSchedule> schedules = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> languages = new ArrayList<>();

    @Column(nullable = false)
    public boolean childcare;

    @Column(name = "registration_required", nullable = false)
    public boolean registrationRequired;

    /** The id of the HSDS service it was imported from (re-imports update it); null if written in Kiezwerk. */
    @Column(name = "hsds_id")
    public UUID hsdsId;

    /** HSDS status as imported (active, inactive, defunct, temporarily closed); null: as its partner. */
    @Column(length = 30)
    public String status;

    /** Ids of imported HSDS records Kiezwerk keeps as plain fields (schedules, languages, attributes, costs), by what they describe. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "hsds_ids", nullable = false)
    public Map<String, UUID> hsdsIds = new HashMap<>();

    /** When someone last confirmed the offer is right (a write through the API, a confirmation, an import). */
    @Column(name = "confirmed_at", nullable = false)
    public OffsetDateTime confirmedAt;

    /** Who did: the caller's identity as this service sees it (never a person's e-mail); null if not known. */
    @Column(name = "confirmed_by", length = 200)
    public String confirmedBy;

    /** Someone looked at the offer and says it is right. */
    public void confirm(OffsetDateTime at, String by) {
        confirmedAt = at;
        confirmedBy = by;
    }

    /** Where it takes place (HSDS service_at_location); empty: at its partner's first location. */
    @ElementCollection
    @CollectionTable(name = "offer_location", joinColumns = @JoinColumn(name = "offer_id"))
    @OrderColumn(name = "position")
    public List<OfferLocation> locations = new ArrayList<>();
}
