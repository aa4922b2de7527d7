#!/usr/bin/env python3
"""Where a Quarkus service's event loops spend their time, from a flight recording.

Usage: deploy/benchmarks/jfr-shares.py <recording.jfr>   (needs the JDK's `jfr` tool on the PATH)

Each execution sample of a vert.x event-loop thread is charged to the innermost frame that belongs to a
known part (OpenTelemetry, the access log, one of the gateway's handlers, Netty, ...); JDK frames go to
their caller. Record with deploy/local/benchmark.sh gateway -Dprofile=true and, for enough samples,
-DprofileSettings=<a copy of the JDK's lib/jfr/profile.jfc with jdk.ExecutionSample's period at 1 ms>.
"""
import collections
import re
import subprocess
import sys

# (part, class name prefix), innermost match wins; the first matching entry names the part
PARTS = [
    ('OpenTelemetry', 'io.opentelemetry'), ('OpenTelemetry', 'io.quarkus.opentelemetry'),
    ('Micrometer', 'io.micrometer'), ('Micrometer', 'io.quarkus.micrometer'),
    ('logging', 'org.jboss.logmanager'), ('logging', 'org.jboss.logging'),
    ('gateway: access log', 'org.kiezwerk.gateway.api.AccessLog'),
    ('gateway: request ids', 'org.kiezwerk.gateway.api.RequestIds'),
    ('gateway: own handlers', 'org.kiezwerk'), ('gateway: own handlers', 'io.vertx.circuitbreaker'),
    ('Quarkus security', 'io.quarkus.vertx.http.runtime.security'),
    ('Quarkus REST', 'org.jboss.resteasy'), ('Quarkus REST', 'io.quarkus.resteasy'),
    ('router and Quarkus HTTP filters', 'io.vertx.ext.web'), ('router and Quarkus HTTP filters', 'io.quarkus.vertx.http'),
    ('Netty, Vert.x core, HTTP, proxy module', 'io.vertx'), ('Netty, Vert.x core, HTTP, proxy module', 'io.netty'),
    ('Kafka client', 'org.apache.kafka'), ('JDBC', 'org.postgresql'), ('JDBC', 'io.agroal'),
]


def main(recording):
    printed = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '96', recording],
                             capture_output=True, text=True, check=True).stdout
    shares = collections.Counter()
    for sample in printed.split('jdk.ExecutionSample')[1:]:
        thread = re.search(r'sampledThread = "([^"]+)"', sample)
        if not thread or not thread.group(1).startswith('vert.x-eventloop'):
            continue
        part = 'JDK only'
        for frame in re.findall(r'^\s+([\w$.<>]+)\(', sample, re.M):
            found = [name for name, prefix in PARTS if frame.startswith(prefix)]
            if found:
                part = found[0]
                break
        shares[part] += 1
    total = sum(shares.values())
    print(f'{total} event-loop samples in {recording}\n\n| part | samples | share |\n|---|---:|---:|')
    for part, count in shares.most_common():
        print(f'| {part} | {count} | {100 * count / total:.1f} % |')


if __name__ == '__main__':
    main(sys.argv[1])
