package org.kiezwerk.partner.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/** The gap view: for each quarter in an area and each target group, how many active partners serve it. */
@ApplicationScoped
public class GapRepository {

    public record Cell(String areaCode, String areaName, String targetGroup, long partners) {
    }

    public record AgeCell(String areaCode, String band, long partners) {
    }

    /** A partner elsewhere that serves a group, and how far its nearest address is from the quarter's centre. */
    public record Provider(String areaCode, String targetGroup, java.util.UUID id, String name, long distanceMetres) {
    }

    /** Age bands the gap view counts (an offer with no age limits counts for every band). */
    public static final List<String> AGE_BANDS = List.of("0-2", "3-5", "6-11", "12-17", "18-26", "27-64", "65+");

    public List<AgeCell> ageCells(String areaCode) {
        List<?> rows = em.createNativeQuery("""
                with recursive area as (
                  select id, code, name, level from neighbourhood where code = :code
                  union
                  select n.id, n.code, n.name, n.level from neighbourhood n join area on n.parent_id = area.id),
                band(label, lo, hi, position) as (values ('0-2', 0, 2, 1), ('3-5', 3, 5, 2), ('6-11', 6, 11, 3),
                  ('12-17', 12, 17, 4), ('18-26', 18, 26, 5), ('27-64', 27, 64, 6), ('65+', 65, 150, 7))
                select a.code, b.label,
                       (select count(distinct p.id) from partner_neighbourhood pn join partner p on p.id = pn.partner_id
                        where pn.neighbourhood_id = a.id and p.status = 'ACTIVE'
                          and exists (select 1 from offer o where o.partner_id = p.id
                                      and coalesce(o.age_min, 0) <= b.hi and coalesce(o.age_max, 150) >= b.lo))
                from area a cross join band b
                where a.level = 'QUARTER'
                order by a.code, b.position
                """).setParameter("code", areaCode).getResultList();
        List<AgeCell> cells = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            cells.add(new AgeCell((String) c[0], (String) c[1], ((Number) c[2]).longValue()));
        }
        return cells;
    }

    /**
     * For each gap (a quarter with nobody for a target group), the nearest active partners outside the
     * quarter that have an offer for the group, by haversine distance from the quarter's centre.
     */
    public List<Provider> nearestProviders(String areaCode, int perGap) {
        List<?> rows = em.createNativeQuery("""
                with recursive area as (
                  select id, code, level, centre_lat, centre_lon from neighbourhood where code = :code
                  union
                  select n.id, n.code, n.level, n.centre_lat, n.centre_lon from neighbourhood n join area on n.parent_id = area.id),
                served as (
                  select pn.neighbourhood_id, g.term_id, p.id as partner_id
                  from partner p join partner_neighbourhood pn on pn.partner_id = p.id
                  join offer o on o.partner_id = p.id join offer_target_group g on g.offer_id = o.id
                  where p.status = 'ACTIVE'),
                gap as (
                  select a.id as area_id, a.code, a.centre_lat, a.centre_lon, t.id as term_id, t.code as term
                  from area a cross join taxonomy_term t
                  where a.level = 'QUARTER' and t.taxonomy = 'target_groups' and a.centre_lat is not null
                    and not exists (select 1 from served s where s.neighbourhood_id = a.id and s.term_id = t.id))
                select gap.code, gap.term, nearest.id, nearest.name, nearest.distance
                from gap cross join lateral (
                  select p.id, p.name, min(2 * 6371008.8 * asin(sqrt(power(sin(radians(ad.lat - gap.centre_lat) / 2), 2)
                         + cos(radians(gap.centre_lat)) * cos(radians(ad.lat)) * power(sin(radians(ad.lon - gap.centre_lon) / 2), 2)))) as distance
                  from served s join partner p on p.id = s.partner_id join partner_address ad on ad.partner_id = p.id
                  where s.term_id = gap.term_id and ad.lat is not null
                  group by p.id, p.name
                  order by distance, p.id
                  limit :perGap) nearest
                order by gap.code, gap.term, nearest.distance
                """).setParameter("code", areaCode).setParameter("perGap", perGap).getResultList();
        List<Provider> providers = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            providers.add(new Provider((String) c[0], (String) c[1], (java.util.UUID) c[2], (String) c[3],
                    Math.round(((Number) c[4]).doubleValue())));
        }
        return providers;
    }

    @Inject
    EntityManager em;

    public List<Cell> cells(String areaCode) {
        List<?> rows = em.createNativeQuery("""
                with recursive area as (
                  select id, code, name, level from neighbourhood where code = :code
                  union
                  select n.id, n.code, n.name, n.level from neighbourhood n join area on n.parent_id = area.id)
                select a.code, a.name, t.code,
                       (select count(distinct p.id) from partner_neighbourhood pn join partner p on p.id = pn.partner_id
                        where pn.neighbourhood_id = a.id and p.status = 'ACTIVE'
                          and exists (select 1 from offer o join offer_target_group g on g.offer_id = o.id
                                      where o.partner_id = p.id and g.term_id = t.id))
                from area a cross join taxonomy_term t
                where a.level = 'QUARTER' and t.taxonomy = 'target_groups'
                order by a.code, t.code
                """).setParameter("code", areaCode).getResultList();
        List<Cell> cells = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            cells.add(new Cell((String) c[0], (String) c[1], (String) c[2], ((Number) c[3]).longValue()));
        }
        return cells;
    }
}
