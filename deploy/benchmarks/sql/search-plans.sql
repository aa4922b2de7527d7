-- The statements partner-service's PartnerSearchRepository sends for the benchmark's searches. Each is
-- prepared and run six times first, as the JDBC driver and PostgreSQL's plan cache do with the service's
-- repeated statements, so that the plan explained is the one the service gets (custom or generic).
-- Run by SearchBenchmark with -Dexplain=deploy/benchmarks/sql/search-plans.sql. With q the service plans
-- without sequential scans (set_config('enable_seqscan', 'off', true) in its transaction), as here.
set enable_seqscan = off;
prepare page(text, text, text) as
with recursive text_match as materialized (
    select p.id from partner p where p.search_vector @@ (to_tsquery('german', $1) || to_tsquery('english', $1))
    union select p.id from partner p where p.names_text %> $2),
candidates as (select p.id, lower(p.name) as name_key, p.updated_at, p.confirmed_at,
    round((ts_rank(p.search_vector, (to_tsquery('german', $1) || to_tsquery('english', $1)))
           + word_similarity($2, p.names_text))::numeric, 6)::double precision as rank,
    null::double precision as distance from partner p
  where p.id in (select id from text_match) and p.status = $3),
matched as (select id, rank as sort_key, distance from candidates)
select m.id, m.sort_key::text as position_key, m.distance from matched m order by m.sort_key desc, m.id limit 21;

prepare facets(text, text, text, text) as
with recursive area as (select id from neighbourhood where code in ($1)
    union select n.id from neighbourhood n join area on n.parent_id = area.id),
text_match as materialized (
    select p.id from partner p where p.search_vector @@ (to_tsquery('german', $2) || to_tsquery('english', $2))
    union select p.id from partner p where p.names_text %> $3),
candidates as (select p.id, lower(p.name) as name_key, p.updated_at, p.confirmed_at, null::double precision as rank,
    null::double precision as distance from partner p
  where p.id in (select id from text_match)
    and exists (select 1 from partner_neighbourhood pn where pn.partner_id = p.id and pn.neighbourhood_id in (select id from area))
    and p.status = $4),
matched as (select id, null::text as sort_key, distance from candidates)
select f.value, count(*) as hits from matched m join partner_facet pf on pf.partner_id = m.id
  cross join unnest(pf.facet_values) as f(value) group by f.value
union all select '#', count(*) from matched
order by hits desc, value;

prepare kept(text, text) as
select value, sum(hits) as hits from partner_facet_count where area = $1 and status = $2
group by value having sum(hits) > 0 order by hits desc, value;

\o /dev/null
execute page('familienzentrum:*', 'familienzentrum', 'ACTIVE'); execute page('familienzentrum:*', 'familienzentrum', 'ACTIVE');
execute page('familienzentrum:*', 'familienzentrum', 'ACTIVE'); execute page('familienzentrum:*', 'familienzentrum', 'ACTIVE');
execute page('familienzentrum:*', 'familienzentrum', 'ACTIVE'); execute page('familienzentrum:*', 'familienzentrum', 'ACTIVE');
execute facets('benchstadt', 'verein:*', 'verein', 'ACTIVE'); execute facets('benchstadt', 'verein:*', 'verein', 'ACTIVE');
execute facets('benchstadt', 'verein:*', 'verein', 'ACTIVE'); execute facets('benchstadt', 'verein:*', 'verein', 'ACTIVE');
execute facets('benchstadt', 'verein:*', 'verein', 'ACTIVE'); execute facets('benchstadt', 'verein:*', 'verein', 'ACTIVE');
execute kept('benchstadt', 'ACTIVE'); execute kept('benchstadt', 'ACTIVE'); execute kept('benchstadt', 'ACTIVE');
execute kept('benchstadt', 'ACTIVE'); execute kept('benchstadt', 'ACTIVE'); execute kept('benchstadt', 'ACTIVE');
\o

\echo '-- q=familienzentrum: the first page by relevance'
explain (analyze, buffers, costs off) execute page('familienzentrum:*', 'familienzentrum', 'ACTIVE');
\echo '-- q=begegnungstaette (a typo): the first page by relevance'
explain (analyze, buffers, costs off) execute page('begegnungstaette:*', 'begegnungstaette', 'ACTIVE');
\echo '-- q=verein in the city: count and facets (one statement)'
explain (analyze, buffers, costs off) execute facets('benchstadt', 'verein:*', 'verein', 'ACTIVE');
\echo '-- the same q=verein count and facets, the planner free to scan (as before this change), the values written in'
set enable_seqscan = on;
explain (analyze, buffers, costs off)
with recursive area as (select id from neighbourhood where code in ('benchstadt')
    union select n.id from neighbourhood n join area on n.parent_id = area.id),
text_match as materialized (
    select p.id from partner p where p.search_vector @@ (to_tsquery('german', 'verein:*') || to_tsquery('english', 'verein:*'))
    union select p.id from partner p where p.names_text %> 'verein'),
candidates as (select p.id, null::double precision as distance from partner p
  where p.id in (select id from text_match)
    and exists (select 1 from partner_neighbourhood pn where pn.partner_id = p.id and pn.neighbourhood_id in (select id from area))
    and p.status = 'ACTIVE'),
matched as (select id, null::text as sort_key, distance from candidates)
select f.value, count(*) as hits from matched m join partner_facet pf on pf.partner_id = m.id
  cross join unnest(pf.facet_values) as f(value) group by f.value
union all select '#', count(*) from matched
order by hits desc, value;
\echo '-- the whole city, no q: count and facets from the kept counts'
explain (analyze, buffers, costs off) execute kept('benchstadt', 'ACTIVE');
