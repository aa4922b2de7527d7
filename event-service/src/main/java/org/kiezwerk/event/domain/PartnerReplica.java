package org.kiezwerk.event.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A partner as event-service knows it from the partner topic: enough to check ids and show names. */
@Entity
@Table(name = "partner_replica")
public class PartnerReplica {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public boolean removed;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
