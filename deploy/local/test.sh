#!/usr/bin/env bash
# Every test: installs what the browser tests need if it is missing (Debian's Chromium; node and
# npm build the web front end), then ./mvnw verify, which starts PostgreSQL, Kafka and Neo4j itself.
# Arguments go to Maven (e.g. deploy/local/test.sh -pl gateway -am).
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v curl >/dev/null 2>&1 || missing+=(curl) # the integrator guide's examples are run with it
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[test] installing ${missing[*]} (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "[test] installing ${missing[*]} (Debian packages, with sudo)"
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "[test] missing: ${missing[*]}; install them (apt-get install ${missing[*]}) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi

exec ./mvnw verify "$@"
