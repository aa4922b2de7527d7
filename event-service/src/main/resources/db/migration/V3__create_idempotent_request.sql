-- Idempotency-Key on POST: the first answer to a key is kept, so that a retried create returns it
-- instead of creating a duplicate (kept for at least 24 hours, see kiezwerk.idempotency.retention).
create table idempotent_request (
    idempotency_key varchar(200) primary key,
    request_hash    char(64)     not null,  -- SHA-256 of the request as understood, not as spelled
    response_status integer,                -- null while the first request is still in progress
    response_body   text,
    created_at      timestamptz  not null
);
create index idempotent_request_created_idx on idempotent_request (created_at);
