package org.kiezwerk.partner.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.Resource;
import org.kiezwerk.partner.domain.ResourceDirection;
import org.kiezwerk.partner.domain.ResourceKind;

@ApplicationScoped
public class ResourceRepository implements PanacheRepositoryBase<Resource, UUID> {

    public List<Resource> ofPartner(UUID partnerId) {
        return list("partner.id = ?1 order by direction, kind, name, id", partnerId);
    }

    public List<Resource> page(UUID partnerId, ResourceDirection direction,
            ResourceKind kind, UUID after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
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
