package org.kiezwerk.partner.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.Offer;

@ApplicationScoped
public class OfferRepository implements PanacheRepositoryBase<Offer, UUID> {

    public List<Offer> ofPartner(UUID partnerId) {
        return list("partner.id = ?1 order by name, id", partnerId);
    }

    /** The partner's offers as stored (callers flush their offer changes first), without flushing anything else. */
    public List<Offer> ofPartnerWithoutFlush(UUID partnerId) {
        return getEntityManager().createQuery("from Offer where partner.id = :partner order by name, id", Offer.class)
                .setParameter("partner", partnerId)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
    }

    /** One page in id order, optionally of one partner. */
    public List<Offer> page(UUID partnerId, UUID after, int limit) {
        // no "id > min" for the first page: PostgreSQL orders uuids unsigned, Java signed
        Parameters params = new Parameters();
        StringBuilder query = new StringBuilder("1 = 1");
        if (partnerId != null) {
            query.append(" and partner.id = :partner");
            params.and("partner", partnerId);
        }
        if (after != null) {
            query.append(" and id > :after");
            params.and("after", after);
        }
        return find(query + " order by id", params).page(0, limit).list();
    }
}
