#!/usr/bin/env bash
# Stops whatever the local run left behind, as named by the PID files in var/run, and a PostgreSQL
# left without its launcher.
#   deploy/local/stop.sh          the local system (default ports, var/)
#   deploy/local/stop.sh tests    what a killed test run left behind: the tests' own servers (their
#                                 ports and var/test, as the parent pom gives them to the tests)
set -euo pipefail
cd "$(dirname "$0")/../.."
launcher=deploy/local-infra/launcher/target/classes
if [ ! -d "$launcher" ]; then
  echo "Nothing built, so nothing to stop."
  exit 0
fi
case "${1:-local}" in
  local) ;;
  tests)
    export KIEZWERK_VAR_DIR="$PWD/var/test" KIEZWERK_POSTGRES_PORT=25432 KIEZWERK_KAFKA_PORT=29092 \
      KIEZWERK_KAFKA_CONTROLLER_PORT=29093 KIEZWERK_NEO4J_BOLT_PORT=27687 KIEZWERK_OTLP_PORT=24318 KIEZWERK_CONNECT_PORT=28083 ;;
  *) echo "usage: $0 [local|tests]" >&2; exit 2 ;;
esac
exec java -Xmx64m -cp "$launcher" org.kiezwerk.infra.LocalInfraCommand stop
