package org.kiezwerk.partner.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kiezwerk.partner.domain.GapCell;
import org.kiezwerk.partner.domain.GapProvider;

/** The gap view: for each quarter in an area and each target group, how many active partners serve it. */
@ApplicationScoped
public class GapRepository {

    /**
     * One offer of an active partner in the area, as the neighbourhood the partner is linked to
     * sees it, with the offer's own age limits and those of one of its target groups that has any
     * (both null when none has): the service turns them into the ages the offer is for.
     */
    public record OfferAges(String neighbourhoodCode, UUID partnerId, UUID offerId,
            Integer ageMin, Integer ageMax, Integer groupAgeMin, Integer groupAgeMax) {
    }

    /** The offers of active partners linked to the area or any area below it. */
    public List<OfferAges> offerAges(String areaCode) {
        List<?> rows = em.createNativeQuery("""
                with recursive area as (
                  select id, code from neighbourhood where code = :code
                  union
                  select n.id, n.code from neighbourhood n join area on n.parent_id = area.id)
                select a.code, p.id, o.id, o.age_min, o.age_max, t.age_min as group_min, t.age_max as group_max
                from area a join partner_neighbourhood pn on pn.neighbourhood_id = a.id
                join partner p on p.id = pn.partner_id and p.status = 'ACTIVE'
                join offer o on o.partner_id = p.id
                left join lateral (
                  select t.age_min, t.age_max from offer_target_group g join taxonomy_term t on t.id = g.term_id
                  where g.offer_id = o.id and (t.age_min is not null or t.age_max is not null)) t on true
                order by a.code, p.id, o.id
                """).setParameter("code", areaCode).getResultList();
        List<OfferAges> offers = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            offers.add(new OfferAges((String) c[0], (UUID) c[1], (UUID) c[2],
                    integer(c[3]), integer(c[4]), integer(c[5]), integer(c[6])));
        }
        return offers;
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    /**
     * For each gap (a quarter with nobody for a target group), the nearest active partners that have
     * an offer for the group, within {@code radiusMetres} of the quarter by haversine distance to
     * their nearest address. The quarter's place is its centre, or without one the mean of its
     * partners' addresses; a quarter with neither gets no suggestions. With {@code sameCity}, only
     * partners linked to a neighbourhood in the quarter's city (its ancestor on level city) count —
     * a quarter in no city is limited by distance alone.
     */
    public List<GapProvider> nearestProviders(String areaCode, int perGap, long radiusMetres, boolean sameCity) {
        String cityClause = !sameCity ? "" : """
                    and (gap.city_id is null or exists (select 1 from partner_neighbourhood cpn join city_of cc on cc.id = cpn.neighbourhood_id
                                                        where cpn.partner_id = p.id and cc.city_id = gap.city_id))
                """;
        List<?> rows = em.createNativeQuery("""
                with recursive area as (
                  select id, code, level, centre_lat, centre_lon from neighbourhood where code = :code
                  union
                  select n.id, n.code, n.level, n.centre_lat, n.centre_lon from neighbourhood n join area on n.parent_id = area.id),
                lineage(id, ancestor_id, ancestor_level) as (
                  select id, id, level from neighbourhood
                  union all
                  select l.id, up.id, up.level from lineage l join neighbourhood n on n.id = l.ancestor_id
                  join neighbourhood up on up.id = n.parent_id),
                city_of as (select id, ancestor_id as city_id from lineage where ancestor_level = 'CITY'),
                served as (
                  select pn.neighbourhood_id, g.term_id, p.id as partner_id
                  from partner p join partner_neighbourhood pn on pn.partner_id = p.id
                  join offer o on o.partner_id = p.id join offer_target_group g on g.offer_id = o.id
                  where p.status = 'ACTIVE'),
                quarter as (
                  select a.id, a.code, c.city_id,
                         case when a.centre_lat is not null and a.centre_lon is not null then a.centre_lat else pts.lat end as lat,
                         case when a.centre_lat is not null and a.centre_lon is not null then a.centre_lon else pts.lon end as lon
                  from area a left join city_of c on c.id = a.id
                  left join lateral (
                    select avg(ad.lat) as lat, avg(ad.lon) as lon
                    from partner_neighbourhood pn join partner p on p.id = pn.partner_id join partner_address ad on ad.partner_id = p.id
                    where pn.neighbourhood_id = a.id and p.status = 'ACTIVE' and ad.lat is not null and ad.lon is not null) pts on true
                  where a.level = 'QUARTER'),
                gap as (
                  select q.id as area_id, q.code, q.city_id, q.lat, q.lon, t.id as term_id, t.code as term
                  from quarter q cross join taxonomy_term t
                  where t.taxonomy = 'target_groups' and q.lat is not null and q.lon is not null
                    and not exists (select 1 from served s where s.neighbourhood_id = q.id and s.term_id = t.id))
                select gap.code, gap.term, nearest.id, nearest.name, nearest.distance
                from gap cross join lateral (
                  select p.id, p.name, min(2 * 6371008.8 * asin(sqrt(power(sin(radians(ad.lat - gap.lat) / 2), 2)
                         + cos(radians(gap.lat)) * cos(radians(ad.lat)) * power(sin(radians(ad.lon - gap.lon) / 2), 2)))) as distance
                  from partner p join partner_address ad on ad.partner_id = p.id
                  where exists (select 1 from served s where s.partner_id = p.id and s.term_id = gap.term_id)
                    and ad.lat is not null and ad.lon is not null
                """ + cityClause + """
                  group by p.id, p.name
                  having min(2 * 6371008.8 * asin(sqrt(power(sin(radians(ad.lat - gap.lat) / 2), 2)
                         + cos(radians(gap.lat)) * cos(radians(ad.lat)) * power(sin(radians(ad.lon - gap.lon) / 2), 2)))) <= :radius
                  order by distance, p.id
                  limit :perGap) nearest
                order by gap.code, gap.term, nearest.distance, nearest.id
                """).setParameter("code", areaCode).setParameter("perGap", perGap)
                .setParameter("radius", (double) radiusMetres).getResultList();
        List<GapProvider> providers = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            providers.add(new GapProvider((String) c[0], (String) c[1], (UUID) c[2], (String) c[3],
                    Math.round(((Number) c[4]).doubleValue())));
        }
        return providers;
    }

    @Inject
    EntityManager em;

    public List<GapCell> cells(String areaCode) {
        List<?> rows = em.createNativeQuery("""
                with recursive area as (
                  select id, code, name, level from neighbourhood where code = :code
                  union
                  select n.id, n.code, n.name, n.level from neighbourhood n join area on n.parent_id = area.id)
                , served as (
                  -- the quarters' active partners per target group of their offers, in one pass over the area's offers
                  -- (a count per quarter and group, each over the quarter's partners, took seconds for a city)
                  select pn.neighbourhood_id, g.term_id, count(distinct p.id) as partners
                  from area a join partner_neighbourhood pn on pn.neighbourhood_id = a.id
                  join partner p on p.id = pn.partner_id and p.status = 'ACTIVE'
                  join offer o on o.partner_id = p.id
                  join offer_target_group g on g.offer_id = o.id
                  where a.level = 'QUARTER'
                  group by pn.neighbourhood_id, g.term_id)
                select a.code, a.name, t.code, coalesce(s.partners, 0)
                from area a cross join taxonomy_term t
                left join served s on s.neighbourhood_id = a.id and s.term_id = t.id
                where a.level = 'QUARTER' and t.taxonomy = 'target_groups'
                order by a.code, t.code
                """).setParameter("code", areaCode).getResultList();
        List<GapCell> cells = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            cells.add(new GapCell((String) c[0], (String) c[1], (String) c[2], ((Number) c[3]).longValue()));
        }
        return cells;
    }
}
