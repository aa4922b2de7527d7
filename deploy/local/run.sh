#!/usr/bin/env bash
# Starts the whole local Kiezwerk: PostgreSQL, Kafka, Neo4j and a trace collector (from Maven artifacts, no Docker), the
# four services and a demo neighbourhood. Builds first if something is missing. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/../.."

built=true
for artifact in \
    deploy/local-infra/launcher/target/classes/org/kiezwerk/infra/LocalInfraCommand.class \
    deploy/local-infra/postgres-server/target/server.classpath \
    deploy/local-infra/kafka-server/target/server.classpath \
    deploy/local-infra/neo4j-server/target/server.classpath \
    deploy/local-infra/trace-server/target/server.classpath \
    deploy/local-infra/connect-server/target/server.classpath \
    partner-service/target/quarkus-app/quarkus-run.jar \
    event-service/target/quarkus-app/quarkus-run.jar \
    network-service/target/quarkus-app/quarkus-run.jar \
    gateway/target/quarkus-app/quarkus-run.jar; do
  [ -e "$artifact" ] || built=false
done
if [ "$built" = false ] || [ "${KIEZWERK_REBUILD:-}" = "true" ]; then
  echo "Building Kiezwerk (tests skipped; ./mvnw verify runs them) ..."
  ./mvnw -B -q -DskipTests package
fi

# exec: Ctrl-C and SIGTERM reach the launcher, which stops the services, then the servers
exec java -Xmx64m -cp deploy/local-infra/launcher/target/classes org.kiezwerk.infra.LocalInfraCommand run
