// The tie outbox: each tie change writes an OutboxMessage node in its own transaction, and the relay
// (messaging/TieOutboxRelay) publishes them to kiezwerk.ties.v1 in the order of seq, then deletes them.
// (No semicolons in comments: the migration runner splits statements at them.)
CREATE CONSTRAINT outbox_message_id_unique IF NOT EXISTS FOR (m:OutboxMessage) REQUIRE m.id IS UNIQUE;
CREATE INDEX outbox_message_seq IF NOT EXISTS FOR (m:OutboxMessage) ON (m.seq);
// the counter that orders them, and the lease that lets one replica at a time publish
CREATE CONSTRAINT outbox_sequence_name_unique IF NOT EXISTS FOR (s:OutboxSequence) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT outbox_relay_lease_name_unique IF NOT EXISTS FOR (l:OutboxRelayLease) REQUIRE l.name IS UNIQUE;
