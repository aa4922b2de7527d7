-- The gap view's statements on the benchmark's 20,000 partners (deploy/local/benchmark.sh search with
-- -Dexplain=deploy/benchmarks/sql/gap-plans.sql): the counts per quarter and target group as they were before
-- 7e85d06 (a subquery per cell) and as they are (one pass), the offers' ages, and whether the two counts agree.

-- old cells
explain (analyze, buffers off, timing off, summary on)
with recursive area as (
  select id, code, name, level from neighbourhood where code = 'benchstadt'
  union
  select n.id, n.code, n.name, n.level from neighbourhood n join area on n.parent_id = area.id)
select a.code, a.name, t.code,
       (select count(distinct p.id) from partner_neighbourhood pn join partner p on p.id = pn.partner_id
        where pn.neighbourhood_id = a.id and p.status = 'ACTIVE'
          and exists (select 1 from offer o join offer_target_group g on g.offer_id = o.id
                      where o.partner_id = p.id and g.term_id = t.id))
from area a cross join taxonomy_term t
where a.level = 'QUARTER' and t.taxonomy = 'target_groups'
order by a.code, t.code;
-- new cells
explain (analyze, buffers off, timing off, summary on)
with recursive area as (
  select id, code, name, level from neighbourhood where code = 'benchstadt'
  union
  select n.id, n.code, n.name, n.level from neighbourhood n join area on n.parent_id = area.id)
, served as (
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
order by a.code, t.code;
-- offer ages
explain (analyze, buffers off, timing off, summary on)
with recursive area as (
  select id, code from neighbourhood where code = 'benchstadt'
  union
  select n.id, n.code from neighbourhood n join area on n.parent_id = area.id)
select a.code, p.id, o.id, o.age_min, o.age_max, t.age_min as group_min, t.age_max as group_max
from area a join partner_neighbourhood pn on pn.neighbourhood_id = a.id
join partner p on p.id = pn.partner_id and p.status = 'ACTIVE'
join offer o on o.partner_id = p.id
left join lateral (
  select t.age_min, t.age_max from offer_target_group g join taxonomy_term t on t.id = g.term_id
  where g.offer_id = o.id and (t.age_min is not null or t.age_max is not null)) t on true
order by a.code, p.id, o.id;
-- are the answers the same? rows of old except new and new except old
with recursive area as (
  select id, code, name, level from neighbourhood where code = 'benchstadt'
  union
  select n.id, n.code, n.name, n.level from neighbourhood n join area on n.parent_id = area.id),
old as (select a.code, t.code as term,
       (select count(distinct p.id) from partner_neighbourhood pn join partner p on p.id = pn.partner_id
        where pn.neighbourhood_id = a.id and p.status = 'ACTIVE'
          and exists (select 1 from offer o join offer_target_group g on g.offer_id = o.id
                      where o.partner_id = p.id and g.term_id = t.id)) as n
from area a cross join taxonomy_term t where a.level = 'QUARTER' and t.taxonomy = 'target_groups'),
served as (
  select pn.neighbourhood_id, g.term_id, count(distinct p.id) as partners
  from area a join partner_neighbourhood pn on pn.neighbourhood_id = a.id
  join partner p on p.id = pn.partner_id and p.status = 'ACTIVE'
  join offer o on o.partner_id = p.id join offer_target_group g on g.offer_id = o.id
  where a.level = 'QUARTER' group by pn.neighbourhood_id, g.term_id),
new as (select a.code, t.code as term, coalesce(s.partners, 0) as n
from area a cross join taxonomy_term t left join served s on s.neighbourhood_id = a.id and s.term_id = t.id
where a.level = 'QUARTER' and t.taxonomy = 'target_groups')
select (select count(*) from old) as cells, (select count(*) from (select * from old except select * from new) d) as old_only,
       (select count(*) from (select * from new except select * from old) d) as new_only, (select sum(n) from new) as total;
