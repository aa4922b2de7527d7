// Cooperation ties between organisations are found by their id, retried creates by their Idempotency-Key.
CREATE INDEX cooperates_id IF NOT EXISTS FOR ()-[t:COOPERATES]-() ON (t.id);
CREATE CONSTRAINT idempotent_request_key_unique IF NOT EXISTS FOR (r:IdempotentRequest) REQUIRE r.key IS UNIQUE;
