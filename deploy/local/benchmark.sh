#!/usr/bin/env bash
# Benchmarks against real servers, with their own folder (var/benchmark) and ports, so that the local
# demo system is left alone; each writes a report to deploy/benchmarks/target/.
#   deploy/local/benchmark.sh            partner search at 20,000 partners, then reads that grow with the city (HSDS
#                                        minimal pages, the gap view; -Dgrowing=false leaves them out) (search-benchmark.md)
#   deploy/local/benchmark.sh calendar   calendar queries at 50,000 events (calendar-benchmark.md)
#   deploy/local/benchmark.sh gateway    the gateway's overhead over calling partner-service directly, beside a bare Vert.x
#                                        proxy (BareProxy, the floor of one more hop) (gateway-benchmark.md;
#                                        -Dbaseline=<folder with deploy/local-infra/pom.xml and gateway/target/quarkus-app>
#                                        measures another build's gateway beside it in the same run, -DbaselineEnv=NAME=value;...
#                                        gives that gateway settings of its own; -Dprofile=true records both JVMs, see
#                                        deploy/benchmarks/jfr-shares.py; throughput in 4 s windows per path taking turns
#                                        over 6 rounds: -Dseconds, -Drounds)
#   deploy/local/benchmark.sh slow-clients  a normal caller's latency alone and beside 50 slow clients and 500 idle connections (slow-clients-benchmark.md)
#   deploy/local/benchmark.sh network    the network analyses at 20,000 organisations / 100,000 ties, and what one partner's
#                                        edit or registration costs them, and a stream of registrations (network-benchmark.md;
#                                        -Dchanges=only: just the latter two; -DstreamRate=1 -DstreamSeconds=60, 0 for none;
#                                        -Dexports=only: the city-wide exports in each format and -DexportCallers=6 at once;
#                                        -Danalyses=only: just the first table, the city-wide key actors asked the moment
#                                        network-service reports itself ready)
#   deploy/local/benchmark.sh write-lag  accepted writes through the gateway to the graph at 20, 100, 250 and 400 writes/s: lag, CPU per write, refusals, lost writes (write-lag-benchmark.md)
#   deploy/local/benchmark.sh load       the whole local system under load, the runs above one after the other with
#                                        resident memory before/after each (load-benchmark.md; about 40 min;
#                                        -Dquick=true small sizes, -Dpieces=gateway,search, -Dpublish=true copies to docs/benchmarks/)
# Where the whole machine's CPU goes during a run (JIT, GC, kernel, PostgreSQL, the load generator): record with
# perf meanwhile and sum with deploy/benchmarks/perf-shares.py (its header says how); idle-cpu.py for a quiet system.
# Options as system properties, e.g. BENCHMARK_OPTS="-Dpartners=5000 -Druns=100", "-Devents=10000" or "-Drates=20,250 -Dseconds=30".
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -e partner-service/target/quarkus-app/quarkus-run.jar ] || [ ! -e event-service/target/quarkus-app/quarkus-run.jar ] \
    || [ ! -e gateway/target/quarkus-app/quarkus-run.jar ] || [ ! -e network-service/target/quarkus-app/quarkus-run.jar ] || [ ! -e deploy/benchmarks/target/benchmark.classpath ] \
    || [ "${KIEZWERK_REBUILD:-}" = "true" ]; then
  ./mvnw -B -q -DskipTests package
fi
case "${1:-search}" in
  search) main=org.kiezwerk.benchmark.SearchBenchmark ;;
  calendar) main=org.kiezwerk.benchmark.CalendarBenchmark ;;
  gateway) main=org.kiezwerk.benchmark.GatewayBenchmark ;;
  network) main=org.kiezwerk.benchmark.NetworkBenchmark ;;
  slow-clients) main=org.kiezwerk.benchmark.SlowClientsBenchmark ;;
  write-lag) main=org.kiezwerk.benchmark.WriteLagBenchmark ;;
  load) main=org.kiezwerk.benchmark.LoadBenchmark ;;
  *) echo "usage: $0 [search|calendar|gateway|network|slow-clients|write-lag|load]" >&2; exit 2 ;;
esac
exec java -Xmx256m ${BENCHMARK_OPTS:-} \
  -cp "deploy/benchmarks/target/classes:$(cat deploy/benchmarks/target/benchmark.classpath)" "$main"
