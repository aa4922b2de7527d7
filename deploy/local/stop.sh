#!/usr/bin/env bash
# Stops whatever the local run (or a killed test run) left behind, as named by the PID files in
# var/run, and a PostgreSQL left without its launcher.
set -euo pipefail
cd "$(dirname "$0")/../.."
launcher=deploy/local-infra/launcher/target/classes
if [ ! -d "$launcher" ]; then
  echo "Nothing built, so nothing to stop."
  exit 0
fi
exec java -Xmx64m -cp "$launcher" org.kiezwerk.infra.LocalInfraCommand stop
