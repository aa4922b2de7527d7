-- Facet counts without joining every match to four tables: each partner's facet values — 'n:' every
-- neighbourhood it is in and every area above them, 'k:' its kind, 't:' its offers' target groups,
-- 'c:' its offers' categories — once each, in a narrow table of their own (so that keeping them
-- current never rewrites the wide partner row and its text indexes). Kept current by triggers,
-- whichever way a row changes (API, import, a neighbourhood moved or a code renamed).
create table partner_facet (
    partner_id   uuid primary key references partner (id) on delete cascade,
    facet_values text[] not null
);

create function kiezwerk_partner_facet_values(of_partner uuid, of_kind text) returns text[]
    language sql stable
as $$
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
) f
$$;

-- writes only when something changed; nothing for a partner that is gone (deleted in this transaction)
create function kiezwerk_refresh_partner_facets(of_partner uuid) returns void language sql as $$
insert into partner_facet (partner_id, facet_values)
select p.id, kiezwerk_partner_facet_values(p.id, p.kind) from partner p where p.id = of_partner
on conflict (partner_id) do update set facet_values = excluded.facet_values
    where partner_facet.facet_values is distinct from excluded.facet_values
$$;

create function kiezwerk_partner_facets_own() returns trigger language plpgsql as $$
begin
    perform kiezwerk_refresh_partner_facets(new.id);
    return null;
end
$$;
create trigger partner_facets_own after insert or update of kind on partner
    for each row execute function kiezwerk_partner_facets_own();

create function kiezwerk_partner_facets_from_child() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform kiezwerk_refresh_partner_facets(new.partner_id);
    elsif tg_op = 'DELETE' then
        perform kiezwerk_refresh_partner_facets(old.partner_id);
    else
        perform kiezwerk_refresh_partner_facets(old.partner_id);
        if new.partner_id is distinct from old.partner_id then
            perform kiezwerk_refresh_partner_facets(new.partner_id);
        end if;
    end if;
    return null;
end
$$;
create trigger partner_neighbourhood_facets after insert or update or delete on partner_neighbourhood
    for each row execute function kiezwerk_partner_facets_from_child();
create trigger offer_facets after insert or update of partner_id, category_id or delete on offer
    for each row execute function kiezwerk_partner_facets_from_child();

create function kiezwerk_partner_facets_from_target_group() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform kiezwerk_refresh_partner_facets(o.partner_id) from offer o where o.id = old.offer_id;
    end if;
    if tg_op <> 'DELETE' then
        perform kiezwerk_refresh_partner_facets(o.partner_id) from offer o where o.id = new.offer_id;
    end if;
    return null;
end
$$;
create trigger offer_target_group_facets after insert or update or delete on offer_target_group
    for each row execute function kiezwerk_partner_facets_from_target_group();

-- rare: an area moved or renamed, a term renamed — every partner is counted again
create function kiezwerk_all_partner_facets() returns trigger language plpgsql as $$
begin
    update partner_facet f set facet_values = kiezwerk_partner_facet_values(p.id, p.kind)
    from partner p where p.id = f.partner_id;
    return null;
end
$$;
create trigger neighbourhood_facets after update on neighbourhood
    for each row when (old.code is distinct from new.code or old.parent_id is distinct from new.parent_id)
    execute function kiezwerk_all_partner_facets();
create trigger taxonomy_term_facets after update on taxonomy_term
    for each row when (old.code is distinct from new.code)
    execute function kiezwerk_all_partner_facets();

insert into partner_facet (partner_id, facet_values) select p.id, kiezwerk_partner_facet_values(p.id, p.kind) from partner p;
