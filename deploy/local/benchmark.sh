#!/usr/bin/env bash
# Partner search at city scale: 20,000 generated partners in a partner-service on real PostgreSQL and
# Kafka (own folder var/benchmark and own ports, so the local demo system is left alone), then a mix
# of searches timed; the report goes to deploy/benchmarks/target/search-benchmark.md.
# Options as system properties, e.g. BENCHMARK_OPTS="-Dpartners=5000 -Druns=100".
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -e partner-service/target/quarkus-app/quarkus-run.jar ] || [ ! -d deploy/benchmarks/target/classes ] \
    || [ "${KIEZWERK_REBUILD:-}" = "true" ]; then
  ./mvnw -B -q -DskipTests package
fi
exec java -Xmx256m ${BENCHMARK_OPTS:-} \
  -cp deploy/local-infra/launcher/target/classes:deploy/benchmarks/target/classes \
  org.kiezwerk.benchmark.SearchBenchmark
