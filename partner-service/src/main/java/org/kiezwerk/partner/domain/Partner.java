package org.kiezwerk.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** An organised local actor in the directory: association, parish, day-care centre, ... */
@Entity
@Table(name = "partner")
public class Partner {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public PartnerKind kind;

    @Column(nullable = false, length = 200)
    public String neighbourhood;

    /** Optimistic lock and the version that consumers use to drop stale messages. */
    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Partner register(String name, PartnerKind kind, String neighbourhood) {
        Partner partner = new Partner();
        partner.id = UUID.randomUUID();
        partner.name = name.strip();
        partner.kind = kind;
        partner.neighbourhood = neighbourhood.strip();
        // PostgreSQL keeps microseconds: trim now, so that the answer equals what is stored
        partner.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        partner.updatedAt = partner.createdAt;
        return partner;
    }
}
