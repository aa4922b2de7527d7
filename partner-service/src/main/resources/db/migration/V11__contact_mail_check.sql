-- The optional mail check (issue 17, freshness): what the last SMTP probe of a partner's public contact
-- e-mail found. Kept beside the partner, not in it: an observation of this service, not a change of the
-- entry (no new version, no message). A row speaks only for the address it names: once the partner's
-- e-mail changes, its bounce no longer applies and the new address is probed on the next round.
create table contact_mail_check (
    partner_id uuid primary key references partner (id) on delete cascade,
    email      varchar(320) not null,
    checked_at timestamptz  not null,
    -- set while the address bounces: since when, and the server's permanent (5xx) answer to RCPT TO
    bounced_at timestamptz,
    answer     varchar(500)
);
create index contact_mail_check_bounced on contact_mail_check (bounced_at) where bounced_at is not null;
