package org.kiezwerk.partner.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.kiezwerk.partner.domain.HsdsServiceFilter;
import org.kiezwerk.partner.domain.SearchText;
import org.kiezwerk.partner.domain.ServiceStamp;

/**
 * The queries behind the HSDS endpoints: HSDS pages by number, so these count and use offsets
 * (in a stable order) where the Kiezwerk API uses cursors.
 */
@ApplicationScoped
public class HsdsRepository {

    /** A page of ids and the number of all matches. */
    public record IdPage(List<UUID> ids, long total) {
    }

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    @Inject
    EntityManager em;

    /** The transaction's first statement: it reads one snapshot throughout and writes nothing. */
    public void readOneSnapshot() {
        em.createNativeQuery("set transaction isolation level repeatable read, read only").executeUpdate();
    }

    public IdPage organizations(String search, int page, int perPage) {
        Map<String, Object> params = new HashMap<>();
        String where = "";
        if (search != null) {
            String prefixes = SearchText.prefixQuery(search);
            params.put("folded", SearchText.fold(search));
            if (prefixes == null) {
                where = " where :folded <% p.names_text";
            } else {
                where = " where (p.search_vector @@ (to_tsquery('german', :prefixes) || to_tsquery('english', :prefixes))"
                        + " or :folded <% p.names_text)";
                params.put("prefixes", prefixes);
            }
        }
        return page("select p.id from partner p" + where, "lower(p.name), p.id", params, page, perPage);
    }

