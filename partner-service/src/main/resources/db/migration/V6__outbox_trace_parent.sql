-- The W3C traceparent of the request that wrote the row: the relay publishes under that trace, so a
-- trace runs from the HTTP request through Kafka into the consumers, however late the relay sends.
ALTER TABLE outbox_message ADD COLUMN trace_parent varchar(128);
