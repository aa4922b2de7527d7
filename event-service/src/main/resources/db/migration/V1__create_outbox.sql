-- Transactional outbox for the event topic (kiezwerk.events.v1), as in partner-service: written in
-- the same transaction as the change it announces, marked sent after the broker acknowledged it.
create table outbox_message (
    id             uuid primary key,
    aggregate_type varchar(60)  not null,
    aggregate_id   uuid         not null,
    event_type     varchar(120) not null,
    payload        text         not null,
    occurred_at    timestamptz  not null,
    request_id     varchar(200),
    sent_at        timestamptz,
    attempts       integer      not null default 0,
    last_error     text
);
create index outbox_message_unsent_idx on outbox_message (occurred_at, id) where sent_at is null;
