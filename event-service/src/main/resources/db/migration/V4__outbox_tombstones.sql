-- A deleted event is announced as removed and then as a tombstone (null value), so that the
-- compacted topic forgets it: the outbox must hold a row without payload.
alter table outbox_message alter column payload drop not null;
