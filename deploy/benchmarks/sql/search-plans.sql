-- The statements partner-service's PartnerSearchRepository sends for the benchmark's searches. Each is
-- prepared and run six times first, as the JDBC driver and PostgreSQL's plan cache do with the service's
-- repeated statements, so that the plan explained is the one the service gets (custom or generic).
-- Run by SearchBenchmark with -Dexplain=deploy/benchmarks/sql/search-plans.sql. With q the service plans
-- without sequential scans (set_config('enable_seqscan', 'off', true) in its transaction), as here.
-- One statement per answer: the page, and with count/facets the total and the facet counts, from the
-- matches found once (part 0 the page, 1 the facets, 2 the total). An area that holds every partner (its kept
-- count equals the directory's, read in the statement's own snapshot) is not tested per match. The full-text
-- query is a scalar subquery (an InitPlan: built once, not per row in a generic plan). By relevance, the first
-- page computes the exact relevance only for the matches whose upper bound (similarity 1) can reach it ("best").
-- Offer filters go through partner_facet's values and their GIN index (V18); near groups the box's addresses once.
set enable_seqscan = off;
prepare page(text, text, text) as
with recursive text_match as materialized (
    select p.id from partner p where p.search_vector @@ (select to_tsquery('german', $1) || to_tsquery('english', $1)) or p.names_text %> $2),
candidates as (select p.id, lower(p.name) as name_key, p.updated_at, p.confirmed_at,
    ts_rank(p.search_vector, (select to_tsquery('german', $1) || to_tsquery('english', $1))) as rank,
    null::double precision as distance, p.names_text from partner p
  where p.id in (select id from text_match)
    and p.status = $3),
matched as (select id, round((rank + 1::real)::numeric, 6)::double precision as sort_key, distance,
    rank as text_rank, names_text from candidates),
best as (select m.id, round((m.text_rank + word_similarity($2, m.names_text))::numeric, 6)::double precision as sort_key, m.distance
  from (select id, distance, text_rank, names_text from matched order by sort_key desc, id limit 21) m)
select 0 as part, p.id, p.position_key, p.distance, null::text as value, null::bigint as hits, p.n from (
  select m.id, m.sort_key::text as position_key, m.distance, row_number() over (order by m.sort_key desc, m.id) as n
  from (select id, sort_key, distance from best
        union all select m.id, round((m.text_rank + word_similarity($2, m.names_text))::numeric, 6)::double precision, m.distance
        from matched m
        join (select f.sort_key, f.id from best f order by f.sort_key desc, f.id offset 20 limit 1) t
          on m.sort_key > t.sort_key or m.sort_key = t.sort_key and m.id < t.id
        where m.id not in (select id from best)) m
  order by m.sort_key desc, m.id limit 21) p
order by part, n;

prepare facets(text, text, text, text) as
with recursive area as (select id from neighbourhood where code in ($1)
    union select n.id from neighbourhood n join area on n.parent_id = area.id),
text_match as materialized (
    select p.id from partner p where p.search_vector @@ (select to_tsquery('german', $2) || to_tsquery('english', $2)) or p.names_text %> $3),
candidates as (select p.id, lower(p.name) as name_key, p.updated_at, p.confirmed_at,
    ts_rank(p.search_vector, (select to_tsquery('german', $2) || to_tsquery('english', $2))) as rank,
    null::double precision as distance, p.names_text from partner p
  where p.id in (select id from text_match)
    and ((select coalesce(sum(c.hits), 0) from partner_facet_count c where c.area in ($1) and c.value = '#')
         = (select coalesce(sum(c.hits), 0) from partner_facet_count c where c.area = '' and c.value = '#')
      or exists (select 1 from partner_neighbourhood pn where pn.partner_id = p.id and pn.neighbourhood_id in (select id from area)))
    and p.status = $4),
matched as (select id, round((rank + 1::real)::numeric, 6)::double precision as sort_key, distance,
    rank as text_rank, names_text from candidates),
best as (select m.id, round((m.text_rank + word_similarity($3, m.names_text))::numeric, 6)::double precision as sort_key, m.distance
  from (select id, distance, text_rank, names_text from matched order by sort_key desc, id limit 21) m)
