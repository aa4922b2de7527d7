package org.kiezwerk.network.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Yen's k shortest loopless chains on a small undirected graph held in arrays (the part of the city an
 * introduction-path search has settled, {@link NearbyPaths}).
 *
 * <p>The same answer as JGraphT's {@code YenKShortestPath}, at a fraction of its cost: JGraphT runs a
 * Dijkstra over a graph of hash maps for every spur actor. Here each spur search is an A* over int and
 * double arrays, guided by every actor's exact distance to the end (one Dijkstra from the end, before
 * anything is removed). Removing root actors and ties only lengthens distances, so that distance stays
 * a consistent lower bound and each spur search is exact; it mostly walks straight to the end.
 */
final class KShortestChains {

    /** A chain by actor numbers of the small graph, and its cost (the sum of its ties' costs). */
    record Chain(int[] actors, double cost) {
        int hops() {
            return actors.length - 1;
        }
    }

    private final int size;
    private final int[] offsets;
    private final int[] targets;
    private final double[] costs;

    // one A* at a time: marks by generation, so that nothing is cleared between searches
    private final int[] seen;
    private final int[] blocked;
    private final double[] reached;
    private final int[] parent;
    private int generation;

    /**
     * The graph: actor a's ties are {@code targets[offsets[a]..offsets[a+1])} with their costs; each
     * tie in both its actors' rows, one tie per pair (the cheapest), all costs positive.
     */
    KShortestChains(int size, int[] offsets, int[] targets, double[] costs) {
        this.size = size;
        this.offsets = offsets;
        this.targets = targets;
        this.costs = costs;
        this.seen = new int[size];
        this.blocked = new int[size];
        this.reached = new double[size];
        this.parent = new int[size];
    }

    /** The k cheapest loopless chains from s to t, cheapest first (equal costs: fewer hops, then by actor numbers). */
    List<Chain> between(int s, int t, int k) {
        double[] toEnd = new double[size];
        int[] next = new int[size];
        distancesTo(t, toEnd, next);
        List<Chain> found = new ArrayList<>();
        if (s == t || Double.isInfinite(toEnd[s]) || k < 1) {
            return found;
        }
        int[] chain = {s};
        for (int v = s; v != t; v = next[v]) {
            chain = Arrays.copyOf(chain, chain.length + 1);
            chain[chain.length - 1] = next[v];
        }
        found.add(new Chain(chain, cost(chain)));
        PriorityQueue<Chain> candidates = new PriorityQueue<>(KShortestChains::compare);
        Set<String> known = new HashSet<>();
        known.add(Arrays.toString(chain));
        while (found.size() < k) {
            int[] last = found.get(found.size() - 1).actors();
            for (int j = 0; j < last.length - 1; j++) {
                int spur = last[j];
                generation++;
                // the root's actors before the spur may not be visited again (loopless)
                for (int i = 0; i < j; i++) {
                    blocked[last[i]] = generation;
                }
                // nor may the spur leave by a tie a chain found with the same root took
                Set<Integer> takenFromSpur = new HashSet<>();
                for (Chain c : found) {
                    if (c.actors().length > j + 1 && Arrays.equals(c.actors(), 0, j + 1, last, 0, j + 1)) {
                        takenFromSpur.add(c.actors()[j + 1]);
                    }
                }
                int[] spurChain = search(spur, t, takenFromSpur, toEnd);
                if (spurChain == null) {
                    continue;
                }
                int[] whole = Arrays.copyOf(last, j + spurChain.length);
                System.arraycopy(spurChain, 0, whole, j, spurChain.length);
                if (known.add(Arrays.toString(whole))) {
                    candidates.add(new Chain(whole, cost(whole)));
                }
            }
            if (candidates.isEmpty()) {
                break;
            }
            found.add(candidates.poll());
        }
        return found;
    }