    public IdPage services(HsdsServiceFilter filter, int page, int perPage) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = offerConditions(filter, params);
        String sql = "select o.id from offer o" + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        return page(sql, "lower(o.name), o.id", params, page, perPage);
    }

    public record StampPage(List<ServiceStamp> stamps, long total) {
    }

    /**
     * The services' ids and changes as {@link #services} pages them, read in the same statement: a harvester's page of
     * 10,000 would otherwise load as many offers with their collections only to print two fields of each.
     */
    public StampPage serviceStamps(HsdsServiceFilter filter, int page, int perPage) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = offerConditions(filter, params);
        String sql = "select o.id, o.updated_at from offer o" + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        Rows rows = rows(sql, "lower(o.name), o.id", params, page, perPage);
        List<ServiceStamp> stamps = new ArrayList<>();
        for (Object row : rows.rows()) {
            Object[] columns = (Object[]) row;
            stamps.add(new ServiceStamp((UUID) columns[0], offsetDateTime(columns[1])));
        }
        return new StampPage(stamps, rows.total());
    }

    /** As the entity reads it (OffsetDateTime); a native query may give another java.time type for timestamptz. */
    private static OffsetDateTime offsetDateTime(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }

    /** A service_at_location: an offer at a location its import named ({@code salId}), or at its partner's first (null). */
    public record SalRef(UUID offerId, UUID salId) {
    }

    public record SalPage(List<SalRef> refs, long total) {
    }

    /**
     * The offers' service_at_locations: one per location an import named that the partner still
     * has, else one at the partner's first location (offers of partners without an address have none).
     */
    @SuppressWarnings("unchecked")
    public SalPage serviceAtLocations(HsdsServiceFilter filter, int page, int perPage) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = offerConditions(filter, params);
        // the addresses of the sal's location: the named one, or (for the default) the partner's first
        String at = "a.partner_id = o.partner_id and (s.location_id is null and a.position = 0 or a.location_id = s.location_id)";
        if (filter.postcode() != null && filter.proximityMetres() == null) {
            where.add("exists (select 1 from partner_address a where " + at + " and a.postcode = :postcode)");
            params.put("postcode", filter.postcode());
        } else if (filter.postcode() != null) {
            // around the centre of the postcode's addresses
            where.add("exists (select 1 from partner_address a, (select avg(lat) as lat, avg(lon) as lon from partner_address"
                    + " where postcode = :postcode and lat is not null) c where " + at
                    + " and 2 * " + EARTH_RADIUS_METRES + " * asin(sqrt(power(sin(radians(a.lat - c.lat) / 2), 2)"
                    + " + cos(radians(c.lat)) * cos(radians(a.lat)) * power(sin(radians(a.lon - c.lon) / 2), 2))) <= :proximity)");
            params.put("postcode", filter.postcode());
            params.put("proximity", filter.proximityMetres().doubleValue());
        }
        String sql = """
                with named as (
                    select l.offer_id, l.sal_id, l.position, l.location_id from offer_location l join offer lo on lo.id = l.offer_id
                    where exists (select 1 from partner_address la where la.partner_id = lo.partner_id
                        and la.location_id = l.location_id)),
                s as (
                    select offer_id, sal_id, position, location_id from named
                    union all
                    select d.id, cast(null as uuid), 0, cast(null as uuid) from offer d
                    where not exists (select 1 from named n where n.offer_id = d.id)
                        and exists (select 1 from partner_address da where da.partner_id = d.partner_id))
                select o.id, s.sal_id from s join offer o on o.id = s.offer_id""" + (where.isEmpty() ? "" : " where "
                + String.join(" and ", where));
        Query count = em.createNativeQuery("select count(*) from (" + sql + ") matches");
        Query rows = em.createNativeQuery(sql + " order by lower(o.name), o.id, s.position limit " + perPage + " offset "
                + (long) (page - 1) * perPage);
        params.forEach((name, value) -> {
            count.setParameter(name, value);
            rows.setParameter(name, value);
        });
        List<SalRef> refs = ((List<Object[]>) rows.getResultList()).stream()
                .map(row -> new SalRef((UUID) row[0], (UUID) row[1])).toList();
        return new SalPage(refs, ((Number) count.getSingleResult()).longValue());
    }

    /** The offer a service_at_location an import named belongs to, and its location. */
    @SuppressWarnings("unchecked")
    public Optional<UUID> offerOfServiceAtLocation(UUID salId) {
        List<UUID> ids = em.createNativeQuery("select offer_id from offer_location where sal_id = :id").setParameter("id", salId)
                .getResultList();
        return ids.stream().findFirst();
    }

    /** The filters /services and /service_at_locations share, on offers as {@code o}. */
    private static List<String> offerConditions(HsdsServiceFilter filter, Map<String, Object> params) {
        List<String> where = new ArrayList<>();
        if (filter.search() != null) {
            where.add("kiezwerk_fold(:q) <% kiezwerk_fold(o.name || ' ' || coalesce(o.description, ''))");
            params.put("q", filter.search());
        }
        if (filter.taxonomyTermId() != null) {
            where.add("(o.category_id = :term or exists (select 1 from offer_target_group g where g.offer_id = o.id"
                    + " and g.term_id = :term))");
            params.put("term", filter.taxonomyTermId());
        }
        if (filter.taxonomy() != null && filter.taxonomy().equals("target_groups")) {
            where.add("exists (select 1 from offer_target_group g where g.offer_id = o.id)");
        }
        if (filter.organizationId() != null) {
            where.add("o.partner_id = :organization");
            params.put("organization", filter.organizationId());
        }
        if (filter.modifiedAfter() != null) {
            // the API document: modified on or after this time
            where.add("o.updated_at >= :modifiedAfter");
            params.put("modifiedAfter", filter.modifiedAfter());
        }
        return where;
    }

    public IdPage terms(String search, String taxonomy, int page, int perPage) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        if (search != null) {
            where.add("(kiezwerk_fold(t.name_de) like '%' || kiezwerk_fold(:q) || '%'"
                    + " or kiezwerk_fold(t.name_en) like '%' || kiezwerk_fold(:q) || '%' or t.code like '%' || lower(:q) || '%')");
            params.put("q", search);
        }
        if (taxonomy != null) {
            where.add("t.taxonomy = :taxonomy");
            params.put("taxonomy", taxonomy);
        }
        String sql = "select t.id from taxonomy_term t" + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        return page(sql, "t.taxonomy, t.code", params, page, perPage);
    }

    @SuppressWarnings("unchecked")
    private IdPage page(String select, String order, Map<String, Object> params, int page, int perPage) {
        Rows rows = rows(select, order, params, page, perPage);
        return new IdPage((List<UUID>) rows.rows(), rows.total());
    }

    private record Rows(List<?> rows, long total) {
    }

    private Rows rows(String select, String order, Map<String, Object> params, int page, int perPage) {
        Query count = em.createNativeQuery("select count(*) from (" + select + ") matches");
        Query rows = em.createNativeQuery(select + " order by " + order + " limit " + perPage + " offset "
                + (long) (page - 1) * perPage);
        params.forEach((name, value) -> {
            count.setParameter(name, value);
            rows.setParameter(name, value);
        });
        return new Rows(rows.getResultList(), ((Number) count.getSingleResult()).longValue());
    }
}