select 0 as part, p.id, p.position_key, p.distance, null::text as value, null::bigint as hits, p.n from (
  select m.id, m.sort_key::text as position_key, m.distance, row_number() over (order by m.sort_key desc, m.id) as n
  from (select id, sort_key, distance from best
        union all select m.id, round((m.text_rank + word_similarity($3, m.names_text))::numeric, 6)::double precision, m.distance
        from matched m
        join (select f.sort_key, f.id from best f order by f.sort_key desc, f.id offset 20 limit 1) t
          on m.sort_key > t.sort_key or m.sort_key = t.sort_key and m.id < t.id
        where m.id not in (select id from best)) m
  order by m.sort_key desc, m.id limit 21) p
union all select 1, null, null, null, c.value, c.hits, row_number() over (order by c.hits desc, c.value)
  from (select f.value, count(*) as hits from matched m join partner_facet pf on pf.partner_id = m.id
        cross join unnest(pf.facet_values) as f(value) group by f.value) c
union all select 2, null, null, null, null, count(*), 1 from matched
order by part, n;

prepare near_group(double precision, double precision, double precision, double precision, double precision, double precision, double precision, text, text) as
with recursive near as (select a.partner_id, min(2 * 6371008.8 * asin(sqrt(power(sin(radians(a.lat - $1) / 2), 2)
        + cos(radians($1)) * cos(radians(a.lat)) * power(sin(radians(a.lon - $2) / 2), 2)))) as distance
    from partner_address a where a.lat between $3 and $4 and a.lon between $5 and $6 group by a.partner_id),
candidates as (select p.id, lower(p.name) as name_key, p.updated_at, p.confirmed_at, null::double precision as rank,
    n.distance as distance
  from partner p join near n on n.partner_id = p.id and n.distance <= $7
  where p.id in (select pf.partner_id from partner_facet pf where pf.facet_values && array[$8]::text[])
    and p.status = $9),
matched as (select id, distance as sort_key, distance from candidates)
select 0 as part, p.id, p.position_key, p.distance, null::text as value, null::bigint as hits, p.n from (
  select m.id, m.sort_key::text as position_key, m.distance, row_number() over (order by m.sort_key, m.id) as n
  from matched m order by m.sort_key, m.id limit 21) p
order by part, n;

prepare group_age(text, text, text, text, integer, text) as
with recursive area as (select id from neighbourhood where code in ($1)
    union select n.id from neighbourhood n join area on n.parent_id = area.id),
candidates as (select p.id, lower(p.name) as name_key, p.updated_at, p.confirmed_at, null::double precision as rank,
    null::double precision as distance from partner p
  where p.id in (select pf.partner_id from partner_facet pf where pf.facet_values && array[$2]::text[]
                 and pf.facet_values && array[$3]::text[])
    and p.status = $4
    and exists (select 1 from offer o where o.partner_id = p.id
        and exists (select 1 from offer_target_group g join taxonomy_term t on t.id = g.term_id
                    where g.offer_id = o.id and t.code in ($6))
        and ((o.age_min is not null or o.age_max is not null) and coalesce(o.age_min, 0) <= $5 and coalesce(o.age_max, 200) >= $5
          or o.age_min is null and o.age_max is null and exists (select 1 from offer_target_group g
             join taxonomy_term t on t.id = g.term_id where g.offer_id = o.id
             and (t.age_min is not null or t.age_max is not null)
             and coalesce(t.age_min, 0) <= $5 and coalesce(t.age_max, 200) >= $5)))),
matched as (select id, name_key as sort_key, distance from candidates)
select 0 as part, p.id, p.position_key, p.distance, null::text as value, null::bigint as hits, p.n from (
  select m.id, m.sort_key::text as position_key, m.distance, row_number() over (order by m.sort_key, m.id) as n
  from matched m order by m.sort_key, m.id limit 21) p
order by part, n;

prepare quarter(text, text, text, text) as
with recursive area as (select id from neighbourhood where code in ($1)
    union select n.id from neighbourhood n join area on n.parent_id = area.id),
text_match as materialized (select a.id from (select p.id, p.search_vector, p.names_text from partner p where p.id in
    (select pn.partner_id from partner_neighbourhood pn where pn.neighbourhood_id = any (array(select id from area))) offset 0) a
  where a.search_vector @@ (select to_tsquery('german', $2) || to_tsquery('english', $2)) or a.names_text %> $3),
candidates as (select p.id, lower(p.name) as name_key, p.updated_at, p.confirmed_at,
    ts_rank(p.search_vector, (select to_tsquery('german', $2) || to_tsquery('english', $2))) as rank,
    null::double precision as distance, p.names_text from partner p
  where p.id in (select id from text_match)
    and p.status = $4),
matched as (select id, round((rank + 1::real)::numeric, 6)::double precision as sort_key, distance,
    rank as text_rank, names_text from candidates),
