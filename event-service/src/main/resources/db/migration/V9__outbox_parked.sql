-- Messages the outbox connector could not deliver because the broker refused them for good (too
-- large, say): its ParkedRecords interceptor reports each on kiezwerk.outbox.parked, the service keeps
-- them here (docs/operators.md, "A parked message"). An entry is open until the aggregate is sent
-- again: any later message of the same aggregate releases it, with its whole current state.
create table outbox_parked (
    id           uuid primary key,        -- the undelivered message's CloudEvents id
    aggregate_id uuid,                    -- its subject (null only for a tombstone)
    event_type   varchar(120),
    topic        varchar(249) not null,
    reason       text         not null,   -- the broker's refusal
    parked_at    timestamptz  not null,
    released_at  timestamptz,
    released_by  uuid                     -- the message that sent the aggregate again
);
create index outbox_parked_open on outbox_parked (aggregate_id) where released_at is null;
