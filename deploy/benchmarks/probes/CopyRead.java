package org.kiezwerk.benchmark;

import java.util.*;
import org.kiezwerk.infra.LocalInfra;
import org.neo4j.driver.*;

/** Round-8 probe (kept as run, not part of the build): reads the city whole, as CityGraph does (variant A) or with Neo4j's
 * element ids (B), each from a freshly started Neo4j of var/benchmark-network. Compile and run against the benchmarks'
 * classpath: javac -cp "deploy/benchmarks/target/classes:$(cat deploy/benchmarks/target/benchmark.classpath)" -d /tmp/out
 * deploy/benchmarks/probes/CopyRead.java, then java -cp "/tmp/out:..." org.kiezwerk.benchmark.CopyRead A B A B */
public class CopyRead {
    static final String COOP = "c.strength / 5.0 * CASE WHEN c.confirmed THEN 1.0 ELSE 0.5 END";
    static final String A = """
            MATCH (a:Organisation)-[c:COOPERATES]->(b:Organisation)
            WHERE a.version >= 0 AND b.version >= 0 AND a <> b
            RETURN a.id AS a, b.id AS b, 'cooperation' AS kind, %s AS strength, c.until AS until,
                   coalesce(c.version, 0) AS version
            UNION ALL
            MATCH (a:Organisation)-[c:CO_PRODUCES]->(b:Organisation)
            WHERE a.version >= 0 AND b.version >= 0 AND a <> b
            RETURN a.id AS a, b.id AS b, 'co_production' AS kind, c.weight AS strength, null AS until, 0 AS version
            """.formatted(COOP);
    static final String B = """
            MATCH (a:Organisation)-[c:COOPERATES]->(b:Organisation)
            WHERE a <> b
            RETURN elementId(a) AS a, elementId(b) AS b, 'cooperation' AS kind, %s AS strength, c.until AS until,
                   coalesce(c.version, 0) AS version
            UNION ALL
            MATCH (a:Organisation)-[c:CO_PRODUCES]->(b:Organisation)
            WHERE a <> b
            RETURN elementId(a) AS a, elementId(b) AS b, 'co_production' AS kind, c.weight AS strength, null AS until, 0 AS version
            """.formatted(COOP);

    public static void main(String[] args) throws Exception {
        for (String variant : args) {
            try (BenchmarkSystem system = BenchmarkSystem.in("var/benchmark-network", Map.of("KIEZWERK_NEO4J_BOLT_PORT", "17787"))) {
                system.servers(LocalInfra.Server.NEO4J);
                try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:17787", AuthTokens.none());
                     Session session = driver.session()) {
                    long t0 = System.nanoTime();
                    int[] n = new int[2];
                    session.executeRead(tx -> {
                        String orgs = variant.equals("A") ? "MATCH (o:Organisation) WHERE o.version >= 0 RETURN o.id AS id, o.name AS name, o.kind AS kind ORDER BY o.id"
                                : "MATCH (o:Organisation) WHERE o.version >= 0 RETURN o.id AS id, elementId(o) AS e, o.name AS name, o.kind AS kind ORDER BY o.id";
                        tx.run(orgs).forEachRemaining(r -> n[0]++);
                        long t1 = System.nanoTime();
                        System.out.printf("%s organisations %d in %d ms%n", variant, n[0], (t1 - t0) / 1_000_000);
                        tx.run(variant.equals("A") ? A : B).forEachRemaining(r -> { n[1]++; r.get("a").asString(); r.get("b").asString(); });
                        System.out.printf("%s relationships %d in %d ms%n", variant, n[1], (System.nanoTime() - t1) / 1_000_000);
                        return null;
                    });
                    System.out.printf("%s total %d ms%n", variant, (System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
    }
}