best as (select m.id, round((m.text_rank + word_similarity($3, m.names_text))::numeric, 6)::double precision as sort_key, m.distance
  from (select id, distance, text_rank, names_text from matched order by sort_key desc, id limit 21) m)
select 0 as part, p.id, p.position_key, p.distance, null::text as value, null::bigint as hits, p.n from (
  select m.id, m.sort_key::text as position_key, m.distance, row_number() over (order by m.sort_key desc, m.id) as n
  from (select id, sort_key, distance from best
        union all select m.id, round((m.text_rank + word_similarity($3, m.names_text))::numeric, 6)::double precision, m.distance
        from matched m
        join (select f.sort_key, f.id from best f order by f.sort_key desc, f.id offset 20 limit 1) t
          on m.sort_key > t.sort_key or m.sort_key = t.sort_key and m.id < t.id
        where m.id not in (select id from best)) m
  order by m.sort_key desc, m.id limit 21) p
union all select 1, null, null, null, c.value, c.hits, row_number() over (order by c.hits desc, c.value)
  from (select f.value, count(*) as hits from matched m join partner_facet pf on pf.partner_id = m.id
        cross join unnest(pf.facet_values) as f(value) group by f.value) c
union all select 2, null, null, null, null, count(*), 1 from matched
order by part, n;

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
set enable_seqscan = on;
\o /dev/null
execute near_group(51.0, 9.0, 50.97302, 51.02698, 8.957128, 9.042872, 3000, 't:seniors', 'ACTIVE');
execute near_group(51.0, 9.0, 50.97302, 51.02698, 8.957128, 9.042872, 3000, 't:seniors', 'ACTIVE');
execute near_group(51.0, 9.0, 50.97302, 51.02698, 8.957128, 9.042872, 3000, 't:seniors', 'ACTIVE');
execute near_group(51.0, 9.0, 50.97302, 51.02698, 8.957128, 9.042872, 3000, 't:seniors', 'ACTIVE');
execute near_group(51.0, 9.0, 50.97302, 51.02698, 8.957128, 9.042872, 3000, 't:seniors', 'ACTIVE');
execute near_group(51.0, 9.0, 50.97302, 51.02698, 8.957128, 9.042872, 3000, 't:seniors', 'ACTIVE');
execute group_age('bench-d3', 'n:bench-d3', 't:adults', 'ACTIVE', 45, 'adults'); execute group_age('bench-d3', 'n:bench-d3', 't:adults', 'ACTIVE', 45, 'adults');
execute group_age('bench-d3', 'n:bench-d3', 't:adults', 'ACTIVE', 45, 'adults'); execute group_age('bench-d3', 'n:bench-d3', 't:adults', 'ACTIVE', 45, 'adults');
execute group_age('bench-d3', 'n:bench-d3', 't:adults', 'ACTIVE', 45, 'adults'); execute group_age('bench-d3', 'n:bench-d3', 't:adults', 'ACTIVE', 45, 'adults');
\o
\echo '-- near + target group, 3 km (no q: the planner free)'
explain (analyze, buffers, costs off) execute near_group(51.0, 9.0, 50.97302, 51.02698, 8.957128, 9.042872, 3000, 't:seniors', 'ACTIVE');
\echo '-- target group + age in a district (no q: the planner free)'
explain (analyze, buffers, costs off) execute group_age('bench-d3', 'n:bench-d3', 't:adults', 'ACTIVE', 45, 'adults');
set enable_seqscan = off;

\echo '-- q=familienzentrum: the first page by relevance'
explain (analyze, buffers, costs off) execute page('familienzentrum:*', 'familienzentrum', 'ACTIVE');
\echo '-- q=begegnungstaette (a typo): the first page by relevance'
explain (analyze, buffers, costs off) execute page('begegnungstaette:*', 'begegnungstaette', 'ACTIVE');
\echo '-- q=verein in the city: page, count and facets in one statement, the matches found once, the page ranked from bounds'
explain (analyze, buffers, costs off) execute facets('benchstadt', 'verein:*', 'verein', 'ACTIVE');
\echo '-- q=verein in a quarter (bench-d3-q2, about 400 partners): the partners of the quarter tested for the text; page, count and facets'
explain (analyze, buffers, costs off) execute quarter('bench-d3-q2', 'verein:*', 'verein', 'ACTIVE');
\echo '-- the whole city, no q: count and facets from the kept counts'
explain (analyze, buffers, costs off) execute kept('benchstadt', 'ACTIVE');
