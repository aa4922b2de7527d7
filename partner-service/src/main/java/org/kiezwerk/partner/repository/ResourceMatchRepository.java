package org.kiezwerk.partner.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.kiezwerk.partner.domain.ResourceMatch;

/**
 * Resource matching in SQL: other active partners that offer a kind of resource this partner needs,
 * or need a kind it offers, nearest first (by their first addresses), then by how much matches.
 */
@ApplicationScoped
public class ResourceMatchRepository {

    @Inject
    EntityManager em;

    public List<ResourceMatch> matches(UUID partnerId, Integer radiusMetres, int limit) {
        String sql = """
                with me as (
                  select (select a.lat from partner_address a where a.partner_id = :me and a.position = 0) as lat,
                         (select a.lon from partner_address a where a.partner_id = :me and a.position = 0) as lon),
                needs as (select distinct kind from partner_resource where partner_id = :me and direction = 'NEEDED'),
                offers as (select distinct kind from partner_resource where partner_id = :me and direction = 'OFFERED'),
                candidates as (
                  select r.partner_id,
                         array_agg(distinct r.name) filter (where r.direction = 'OFFERED' and r.kind in (select kind from needs)) as they_offer,
                         array_agg(distinct r.name) filter (where r.direction = 'NEEDED' and r.kind in (select kind from offers)) as they_need
                  from partner_resource r join partner p on p.id = r.partner_id
                  where r.partner_id <> :me and p.status = 'ACTIVE'
                    and (r.direction = 'OFFERED' and r.kind in (select kind from needs)
                      or r.direction = 'NEEDED' and r.kind in (select kind from offers))
                  group by r.partner_id),
                placed as (
                  select c.*, (select 2 * 6371008.8 * asin(sqrt(power(sin(radians(a.lat - me.lat) / 2), 2)
                            + cos(radians(me.lat)) * cos(radians(a.lat)) * power(sin(radians(a.lon - me.lon) / 2), 2)))
                          from partner_address a where a.partner_id = c.partner_id and a.position = 0) as distance
                  from candidates c cross join me)
                select partner_id, array_to_string(they_offer, chr(31)), array_to_string(they_need, chr(31)), distance
                from placed
                where cast(:radius as double precision) is null or distance <= cast(:radius as double precision)
                order by distance nulls last,
                  coalesce(array_length(they_offer, 1), 0) + coalesce(array_length(they_need, 1), 0) desc, partner_id
                limit :limit""";
        List<?> rows = em.createNativeQuery(sql).unwrap(NativeQuery.class)
                .setParameter("me", partnerId)
                .setParameter("radius", radiusMetres == null ? null : radiusMetres.doubleValue(), Double.class)
                .setParameter("limit", limit)
                .getResultList();
        List<ResourceMatch> matches = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            matches.add(new ResourceMatch((UUID) columns[0], names(columns[1]), names(columns[2]),
                    columns[3] == null ? null : ((Number) columns[3]).doubleValue()));
        }
        return matches;
    }

    private static List<String> names(Object joined) {
        return joined == null || joined.toString().isEmpty() ? List.of()
                : Arrays.stream(joined.toString().split("\u001f")).sorted().toList();
    }
}
