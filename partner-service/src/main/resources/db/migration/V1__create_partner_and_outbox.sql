-- Partners: every organised local actor in the directory.
create table partner (
    id            uuid primary key,
    name          varchar(200) not null,
    kind          varchar(40)  not null,
    neighbourhood varchar(200) not null,
    version       bigint       not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
create index partner_neighbourhood_idx on partner (neighbourhood);
create index partner_kind_idx on partner (kind);

-- Transactional outbox: written in the same transaction as the change it announces, published to
-- Kafka by the relay, and marked sent only after the broker acknowledged it.
create table outbox_message (
    id             uuid primary key,            -- the CloudEvents id
    aggregate_type varchar(60)  not null,
    aggregate_id   uuid         not null,       -- the Kafka key
    event_type     varchar(120) not null,       -- the CloudEvents type
    payload        text         not null,       -- JSON: the aggregate's full current state
    occurred_at    timestamptz  not null,       -- the CloudEvents time
    request_id     varchar(200),
    sent_at        timestamptz,
    attempts       integer      not null default 0,
    last_error     text
);
-- the relay reads unsent rows in order of occurrence
create index outbox_message_unsent_idx on outbox_message (occurred_at, id) where sent_at is null;
