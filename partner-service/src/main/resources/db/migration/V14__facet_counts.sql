-- Facet counts without reading the matches, for the front end's most frequent question: one area (or
-- the whole directory) and a status, nothing else. partner_facet_count holds, per area ('' for no area
-- filter), status and facet value ('#' counts the partners themselves), how many partners have it.
-- Writers only append signed deltas (no row is updated, so concurrent writes never wait for each other
-- on a popular count); readers sum them; PartnerSearch.compactFacetCounts folds them together now and then.
alter table partner_facet add column status varchar(20);
update partner_facet f set status = p.status from partner p where p.id = f.partner_id;
alter table partner_facet alter column status set not null;

create table partner_facet_count (
    area      varchar(80) not null,
    status    varchar(20) not null,
    value     text        not null,
    hits      bigint      not null,
    compacted boolean     not null default false
);
create index partner_facet_count_area_idx on partner_facet_count (area, status, value) include (hits);
create index partner_facet_count_delta_idx on partner_facet_count (area, status, value) where not compacted;

-- the partner's status travels with its facet values, so that a deleted partner's counts can still be taken back
create or replace function kiezwerk_refresh_partner_facets(of_partner uuid) returns void language sql as $$
insert into partner_facet (partner_id, facet_values, status)
select p.id, kiezwerk_partner_facet_values(p.id, p.kind), p.status from partner p where p.id = of_partner
on conflict (partner_id) do update set facet_values = excluded.facet_values, status = excluded.status
    where partner_facet.facet_values is distinct from excluded.facet_values
       or partner_facet.status is distinct from excluded.status
$$;

drop trigger partner_facets_own on partner;
create trigger partner_facets_own after insert or update of kind, status on partner
    for each row execute function kiezwerk_partner_facets_own();

-- one row per (area, value) pair that changed: the old values taken back, the new ones added
create function kiezwerk_partner_facet_pairs(facet_values text[]) returns table (area text, value text)
    language sql immutable
as $$
select a.area, v.value
from (select '' as area union all select substr(x, 3) from unnest(facet_values) x where x like 'n:%') a
cross join (select '#' as value union all select x from unnest(facet_values) x) v
$$;

create function kiezwerk_count_partner_facets() returns trigger language plpgsql as $$
begin
    insert into partner_facet_count (area, status, value, hits)
    select d.area, d.status, d.value, sum(d.sign) from (
        select old.status as status, c.area, c.value, -1 as sign
        from kiezwerk_partner_facet_pairs(old.facet_values) c where tg_op <> 'INSERT'
        union all
        select new.status, c.area, c.value, 1
        from kiezwerk_partner_facet_pairs(new.facet_values) c where tg_op <> 'DELETE'
    ) d group by d.area, d.status, d.value having sum(d.sign) <> 0;
    return null;
end
$$;
create trigger partner_facet_counts after insert or update or delete on partner_facet
    for each row execute function kiezwerk_count_partner_facets();

insert into partner_facet_count (area, status, value, hits, compacted)
select c.area, f.status, c.value, count(*), true
from partner_facet f cross join kiezwerk_partner_facet_pairs(f.facet_values) c
group by c.area, f.status, c.value;