    private static int compare(Chain a, Chain b) {
        int byCost = Double.compare(a.cost(), b.cost());
        if (byCost != 0) {
            return byCost;
        }
        int byHops = Integer.compare(a.actors().length, b.actors().length);
        return byHops != 0 ? byHops : Arrays.compare(a.actors(), b.actors());
    }

    /** The sum of the chain's tie costs, in chain order. */
    private double cost(int[] chain) {
        double sum = 0;
        for (int i = 1; i < chain.length; i++) {
            sum += tieCost(chain[i - 1], chain[i]);
        }
        return sum;
    }

    private double tieCost(int a, int b) {
        for (int e = offsets[a]; e < offsets[a + 1]; e++) {
            if (targets[e] == b) {
                return costs[e];
            }
        }
        throw new IllegalArgumentException("no tie " + a + "-" + b);
    }

    /** Dijkstra from t: every actor's distance to t, and its next actor on a cheapest chain there. */
    private void distancesTo(int t, double[] distance, int[] next) {
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        Arrays.fill(next, -1);
        boolean[] done = new boolean[size];
        Heap heap = new Heap();
        distance[t] = 0;
        heap.add(0, t);
        while (!heap.isEmpty()) {
            int v = heap.poll();
            if (done[v]) {
                continue;
            }
            done[v] = true;
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                int w = targets[e];
                double through = distance[v] + costs[e];
                if (through < distance[w]) {
                    distance[w] = through;
                    next[w] = v;
                    heap.add(through, w);
                }
            }
        }
    }

    /**
     * A* from the spur to t, avoiding blocked actors and the spur's ties to {@code notFirst}; the chain
     * from the spur to t, or null. {@code toEnd} is exact on the whole graph, so a lower bound here.
     */
    private int[] search(int from, int t, Set<Integer> notFirst, double[] toEnd) {
        int mark = generation;
        Heap heap = new Heap();
        seen[from] = mark;
        reached[from] = 0;
        parent[from] = -1;
        heap.add(toEnd[from], from);
        while (!heap.isEmpty()) {
            double f = heap.peekKey();
            int v = heap.poll();
            if (blocked[v] == -mark) {
                continue; // settled already
            }
            if (f > reached[v] + toEnd[v]) {
                continue; // an outdated entry
            }
            if (v == t) {
                int length = 1;
                for (int u = t; u != from; u = parent[u]) {
                    length++;
                }
                int[] chain = new int[length];
                for (int u = t, i = length - 1; i >= 0; u = parent[u], i--) {
                    chain[i] = u;
                }
                return chain;
            }
            blocked[v] = -mark; // settled: never reopened (the bound is consistent)
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                int w = targets[e];
                if (blocked[w] == mark || blocked[w] == -mark || Double.isInfinite(toEnd[w])
                        || v == from && notFirst.contains(w)) {
                    continue;
                }
                double through = reached[v] + costs[e];
                if (seen[w] != mark || through < reached[w]) {
                    seen[w] = mark;
                    reached[w] = through;
                    parent[w] = v;
                    heap.add(through + toEnd[w], w);
                }
            }
        }
        return null;
    }

    /** A binary heap of (key, actor), smallest key first; entries are never updated, only added. */
    private static final class Heap {
        private double[] keys = new double[64];
        private int[] values = new int[64];
        private int count;

        boolean isEmpty() {
            return count == 0;
        }

        double peekKey() {
            return keys[0];
        }

        void add(double key, int value) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            int i = count++;
            while (i > 0) {
                int up = (i - 1) / 2;
                if (keys[up] <= key) {
                    break;
                }
                keys[i] = keys[up];
                values[i] = values[up];
                i = up;
            }
            keys[i] = key;
            values[i] = value;
        }

        int poll() {
            int top = values[0];
            count--;
            double key = keys[count];
            int value = values[count];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= count) {
                    break;
                }
                if (child + 1 < count && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
            return top;
        }
    }
}
