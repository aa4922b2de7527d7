-- A new partner fired the facet refresh twice in its transaction (its row, then its area), and an
-- imported partner once more per offer and target group: each refresh but the last wrote values and
-- count deltas that the next one took back (in pg_stat_statements under load, the refreshes were about
-- half of a write's database time). As deferred constraint triggers they run at commit, when the
-- partner is complete: the first writes its final values, the others find nothing changed and write
-- nothing. Readers see the same counts as before, from the same commit on.
drop trigger partner_facets_own on partner;
create constraint trigger partner_facets_own after insert or update of kind, status on partner
    deferrable initially deferred
    for each row execute function kiezwerk_partner_facets_own();

drop trigger partner_neighbourhood_facets on partner_neighbourhood;
create constraint trigger partner_neighbourhood_facets after insert or update or delete on partner_neighbourhood
    deferrable initially deferred
    for each row execute function kiezwerk_partner_facets_from_child();

drop trigger offer_facets on offer;
create constraint trigger offer_facets after insert or update of partner_id, category_id or delete on offer
    deferrable initially deferred
    for each row execute function kiezwerk_partner_facets_from_child();

drop trigger offer_target_group_facets on offer_target_group;
create constraint trigger offer_target_group_facets after insert or update or delete on offer_target_group
    deferrable initially deferred
    for each row execute function kiezwerk_partner_facets_from_target_group();
