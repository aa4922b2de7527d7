package org.kiezwerk.partner.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kiezwerk.partner.domain.PartnerHits;
import org.kiezwerk.partner.domain.PartnerKind;
import org.kiezwerk.partner.domain.PartnerQuery;
import org.kiezwerk.partner.domain.PartnerStatus;
import org.kiezwerk.partner.domain.ResourceKind;
import org.kiezwerk.partner.domain.SearchText;

/**
 * Partner search in one SQL statement per answer: full text (German and English stemming) or
 * trigram similarity on folded text for typos and umlaut spellings, filters as EXISTS on indexed
 * tables, distance by haversine after a bounding box, keyset pagination on (sort key, id).
 */
@ApplicationScoped
public class PartnerSearchRepository {

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;
    /** The facet value in partner_facet_count that counts the partners themselves. */
    private static final String PARTNERS = "#";
    private static final long COMPACTION_LOCK = 0x6b69657a_66616365L;
    /**
     * Up to this many partners in the areas of a text search, the area's partners are tested for the text one by one
     * (about 20 µs each here) instead of finding the text's matches in the whole city first (a common word has thousands).
     */
    private static final long AREA_FIRST = 1_000;
    /**
     * The full-text query, built once a statement: written in place, a generic plan builds it (stemming, dictionaries) again
     * for every row it tests or ranks.
     */
    private static final String TS_QUERY = "(select to_tsquery('german', :prefixes) || to_tsquery('english', :prefixes))";
    private static final String TEXT_RANK = "ts_rank(p.search_vector, " + TS_QUERY + ")";

    @Inject
    EntityManager em;

    public PartnerHits search(PartnerQuery query) {
        if (query.q() == null) {
            return answer(query);
        }
        // The planner prices the trigram test at one operator call and, for a common word, prefers reading every
        // partner to the trigram index; the test is the costliest step (several times slower that way, see
        // docs/benchmarks/search-20k.md). With text, every step of these statements has an index to go by.
        planWithoutSeqScans("off");
        PartnerHits hits = answer(query);
        planWithoutSeqScans("on");
        return hits;
    }

    private void planWithoutSeqScans(String seqScans) {
        em.createNativeQuery("select set_config('enable_seqscan', :on, true)").setParameter("on", seqScans).getSingleResult();
    }

