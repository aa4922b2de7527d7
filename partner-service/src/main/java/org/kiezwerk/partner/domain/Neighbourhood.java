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
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A named area of the city (Stadtteil, Quartier, Kiez); areas nest. */
@Entity
@Table(name = "neighbourhood")
public class Neighbourhood extends Versioned {

    @Id
    public UUID id;

    /** Stable, readable key that partners, offers and filters use. */
    @Column(nullable = false, length = 80, unique = true)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public NeighbourhoodLevel level;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    public Neighbourhood parent;

    @Column(name = "centre_lat")
    public Double centreLat;

    @Column(name = "centre_lon")
    public Double centreLon;

    /** GeoJSON geometry, kept as the caller sent it. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String boundary;
}
