#!/usr/bin/env bash
# Run by ./mvnw at the start of every build (root pom, phase validate): makes sure the machine has
# what the build and its tests use besides the JDK — node and npm (the web front end is built from
# npm packages), and for the tests Debian's Chromium (browser tests) and curl (the integrator
# guide's examples). Installs what is missing from Debian when running as root (as CI does) or with
# passwordless sudo; otherwise says what to install and stops the build.
#   $1: "true" when tests are skipped (-DskipTests): then only node and npm are needed.
#   $2: "true" for an API-only build (-DskipWebui): no front end, so neither node, npm nor Chromium.
set -euo pipefail
tests_skipped="${1:-false}"
webui_skipped="${2:-false}"

missing=()
if [ "$webui_skipped" != "true" ]; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi
if [ "$tests_skipped" != "true" ]; then
  if [ "$webui_skipped" != "true" ]; then
    [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  fi
  command -v curl >/dev/null 2>&1 || missing+=(curl)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
  echo "[kiezwerk] installing ${missing[*]} (Debian packages)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "[kiezwerk] installing ${missing[*]} (Debian packages, with sudo)"
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "[kiezwerk] missing: ${missing[*]} — install them (apt-get install ${missing[*]}), or set CHROMIUM_PATH" >&2
  exit 1
fi
