-- Webhooks (issue 17): subscriptions of API keys to the changes on the Kafka topics, and one delivery
-- row per message and matching subscription. Deliveries live here, not in memory: the consumer commits
-- its Kafka offsets only after their rows are written, and every gateway replica's worker sends them.
create table webhook_subscription (
    id             uuid        primary key,
    -- the caller that made it: key:<api key id> (or person:<sub> for an admin person)
    owner          text        not null,
    url            text        not null,
    description    text,
    event_types    text[]      not null,
    neighbourhoods text[]      not null default '{}',
    partners       uuid[]      not null default '{}',
    -- the signing secret (whsec_...), encrypted (AES-GCM, see WebhookSecrets); shown once, never logged
    secret         text        not null,
    status         text        not null check (status in ('active', 'paused')),
    paused_reason  text,
    paused_at      timestamptz,
    -- since when no delivery has succeeded (null while all is well): past pause-after it is paused
    failing_since  timestamptz,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index webhook_subscription_owner on webhook_subscription (owner);

create table webhook_delivery (
    id              uuid        primary key,
    -- the order of the deliveries: a later one of the same aggregate waits for the earlier ones
    seq             bigserial   not null unique,
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    -- live (from the topic), redelivery or replay
    origin          text        not null check (origin in ('live', 'redelivery', 'replay')),
    event_id        text        not null,
    event_type      text        not null,
    aggregate       text        not null,
    -- the CloudEvent in structured mode (application/cloudevents+json), as it is sent
    payload         text        not null,
    -- when the change was recorded (the Kafka record's time): what replay selects by
    recorded_at     timestamptz not null,
    status          text        not null check (status in ('pending', 'delivered', 'undeliverable')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    leased_until    timestamptz,
    last_attempt_at timestamptz,
    last_status     int,
    last_error      text,
    last_latency_ms int,
    delivered_at    timestamptz,
    created_at      timestamptz not null
);
-- a message read twice (a consumer that stopped before committing) is recorded once per subscription
create unique index webhook_delivery_live_once on webhook_delivery (subscription_id, event_id) where origin = 'live';
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_order on webhook_delivery (subscription_id, aggregate, seq) where status = 'pending';
create index webhook_delivery_log on webhook_delivery (subscription_id, seq);
