-- The statements partner-service's PartnerSearchRepository sends for the benchmark's searches, with
-- the parameters written in. Run by SearchBenchmark with -Dexplain=deploy/benchmarks/sql/search-plans.sql.
\echo '-- q=familienzentrum: the first page by relevance'
explain (analyze, buffers, costs off)
with recursive candidates as (select p.id, lower(p.name) as name_key, p.updated_at,
    round((ts_rank(p.search_vector, (to_tsquery('german', 'familienzentrum:*') || to_tsquery('english', 'familienzentrum:*')))
           + word_similarity('familienzentrum', p.names_text))::numeric, 6)::double precision as rank,
    null::double precision as distance from partner p
  where (p.search_vector @@ (to_tsquery('german', 'familienzentrum:*') || to_tsquery('english', 'familienzentrum:*'))
         or 'familienzentrum' <% p.names_text) and p.status = 'ACTIVE'),
matched as (select id, rank as sort_key, distance from candidates)
select m.id, m.sort_key::text as position_key, m.distance from matched m order by m.sort_key desc, m.id limit 21;

\echo '-- q=begegnungstaette (a typo): the first page by relevance'
explain (analyze, buffers, costs off)
with recursive candidates as (select p.id, lower(p.name) as name_key, p.updated_at,
    round((ts_rank(p.search_vector, (to_tsquery('german', 'begegnungstaette:*') || to_tsquery('english', 'begegnungstaette:*')))
           + word_similarity('begegnungstaette', p.names_text))::numeric, 6)::double precision as rank,
    null::double precision as distance from partner p
  where (p.search_vector @@ (to_tsquery('german', 'begegnungstaette:*') || to_tsquery('english', 'begegnungstaette:*'))
         or 'begegnungstaette' <% p.names_text) and p.status = 'ACTIVE'),
matched as (select id, rank as sort_key, distance from candidates)
select m.id, m.sort_key::text as position_key, m.distance from matched m order by m.sort_key desc, m.id limit 21;

\echo '-- q=verein in the city: the facets'
explain (analyze, buffers, costs off)
with recursive area as (select id from neighbourhood where code in ('benchstadt')
    union select n.id from neighbourhood n join area on n.parent_id = area.id),
text_match as materialized (select p.id from partner p
  where (p.search_vector @@ (to_tsquery('german', 'verein:*') || to_tsquery('english', 'verein:*')) or 'verein' <% p.names_text)),
candidates as (select p.id, lower(p.name) as name_key, p.updated_at, null::double precision as rank,
    null::double precision as distance from partner p
  where p.id in (select id from text_match)
    and exists (select 1 from partner_neighbourhood pn where pn.partner_id = p.id and pn.neighbourhood_id in (select id from area))
    and p.status = 'ACTIVE'),
matched as (select id, null::text as sort_key, distance from candidates)
select f.value, count(*) as hits from matched m join partner_facet pf on pf.partner_id = m.id
  cross join unnest(pf.facet_values) as f(value)
group by f.value order by hits desc, f.value;

\echo '-- the whole city, no q: the facets'
explain (analyze, buffers, costs off)
with recursive area as (select id from neighbourhood where code in ('benchstadt')
    union select n.id from neighbourhood n join area on n.parent_id = area.id),
candidates as (select p.id, lower(p.name) as name_key, p.updated_at, null::double precision as rank,
    null::double precision as distance from partner p
  where exists (select 1 from partner_neighbourhood pn where pn.partner_id = p.id and pn.neighbourhood_id in (select id from area))
    and p.status = 'ACTIVE'),
matched as (select id, null::text as sort_key, distance from candidates)
select f.value, count(*) as hits from matched m join partner_facet pf on pf.partner_id = m.id
  cross join unnest(pf.facet_values) as f(value)
group by f.value order by hits desc, f.value;
