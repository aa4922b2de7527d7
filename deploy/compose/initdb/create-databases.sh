#!/usr/bin/env bash
# Creates the roles and databases of partner-service, event-service and the gateway (its API keys)
# if they are missing, and sets the roles' passwords (so a changed password in .env takes effect on
# the next `up`). For partner-service and event-service it also prepares the outbox (docs/operators.md,
# "The outbox connector") before the service first writes.
# Runs as the one-off service postgres-init in compose.yaml; safe to run again.
set -euo pipefail

create() {
  local name="$1" password="$2"
  if [ -z "$password" ]; then
    echo "password for role $name is empty" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 -d postgres -v name="$name" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'name', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') \gexec
SQL
  echo "database $name ready"
}

# The outbox connector connects as the database's owner, which may therefore replicate. The
# publication kiezwerk_outbox is created empty and owned by that role (the service's migration adds
# its outbox table to it), then the slot <database>_outbox: the publication must be older than the
# slot, and the slot older than the first outbox row, or the row never reaches Kafka.
outbox() {
  local name="$1"
  psql -v ON_ERROR_STOP=1 -d "$name" -v name="$name" -v slot="${name}_outbox" <<'SQL'
SELECT format('ALTER ROLE %I REPLICATION', :'name') \gexec
SELECT format('SET ROLE %I', :'name') \gexec
SELECT 'CREATE PUBLICATION kiezwerk_outbox WITH (publish = ''insert'')'
 WHERE NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'kiezwerk_outbox') \gexec
RESET ROLE;
SELECT pg_create_logical_replication_slot(:'slot', 'pgoutput')
 WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'slot');
SQL
  echo "outbox of $name ready"
}

create partner "${PARTNER_DB_PASSWORD:-}"
create event "${EVENT_DB_PASSWORD:-}"
create gateway "${GATEWAY_DB_PASSWORD:-}"
outbox partner
outbox event
