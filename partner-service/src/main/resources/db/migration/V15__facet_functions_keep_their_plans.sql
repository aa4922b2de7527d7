-- The facet triggers run on every partner write (twice for a new partner: its row, then its areas).
-- As SQL-language functions called from a trigger, PostgreSQL (before 18) parsed and planned their
-- bodies again on every call, the recursive area query included: most of a write's database CPU.
-- The same statements in PL/pgSQL keep their plans for the connection's life. Same results.
create or replace function kiezwerk_partner_facet_values(of_partner uuid, of_kind text) returns text[]
    language plpgsql stable
as $$
begin
    return (
        select coalesce(array_agg(distinct v order by v), '{}') from (
            select 'k:' || lower(of_kind) as v
            union all
            select 'n:' || n.code from (
                with recursive up(id) as (
                    select pn.neighbourhood_id from partner_neighbourhood pn where pn.partner_id = of_partner
                    union
                    select n.parent_id from neighbourhood n join up on n.id = up.id where n.parent_id is not null)
                select id from up) a
            join neighbourhood n on n.id = a.id
            union all
            select 't:' || t.code from offer o join offer_target_group g on g.offer_id = o.id join taxonomy_term t on t.id = g.term_id
            where o.partner_id = of_partner
            union all
            select 'c:' || t.code from offer o join taxonomy_term t on t.id = o.category_id where o.partner_id = of_partner
        ) f);
end
$$;

create or replace function kiezwerk_refresh_partner_facets(of_partner uuid) returns void
    language plpgsql
as $$
begin
    insert into partner_facet (partner_id, facet_values, status)
    select p.id, kiezwerk_partner_facet_values(p.id, p.kind), p.status from partner p where p.id = of_partner
    on conflict (partner_id) do update set facet_values = excluded.facet_values, status = excluded.status
        where partner_facet.facet_values is distinct from excluded.facet_values
           or partner_facet.status is distinct from excluded.status;
end
$$;
