package org.kiezwerk.event.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An area of the directory as event-service knows it from the partner topic: a city, district or
 * quarter and the area directly above it. Written only by upserts (see AreaReplicaRepository).
 */
@Entity
@Table(name = "area_replica")
public class AreaReplica {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    /** city, district or quarter; null while only an older message's parentCode named the area. */
    public String level;

    @Column(name = "parent_code")
    public String parentCode;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
