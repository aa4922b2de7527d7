package org.kiezwerk.partner.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.kiezwerk.partner.domain.Offer;

@ApplicationScoped
public class OfferRepository implements PanacheRepositoryBase<Offer, UUID> {

    public java.util.List<Offer> ofPartner(UUID partnerId) {
        return list("partner.id = ?1 order by name, id", partnerId);
    }

    /** The partner's offers as stored (callers flush their offer changes first), without flushing anything else. */
    public java.util.List<Offer> ofPartnerWithoutFlush(UUID partnerId) {
        return getEntityManager().createQuery("from Offer where partner.id = :partner order by name, id", Offer.class)
                .setParameter("partner", partnerId)
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
                .getResultList();
    }

    /** One page in id order, optionally of one partner. */
    public java.util.List<Offer> page(UUID partnerId, UUID after, int limit) {
        // no "id > min" for the first page: PostgreSQL orders uuids unsigned, Java signed
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
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
