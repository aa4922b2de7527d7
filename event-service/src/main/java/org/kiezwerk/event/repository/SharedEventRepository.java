package org.kiezwerk.event.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.event.domain.SharedEvent;

@ApplicationScoped
public class SharedEventRepository implements PanacheRepositoryBase<SharedEvent, UUID> {

    /** Events with a role for the partner that still have occurrences after {@code after}. */
    public List<SharedEvent> withPartnerAfter(UUID partnerId, OffsetDateTime after) {
        return list("select distinct e from SharedEvent e join e.partners p where p.partnerId = ?1"
                + " and (e.lastEnd is null or e.lastEnd > ?2)", partnerId, after);
    }
}
