package org.kiezwerk.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** What every directory record has: a version for ETags and If-Match, and when it was created and changed. */
@MappedSuperclass
public abstract class Versioned {

    /** Optimistic lock; the ETag carries it, and consumers of the partner topic drop messages not newer. */
    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
