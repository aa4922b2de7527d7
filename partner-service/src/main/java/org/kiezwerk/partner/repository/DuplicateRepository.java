package org.kiezwerk.partner.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.kiezwerk.partner.domain.LikelyDuplicateException.Candidate;

/**
 * Likely duplicates: a very similar name (trigram similarity of the folded names) near the same
 * place — within a radius of the first address, or active in one of the same neighbourhoods.
 */
@ApplicationScoped
public class DuplicateRepository {

    static final double MIN_SIMILARITY = 0.55;
    static final double RADIUS_METRES = 300;

    @Inject
    EntityManager em;

    public List<Candidate> likelyDuplicates(String name, Double lat, Double lon, Collection<UUID> neighbourhoodIds, UUID except) {
        String sql = """
                select p.id, p.name, similarity(kiezwerk_fold(:name), kiezwerk_fold(p.name)) as sim,
                  (select min(2 * 6371008.8 * asin(sqrt(power(sin(radians(a.lat - LAT) / 2), 2)
                      + cos(radians(LAT)) * cos(radians(a.lat)) * power(sin(radians(a.lon - LON) / 2), 2))))
                   from partner_address a where a.partner_id = p.id and LAT is not null) as distance
                from partner p
                where kiezwerk_fold(:name) % p.names_text
                  and similarity(kiezwerk_fold(:name), kiezwerk_fold(p.name)) >= :minSimilarity
                  and p.id <> :except
                  and (exists (select 1 from partner_neighbourhood pn where pn.partner_id = p.id and pn.neighbourhood_id in (:areas))
                    or exists (select 1 from partner_address a where a.partner_id = p.id and LAT is not null
                      and 2 * 6371008.8 * asin(sqrt(power(sin(radians(a.lat - LAT) / 2), 2)
                      + cos(radians(LAT)) * cos(radians(a.lat)) * power(sin(radians(a.lon - LON) / 2), 2))) <= :radius))
                order by sim desc, p.id
                limit 10""".replace("LAT", "cast(:lat as double precision)").replace("LON", "cast(:lon as double precision)");
        // typed, so that a missing point binds as a null number
        List<?> rows = em.createNativeQuery(sql).unwrap(NativeQuery.class)
                .setParameter("name", name)
                .setParameter("lat", lat, Double.class)
                .setParameter("lon", lon, Double.class)
                .setParameter("areas", neighbourhoodIds.isEmpty() ? List.of(new UUID(0, 0)) : neighbourhoodIds)
                .setParameter("except", except == null ? new UUID(0, 0) : except)
                .setParameter("minSimilarity", MIN_SIMILARITY)
                .setParameter("radius", RADIUS_METRES)
                .getResultList();
        List<Candidate> candidates = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            candidates.add(new Candidate((UUID) c[0], (String) c[1], Math.round(((Number) c[2]).doubleValue() * 100) / 100.0,
                    c[3] == null ? null : Math.round(((Number) c[3]).doubleValue())));
        }
        return candidates;
    }
}
