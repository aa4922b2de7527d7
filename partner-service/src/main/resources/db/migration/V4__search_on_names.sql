-- Typo tolerance on names: trigram similarity over a partner's names and its offers' names (short
-- texts, so cheap per row) instead of over the whole search text; word stems and prefixes of the
-- whole text are found through the full-text index.
alter table partner add column search_names text not null default '';
update partner set search_names = name;
alter table partner add column names_text text generated always as (kiezwerk_fold(search_names)) stored;
create index partner_names_text_trgm_idx on partner using gin (names_text gin_trgm_ops);
drop index partner_search_text_trgm_idx;