    private PartnerHits answer(PartnerQuery query) {
        Map<String, Object> params = new HashMap<>();
        String matched = matched(query, params);

        // qualified: the text copy of the key in the select list must not be what is sorted
        String order = query.sort().descending() ? "m.sort_key desc, m.id" : "m.sort_key, m.id";
        StringBuilder page = new StringBuilder("select m.id, m.sort_key::text as position_key, m.distance, row_number() over (order by ")
                .append(order).append(") as n from ");
        if (rankedByBound(query)) {
            // the matches' sort_key is only an upper bound of their relevance (word_similarity taken as 1); the exact relevance
            // (word_similarity costs ~12 µs a match) of the limit + 1 matches with the highest bounds first, then of those
            // whose bound could still beat the last of these: a match whose bound is below it (or equal, with a higher id)
            // ranks below all limit + 1 of them. Usually a word's best matches are whole words (similarity 1), so few more.
            // (the matches carry their full-text rank and names: the same sum as rank(...) in candidates, without reading the
            // partner again)
            String exact = rank("m.text_rank", "word_similarity(:folded, m.names_text)");
            String last = "(select f.sort_key, f.id from best f order by f.sort_key desc, f.id offset " + query.limit() + " limit 1)";
            matched += ", best as (select m.id, " + exact + " as sort_key, m.distance from (select id, distance, text_rank, names_text"
                    + " from matched order by sort_key desc, id limit " + (query.limit() + 1) + ") m) ";
            page.append("(select id, sort_key, distance from best union all select m.id, ").append(exact).append(", m.distance")
                    .append(" from matched m join ").append(last).append(" t on m.sort_key > t.sort_key")
                    .append(" or m.sort_key = t.sort_key and m.id < t.id where m.id not in (select id from best)) m");
        } else {
            page.append("matched m");
        }
        if (query.after() != null) {
            String cast = switch (query.sort()) {
                case NAME -> "text";
                case MODIFIED, FRESH -> "timestamptz";
                case RELEVANCE, DISTANCE -> "double precision";
            };
            params.put("afterKey", query.after().key());
            params.put("afterId", query.after().id());
            page.append(query.sort().descending()
                    ? " where (m.sort_key < cast(:afterKey as " + cast + ") or (m.sort_key = cast(:afterKey as " + cast + ") and m.id > :afterId))"
                    : " where (m.sort_key, m.id) > (cast(:afterKey as " + cast + "), :afterId)");
        }
        page.append(" order by ").append(order).append(" limit ").append(query.limit() + 1);
        boolean kept = keptCounts(query);
        boolean total = query.count() && !kept;
        boolean facets = query.facets() && !kept;
        // page, total and facets in one statement: the matches (for a text, the costly part) are found and ranked once
        StringBuilder sql = new StringBuilder(matched).append("select 0 as part, p.id, p.position_key, p.distance, null::text as value,"
                + " null::bigint as hits, p.n from (").append(page).append(") p");
        if (facets) {
            // each partner's facet values, once each (partner_facet, V9_1): one pass over the matches, no joins per facet
            sql.append(" union all select 1, null, null, null, c.value, c.hits, row_number() over (order by c.hits desc, c.value)"
                    + " from (select f.value, count(*) as hits from matched m join partner_facet pf on pf.partner_id = m.id"
                    + " cross join unnest(pf.facet_values) as f(value) group by f.value) c");
        }
        if (total) {
            sql.append(" union all select 2, null, null, null, null, count(*), 1 from matched");
        }
        sql.append(" order by part, n");
        List<?> rows = bind(em.createNativeQuery(sql.toString()), params).getResultList();

        List<PartnerHits.Hit> hits = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        long matches = 0;
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            switch (((Number) columns[0]).intValue()) {
                case 0 -> {
                    UUID id = (UUID) columns[1];
                    hits.add(new PartnerHits.Hit(id, columns[3] == null ? null : ((Number) columns[3]).doubleValue(),
                            new PartnerQuery.Position(query.sort(), (String) columns[2], id)));
                }
                case 1 -> counts.put((String) columns[4], ((Number) columns[5]).longValue());
                default -> matches = ((Number) columns[5]).longValue();
            }
        }
        PartnerQuery.Position next = null;
        if (hits.size() > query.limit()) {
            hits = hits.subList(0, query.limit());
            next = hits.get(hits.size() - 1).position();
        }
        if (kept && (query.count() || query.facets())) {
            counts = keptCounts(query.neighbourhoods().isEmpty() ? "" : query.neighbourhoods().get(0), query.status());
            Long partners = counts.remove(PARTNERS);
            matches = partners == null ? 0L : partners;
        }
        return new PartnerHits(List.copyOf(hits), next, query.count() ? (Long) matches : null, query.facets() ? facets(counts) : null);
    }

    /** @param partners in the areas, an upper bound; @param everyone whether the one area holds every partner */
    private record AreaSize(long partners, boolean everyone) {
    }

    /** From the kept counts (any status, an area below another counted twice): index-only reads, whatever the number of partners. */
    private AreaSize areaSize(List<String> areas) {
        Object[] sums = (Object[]) em.createNativeQuery("select coalesce(sum(hits) filter (where area in (:areas)), 0),"
                + " coalesce(sum(hits) filter (where area = ''), 0) from partner_facet_count where (area in (:areas) or area = '')"
                + " and value = '" + PARTNERS + "'").setParameter("areas", areas).getSingleResult();
        long in = ((Number) sums[0]).longValue();
        return new AreaSize(in, areas.size() == 1 && in == ((Number) sums[1]).longValue());
    }

    /** Whether the counts kept per area and status (partner_facet_count, V14) answer the query: no other filter. */
    private static boolean keptCounts(PartnerQuery query) {
        return query.q() == null && query.neighbourhoods().size() <= 1 && query.kinds().isEmpty() && !query.filtersOffers()
                && query.resourcesOffered().isEmpty() && query.resourcesNeeded().isEmpty() && query.near() == null
                && query.modifiedSince() == null;
    }

    /** Facet value to partners for one area ("" for all) and a status (null for any), '#' for the partners themselves. */
    private Map<String, Long> keptCounts(String area, PartnerStatus status) {
        Query counts = em.createNativeQuery("select value, sum(hits) as hits from partner_facet_count where area = :area"
                + (status == null ? "" : " and status = :status")
                + " group by value having sum(hits) > 0 order by hits desc, value").setParameter("area", area);
        if (status != null) {
            counts.setParameter("status", status.name());
        }
        return counts(counts);
    }

    /**
     * Folds the deltas that writes appended to partner_facet_count into one row per count. One replica at a time (an
     * advisory lock; the others skip); writes going on meanwhile are not held up and their deltas stay for next time.
     */
    public void compactFacetCounts() {
        boolean alone = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(" + COMPACTION_LOCK + ")").getSingleResult();
        if (alone) {
            em.createNativeQuery("""
                    with folded as (delete from partner_facet_count
                        where (area, status, value) in (select area, status, value from partner_facet_count where not compacted)
                        returning area, status, value, hits)
                    insert into partner_facet_count (area, status, value, hits, compacted)
                    select area, status, value, sum(hits), true from folded group by area, status, value having sum(hits) <> 0""")
                    .executeUpdate();
        }
    }

    /** The matches with their sort key, as the CTE "matched" (id, sort_key, distance). */
    private String matched(PartnerQuery query, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("with recursive ");
        AreaSize areaSize = query.neighbourhoods().isEmpty() ? null : areaSize(query.neighbourhoods());
        if (!query.neighbourhoods().isEmpty()) {
            sql.append("area as (select id from neighbourhood where code in (:areas)"
                    + " union select n.id from neighbourhood n join area on n.parent_id = area.id), ");
            params.put("areas", query.neighbourhoods());
        }
        List<String> where = new ArrayList<>();
        String rank = "null::double precision";
        // a text in a small area: the text's matches are the area's partners that match, tested for the area already
        boolean areaInTextMatch = query.q() != null && areaSize != null && areaSize.partners() <= AREA_FIRST;
        if (query.q() != null) {
            // word stems and word beginnings through the full-text index; typos through trigrams on names
            String prefixes = SearchText.prefixQuery(query.q());
            params.put("folded", SearchText.fold(query.q()));
            // the text matches first, on their own through their indexes (combined with other filters, the planner tends
            // to test the costly trigram similarity on every partner instead)
            sql.append("text_match as materialized (");
            if (prefixes != null) {
                params.put("prefixes", prefixes);
            }
            if (areaInTextMatch) {
                // a small area: its partners tested one by one are cheaper than the text's matches in the whole city
                // (offset 0 keeps the planner from going through the text indexes city-wide after all; = any(array(...))
                // reads the area's partners through the area index instead of hashing all 20,000 memberships)
                sql.append("select a.id from (select p.id, p.search_vector, p.names_text from partner p where p.id in"
                        + " (select pn.partner_id from partner_neighbourhood pn where pn.neighbourhood_id = any (array(select id from area)))"
                        + " offset 0) a where ").append(textTest("a", prefixes != null)).append("), ");
            } else {
                // one scan of both indexes' candidates (BitmapOr): a candidate the full-text test finds is not tested for
                // similarity (~12 µs), the OR stops at its first part. names_text %> :folded is :folded <% names_text in the
                // form the index takes. Without sequential scans (see search) this OR keeps to the indexes.
                sql.append("select p.id from partner p where ").append(textTest("p", prefixes != null)).append("), ");
            }
            where.add("p.id in (select id from text_match)");
            // ranked by bound: the full-text rank alone here, the bound and the exact relevance from it (see answer)
            rank = rankedByBound(query) ? TEXT_RANK
                    : rank(prefixes != null ? TEXT_RANK : null, "word_similarity(:folded, p.names_text)");
        }
        // Target groups and categories (and the areas with them) first through the partners' facet values and their index
        // (V18): each value there is exactly what the joins below would find, so the few partners with all of them are
        // the only ones tested further (a target group in a district: ~300 partners instead of the district's 2,500).
        // (an area that holds every partner is left to the test below, which reads that once)
        boolean byFacets = !query.targetGroups().isEmpty() || !query.categories().isEmpty();
        boolean areaByFacets = byFacets && areaSize != null && !areaSize.everyone();
        if (byFacets) {
            List<String> tests = new ArrayList<>();
            facetTest("facetAreas", "n:", areaByFacets ? query.neighbourhoods() : List.of(), tests, params);
            facetTest("facetGroups", "t:", query.targetGroups(), tests, params);
            facetTest("facetCategories", "c:", query.categories(), tests, params);
            where.add("p.id in (select pf.partner_id from partner_facet pf where " + String.join(" and ", tests) + ")");
        }
        if (areaSize != null && !areaByFacets && !areaInTextMatch) {
            String inArea = "exists (select 1 from partner_neighbourhood pn where pn.partner_id = p.id"
                    + " and pn.neighbourhood_id in (select id from area))";
            // the whole city: every partner is in it, which its kept count shows in the statement's own snapshot (once, not
            // per match); if a partner outside came meanwhile, each match is tested as usual
            where.add(!areaSize.everyone() ? inArea : "((select coalesce(sum(c.hits), 0) from partner_facet_count c"
                    + " where c.area in (:areas) and c.value = '" + PARTNERS + "') = (select coalesce(sum(c.hits), 0)"
                    + " from partner_facet_count c where c.area = '' and c.value = '" + PARTNERS + "') or " + inArea + ")");
        }
        if (!query.kinds().isEmpty()) {
            where.add("p.kind in (:kinds)");
            params.put("kinds", query.kinds().stream().map(PartnerKind::name).toList());
        }
        if (query.status() != null) {
            where.add("p.status = :status");
            params.put("status", query.status().name());
        }
        if (query.modifiedSince() != null) {
            where.add("p.updated_at > :modifiedSince");
            params.put("modifiedSince", query.modifiedSince());
        }
        // one offer filter alone (no age) the facet values answer exactly; together they must hold for one offer
        boolean facetsDecide = byFacets && query.age() == null && (query.targetGroups().isEmpty() || query.categories().isEmpty());
        if (query.filtersOffers() && !facetsDecide) {
            StringBuilder offer = new StringBuilder("exists (select 1 from offer o where o.partner_id = p.id");
            if (!query.categories().isEmpty()) {
                offer.append(" and o.category_id in (select id from taxonomy_term where taxonomy = 'offer_categories' and code in (:categories))");
                params.put("categories", query.categories());
            }
            if (!query.targetGroups().isEmpty()) {
                offer.append(" and exists (select 1 from offer_target_group g join taxonomy_term t on t.id = g.term_id"
                        + " where g.offer_id = o.id and t.code in (:targetGroups))");
                params.put("targetGroups", query.targetGroups());
            }
            if (query.age() != null) {
                // the offer's own age range decides; without one, its target groups' ranges do
                offer.append(" and ((o.age_min is not null or o.age_max is not null)"
                        + " and coalesce(o.age_min, 0) <= :age and coalesce(o.age_max, 200) >= :age"
                        + " or o.age_min is null and o.age_max is null and exists (select 1 from offer_target_group g"
                        + " join taxonomy_term t on t.id = g.term_id where g.offer_id = o.id"
                        + " and (t.age_min is not null or t.age_max is not null)"
                        + " and coalesce(t.age_min, 0) <= :age and coalesce(t.age_max, 200) >= :age))");
                params.put("age", query.age());
            }
            where.add(offer.append(")").toString());
        }
        if (!query.resourcesOffered().isEmpty()) {
            where.add("exists (select 1 from partner_resource r where r.partner_id = p.id and r.direction = 'OFFERED'"
                    + " and r.kind in (:offeredKinds))");
            params.put("offeredKinds", query.resourcesOffered().stream().map(ResourceKind::name).toList());
        }
        if (!query.resourcesNeeded().isEmpty()) {
            where.add("exists (select 1 from partner_resource r where r.partner_id = p.id and r.direction = 'NEEDED'"
                    + " and r.kind in (:neededKinds))");
            params.put("neededKinds", query.resourcesNeeded().stream().map(ResourceKind::name).toList());
        }
        String distance = "null::double precision";
        if (query.near() != null) {
            PartnerQuery.Near near = query.near();
            double latDelta = Math.toDegrees(near.radiusMetres() / EARTH_RADIUS_METRES);
            double lonDelta = latDelta / Math.max(0.01, Math.cos(Math.toRadians(near.lat())));
            params.put("lat", near.lat());
            params.put("lon", near.lon());
            params.put("latMin", near.lat() - latDelta);
            params.put("latMax", near.lat() + latDelta);
            params.put("lonMin", near.lon() - lonDelta);
            params.put("lonMax", near.lon() + lonDelta);
            params.put("radius", (double) near.radiusMetres());
            // each address in the box once, each partner's nearest once (as a subquery per partner it was computed again
            // for the radius, the order and the page); the other filters then test only the partners within the radius
            sql.append("near as (select a.partner_id, min(2 * " + EARTH_RADIUS_METRES + " * asin(sqrt(power(sin(radians(a.lat - :lat) / 2), 2)"
                    + " + cos(radians(:lat)) * cos(radians(a.lat)) * power(sin(radians(a.lon - :lon) / 2), 2)))) as distance"
                    + " from partner_address a where a.lat between :latMin and :latMax and a.lon between :lonMin and :lonMax"
                    + " group by a.partner_id), ");
            distance = "n.distance";
        }
        sql.append("candidates as (select p.id, lower(p.name) as name_key, p.updated_at, p.confirmed_at, ").append(rank)
                .append(" as rank, ").append(distance).append(" as distance").append(rankedByBound(query) ? ", p.names_text" : "")
                .append(" from partner p");
        if (query.near() != null) {
            sql.append(" join near n on n.partner_id = p.id and n.distance <= :radius");
        }
        if (!where.isEmpty()) {
            sql.append(" where ").append(String.join(" and ", where));
        }
        String sortKey = switch (query.sort()) {
            case NAME -> "name_key";
            case MODIFIED -> "updated_at";
            case FRESH -> "confirmed_at";
            // word_similarity is at most 1: the same float4 sum and rounding with 1 is an upper bound of the relevance
            case RELEVANCE -> rankedByBound(query) ? rank("rank", "1::real") : "rank";
            case DISTANCE -> "distance";
        };
        return sql.append("), matched as (select id, ").append(sortKey).append(" as sort_key, distance")
                .append(rankedByBound(query) ? ", rank as text_rank, names_text" : "").append(" from candidates) ").toString();
    }

    /** The text test: the words' stems and beginnings (if any) in the full text, or the folded text like a name. */
    private static String textTest(String alias, boolean stems) {
        return (stems ? alias + ".search_vector @@ " + TS_QUERY + " or " : "") + alias + ".names_text %> :folded";
    }

    /**
     * Relevance: the full-text rank of the words' stems and beginnings (null without words) plus the similarity of the
     * folded text to the names, both real (a float4 sum), rounded.
     */
    private static String rank(String textRank, String similarity) {
        return "round((" + (textRank != null ? textRank + " + " : "") + similarity + ")::numeric, 6)::double precision";
    }

    /**
     * Whether the relevance of the first page is found from upper bounds: by relevance, not after a cursor (which would
     * need the exact relevance of every match before it), with words for the full-text rank (without, every bound is 1).
     */
    private static boolean rankedByBound(PartnerQuery query) {
        return query.q() != null && query.sort() == PartnerQuery.Sort.RELEVANCE && query.after() == null
                && SearchText.prefixQuery(query.q()) != null;
    }

    /** That a partner's facet values hold one of these (prefixed) values, through their index. */
    private static void facetTest(String name, String prefix, List<String> codes, List<String> tests, Map<String, Object> params) {
        if (!codes.isEmpty()) {
            // one parameter a value: a list parameter inside array[...] would be bound as one row value
            List<String> values = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                values.add(":" + name + i);
                params.put(name + i, prefix + codes.get(i));
            }
            tests.add("pf.facet_values && array[" + String.join(", ", values) + "]::text[]");
        }
    }

    private static Map<String, Long> counts(Query valuesAndHits) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object row : valuesAndHits.getResultList()) {
            Object[] columns = (Object[]) row;
            counts.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        return counts;
    }

    /** @param counts prefixed facet values ('n:', 'k:', 't:', 'c:') to partners, most first */
    private static PartnerHits.Facets facets(Map<String, Long> counts) {
        @SuppressWarnings("unchecked")
        Map<String, Long>[] facets = new Map[] {new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>()};
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            String value = count.getKey();
            int facet = switch (value.charAt(0)) {
                case 'n' -> 0;
                case 'k' -> 1;
                case 't' -> 2;
                default -> 3;
            };
            facets[facet].put(value.substring(2), count.getValue());
        }
        return new PartnerHits.Facets(facets[0], facets[1], facets[2], facets[3]);
    }

    private static Query bind(Query query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }
}
