// Network-health snapshots are read by scope and time.
CREATE INDEX health_snapshot_scope_taken IF NOT EXISTS FOR (s:HealthSnapshot) ON (s.scope, s.takenAt);
