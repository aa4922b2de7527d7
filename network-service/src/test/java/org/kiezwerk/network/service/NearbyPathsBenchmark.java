package org.kiezwerk.network.service;

import java.util.*;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.graph.CityGraph;

/**
 * A benchmark, not a test (surefire runs it only when named: {@code ./mvnw -pl network-service -am test -DskipWebui
 * -Dtest=NearbyPathsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}): the in-memory introduction-path search alone on a
 * city generated like deploy/local/benchmark.sh network's (20,000 organisations, 100,000 ties, seed 2026), 25 random
 * pairs, eight rounds, printing the time per round. It compiles against older versions of {@link NearbyPaths} too, to
 * be run side by side. Reports: docs/benchmarks/network-runs/2026-12-07-round8-paths-alone.md.
 */
class NearbyPathsBenchmark {
    @Test
    void scale() {
        int n = 20000, ties = 100000;
        Random random = new Random(2026);
        int[][] adj = new int[n][0]; double[][] s = new double[n][0]; String[][] k = new String[n][0];
        Set<Long> pairs = new HashSet<>();
        int written = 0;
        while (written < ties) {
            int a = random.nextInt(n);
            int b = random.nextDouble() < 0.8 ? (a % 48) + 48 * random.nextInt(n / 48) : random.nextInt(n);
            if (a == b || !pairs.add(Math.min(a, b) * (long) n + Math.max(a, b))) continue;
            boolean coop = random.nextDouble() < 0.6;
            int st = 1 + random.nextInt(5); boolean conf = random.nextBoolean(); double w = 0.25 + random.nextDouble() * 2;
            double strength = coop ? st / 5.0 * (conf ? 1.0 : 0.5) : Math.min(w, 1.0);
            String kind = coop ? "cooperation" : "co_production";
            add(adj, s, k, a, b, strength, kind); add(adj, s, k, b, a, strength, kind);
            written++;
        }
        NearbyPaths.Graph g = new NearbyPaths.Graph() {
            public int size() { return n; }
            public String id(int i) { return "o" + i; }
            public String type(int i) { return "organisation"; }
            public String name(int i) { return "O" + i; } // no @Override: older versions have no name()
            public void ties(int i, CityGraph.TieVisitor v) { for (int j = 0; j < adj[i].length; j++) v.tie(adj[i][j], s[i][j], k[i][j]); }
        };
        Random pick = new Random(7);
        int[][] q = new int[25][];
        for (int i = 0; i < 25; i++) q[i] = new int[] {pick.nextInt(n), pick.nextInt(n)};
        for (int round = 0; round < 8; round++) {
            long[] t = new long[25];
            for (int i = 0; i < 25; i++) {
                long st = System.nanoTime();
                var paths = NearbyPaths.between(g, q[i][0], q[i][1], 3);
                t[i] = System.nanoTime() - st;
                if (round == 7 && i < 5) System.out.println("answer " + i + ": " + paths.size() + " " + paths.stream().map(p -> p.hops() + "/" + p.cost()).toList());
            }
            long sum = 0; for (long x : t) sum += x;
            System.out.printf("total %.1f ms%n", sum / 1e6);
            Arrays.sort(t);
            System.out.printf("round %d p50 %.2f p90 %.2f max %.2f ms%n", round, t[12] / 1e6, t[22] / 1e6, t[24] / 1e6);
        }
    }

    private static void add(int[][] adj, double[][] s, String[][] k, int a, int b, double strength, String kind) {
        adj[a] = Arrays.copyOf(adj[a], adj[a].length + 1); adj[a][adj[a].length - 1] = b;
        s[a] = Arrays.copyOf(s[a], s[a].length + 1); s[a][s[a].length - 1] = strength;
        k[a] = Arrays.copyOf(k[a], k[a].length + 1); k[a][k[a].length - 1] = kind;
    }
}
