-- The outbox is read by Debezium from the write-ahead log (docs/architecture.md, "Write path"): a
-- message is inserted and deleted again in the transaction of the change it announces, so the table
-- stays empty and the connector finds the insert in the WAL through the publication below. The
-- columns are what the connector's outbox event router puts on the Kafka record: aggregate_type
-- routes to the topic, aggregate_id is the key, payload the value (null: a tombstone), the rest
-- become the CloudEvents headers (binary mode), X-Request-Id and traceparent.
alter table outbox_message rename to outbox_message_relayed;
create table outbox_message (
    id             uuid primary key,             -- the CloudEvents id (ce_id)
    aggregate_type varchar(60)  not null,        -- routes: partner -> kiezwerk.partners.v1
    aggregate_id   uuid         not null,        -- the Kafka key
    payload        text,                         -- JSON, the aggregate's full current state; null for a tombstone
    ce_specversion varchar(10),                  -- the header columns are null for a tombstone
    ce_source      varchar(100),
    ce_type        varchar(120),
    ce_subject     varchar(100),
    ce_time        varchar(40),
    content_type   varchar(40),
    request_id     varchar(200),
    trace_parent   varchar(128)
);
-- the connector reads inserts into this table only (the deletes are not even decoded). The publication
-- may exist already, empty: it must be older than the replication slot, which in turn must be older
-- than the first outbox row (the Kafka Connect worker creates both before any service starts).
do $$
begin
    if not exists (select 1 from pg_publication where pubname = 'kiezwerk_outbox') then
        create publication kiezwerk_outbox with (publish = 'insert');
    end if;
end $$;
alter publication kiezwerk_outbox add table outbox_message;
-- messages the relay had not yet delivered go out through the connector now (parked rows too: they
-- fit the limits that hold since they were parked, or the connector skips and logs them)
insert into outbox_message (id, aggregate_type, aggregate_id, payload, ce_specversion, ce_source, ce_type,
                            ce_subject, ce_time, content_type, request_id, trace_parent)
select id, aggregate_type, aggregate_id, payload,
       case when payload is null then null else '1.0' end,
       case when payload is null then null else '/partner-service' end,
       case when payload is null then null else event_type end,
       case when payload is null then null else aggregate_id::text end,
       case when payload is null then null else to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end,
       case when payload is null then null else 'application/json' end,
       request_id, trace_parent
from outbox_message_relayed order by occurred_at, id;
delete from outbox_message;
drop table outbox_message_relayed;
