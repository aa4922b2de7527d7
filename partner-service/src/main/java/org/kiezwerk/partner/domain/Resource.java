package org.kiezwerk.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Something a partner can lend (a room, equipment, an audience ...) or is looking for. */
@Entity
@Table(name = "partner_resource")
public class Resource extends Versioned {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "partner_id")
    public Partner partner;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public ResourceDirection direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public ResourceKind kind;

    @Column(nullable = false, length = 200)
    public String name;

    public String description;

    /** People a room holds. */
    public Integer capacity;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> equipment = new ArrayList<>();

    public String availability;
}
