-- Under load (pg_stat_statements, write-lag benchmark) every new partner still ran the facet refresh
-- twice at commit, once for its row and once for its area: the second computed the same values again
-- (0.5 ms of a write's 2.5 ms of statements) and wrote nothing. The triggers are deferred (V16), so a
-- refresh runs at commit, when the partner is final: a refresh of the partner refreshed just before it
-- in the same commit can only find the same values, and is skipped. Only the last partner is
-- remembered (a transaction-local setting), so an import of many partners costs nothing extra; its
-- events come partner by partner, so it is skipped there too.
create or replace function kiezwerk_refresh_partner_facets(of_partner uuid) returns void
    language plpgsql
as $$
begin
    if current_setting('kiezwerk.facets_refreshed', true) = of_partner::text then
        return;
    end if;
    insert into partner_facet (partner_id, facet_values, status)
    select p.id, kiezwerk_partner_facet_values(p.id, p.kind), p.status from partner p where p.id = of_partner
    on conflict (partner_id) do update set facet_values = excluded.facet_values, status = excluded.status
        where partner_facet.facet_values is distinct from excluded.facet_values
           or partner_facet.status is distinct from excluded.status;
    perform set_config('kiezwerk.facets_refreshed', of_partner::text, true);
end
$$;
