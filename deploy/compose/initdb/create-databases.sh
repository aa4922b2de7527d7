#!/usr/bin/env bash
# Creates the roles and databases of partner-service, event-service and the gateway (its API keys)
# if they are missing, and sets the roles' passwords (so a changed password in .env takes effect on
# the next `up`).
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

create partner "${PARTNER_DB_PASSWORD:-}"
create event "${EVENT_DB_PASSWORD:-}"
create gateway "${GATEWAY_DB_PASSWORD:-}"
