-- Freshness (issue 17): when an entry was last confirmed by someone who looked at it, and by whom
-- (the caller's identity as this service sees it: the gateway's subject, an API key's name, an importer).
-- Existing rows count as confirmed when they were last changed; who did that is not known.
alter table partner add column confirmed_at timestamptz;
alter table partner add column confirmed_by varchar(200);
update partner set confirmed_at = updated_at;
alter table partner alter column confirmed_at set not null;

alter table offer add column confirmed_at timestamptz;
alter table offer add column confirmed_by varchar(200);
update offer set confirmed_at = updated_at;
alter table offer alter column confirmed_at set not null;

-- the stale report and the fresh-first ranking read oldest confirmations first
create index partner_confirmed_at on partner (confirmed_at, id);
create index offer_confirmed_at on offer (confirmed_at, id);
