package org.kiezwerk.partner.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.kiezwerk.partner.domain.Resource;

@ApplicationScoped
public class ResourceRepository implements PanacheRepositoryBase<Resource, UUID> {

    public java.util.List<Resource> ofPartner(UUID partnerId) {
        return list("partner.id = ?1 order by direction, kind, name, id", partnerId);
    }

    public java.util.List<Resource> page(UUID partnerId, org.kiezwerk.partner.domain.ResourceDirection direction,
            org.kiezwerk.partner.domain.ResourceKind kind, UUID after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (after != null) {
            query.append(" and id > :after");
            params.and("after", after);
        }
        if (partnerId != null) {
            query.append(" and partner.id = :partner");
            params.and("partner", partnerId);
        }
        if (direction != null) {
            query.append(" and direction = :direction");
            params.and("direction", direction);
        }
        if (kind != null) {
            query.append(" and kind = :kind");
            params.and("kind", kind);
        }
        return find(query + " order by id", params).page(0, limit).list();
    }
}
