-- The outbox forgets what Kafka has acknowledged: the relay deletes a row once the broker took it, so
-- the table holds only what still waits (and parked rows). Rows sent before this version go now.
-- A row the broker refuses for good (too large, say) is parked after a few attempts: kept with its
-- reason, not tried again until an operator releases it, and never in the way of other partners.
delete from outbox_message where sent_at is not null;
drop index if exists outbox_message_unsent_idx;
alter table outbox_message drop column sent_at;
alter table outbox_message add column parked_at timestamptz;
-- the relay reads waiting rows in order of occurrence
create index outbox_message_waiting_idx on outbox_message (occurred_at, id) where parked_at is null;
-- rows behind a failing row of the same aggregate wait for it (order per aggregate)
create index outbox_message_failing_idx on outbox_message (aggregate_id, occurred_at, id)
    where attempts > 0 and parked_at is null;
