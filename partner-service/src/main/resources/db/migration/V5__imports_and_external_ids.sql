-- Other systems' ids: imports upsert on them, so a repeated import updates instead of duplicating.
alter table partner add column external_id varchar(200);
create unique index partner_external_id_idx on partner (external_id) where external_id is not null;

-- Bulk imports run as jobs: the file is kept with the job, every row is written in its own
-- transaction together with the job's progress, so a restart resumes exactly after the last row.
create table partner_import (
    id                    uuid primary key,
    format                varchar(10)  not null check (format in ('CSV', 'HSDS')),
    dry_run               boolean      not null,
    duplicate_check       boolean      not null,
    default_neighbourhood varchar(80),
    default_kind          varchar(40),
    status                varchar(20)  not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    content               text         not null,
    total_rows            integer      not null,
    processed             integer      not null default 0,
    created               integer      not null default 0,
    updated               integer      not null default 0,
    failed                integer      not null default 0,
    errors                jsonb        not null default '[]',
    request_id            varchar(200),
    created_at            timestamptz  not null,
    finished_at           timestamptz
);
create index partner_import_open_idx on partner_import (created_at) where status in ('QUEUED', 'RUNNING');
-- the worker that runs a job renews this; a job whose worker died is taken over after a minute
alter table partner_import add column heartbeat_at timestamptz;
