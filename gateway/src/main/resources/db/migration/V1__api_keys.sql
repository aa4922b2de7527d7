-- The gateway's API keys, shared by every gateway replica. Only the SHA-256 hash of a key (hex) is
-- kept, never the key itself; a revoked key stays listed with the time of its revocation.
create table api_key (
    id            uuid        primary key,
    name          text        not null,
    hash          text        not null unique check (hash ~ '^[0-9a-f]{64}$'),
    prefix        text        not null,
    scopes        text[]      not null,
    organisations uuid[]      not null default '{}',
    created_at    timestamptz not null,
    revoked_at    timestamptz
);
