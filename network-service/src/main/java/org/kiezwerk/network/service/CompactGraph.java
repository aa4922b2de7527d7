package org.kiezwerk.network.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.kiezwerk.network.graph.AnalysisGraph;

/**
 * A network as arrays — actors numbered in the network's order, each one's ties in a row — with the
 * analyses of the key actors computed on it. At city scale (20,000 organisations, 100,000 ties) JGraphT's
 * object graphs took about 20 MB each and kept the 160 MB heap in full collections, and its label
 * propagation spent its time in hash lookups.
 *
 * <p>Each analysis gives exactly what JGraphT 1.5's gives on the {@code SimpleWeightedGraph} built from
 * the same network (vertices in the nodes' order, each vertex's edges in the ties' order, a pair's first
 * tie kept, self-ties dropped), the same steps in the same order, so that the same seed gives the same
 * communities and the sums the same scores; {@code CompactGraphTest} compares them on random graphs. (PageRank's
 * tolerance is JGraphT's to choose; the one here is relative to the number of actors, see {@link #pageRankTolerance}.)
 */
final class CompactGraph {

    /** The weakest tie still counts a little: strengths are also lengths (1 / strength) for betweenness. */
    static final double MIN_STRENGTH = 0.001;

    private final String[] ids;
    private final int[] start; // actor v's ties: positions start[v] to start[v + 1] - 1
    private final int[] other;
    private final double[] strength;
    private final int[] edgeA; // the ties kept, in the network's order (JGraphT's edge order)
    private final int[] edgeB;
    private final double[] edgeStrength;

    private CompactGraph(String[] ids, int[] edgeA, int[] edgeB, double[] edgeStrength) {
        this.ids = ids;
        this.edgeA = edgeA;
        this.edgeB = edgeB;
        this.edgeStrength = edgeStrength;
        int n = ids.length;
        start = new int[n + 1];
        for (int e = 0; e < edgeA.length; e++) {
            start[edgeA[e] + 1]++;
            start[edgeB[e] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            start[v + 1] += start[v];
        }
        other = new int[2 * edgeA.length];
        strength = new double[2 * edgeA.length];
        int[] filled = Arrays.copyOf(start, n);
        for (int e = 0; e < edgeA.length; e++) {
            other[filled[edgeA[e]]] = edgeB[e];
            strength[filled[edgeA[e]]++] = edgeStrength[e];
            other[filled[edgeB[e]]] = edgeA[e];
            strength[filled[edgeB[e]]++] = edgeStrength[e];
        }
    }

    /** The network's organisations (and persons) and its ties, as JGraphT's simple graph would take them. */
    static CompactGraph of(AnalysisGraph.Network network) {
        Map<String, Integer> index = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (AnalysisGraph.Node node : network.nodes()) {
            if (index.putIfAbsent(node.id(), ids.size()) == null) {
                ids.add(node.id());
            }
        }
        long n = ids.size();
        List<AnalysisGraph.Tie> ties = network.ties();
        long count = ties.size();
        int[] a = new int[ties.size()];
        int[] b = new int[ties.size()];
        double[] s = new double[ties.size()];
        long[] pairs = new long[ties.size()];
        int m = 0;
        for (AnalysisGraph.Tie tie : ties) {
            Integer i = index.get(tie.a());
            Integer j = index.get(tie.b());
            if (i == null || j == null || i.equals(j)) {
                continue;
            }
            a[m] = i;
            b[m] = j;
            s[m] = Math.max(tie.strength(), MIN_STRENGTH);
            pairs[m] = (Math.min(i, j) * n + Math.max(i, j)) * count + m; // the pair, then the tie's place
            m++;
        }
        // a simple graph holds one edge per pair: the first tie of a pair wins, the later ones are dropped
        long[] sorted = Arrays.copyOf(pairs, m);
        Arrays.sort(sorted);
        boolean[] dropped = new boolean[m];
        for (int k = 1; k < m; k++) {
            if (sorted[k] / count == sorted[k - 1] / count) {
                dropped[(int) (sorted[k] % count)] = true;
            }
        }
        int kept = 0;
        for (int e = 0; e < m; e++) {
            if (!dropped[e]) {
                a[kept] = a[e];
                b[kept] = b[e];
                s[kept++] = s[e];
            }
        }
        return new CompactGraph(ids.toArray(String[]::new), Arrays.copyOf(a, kept), Arrays.copyOf(b, kept), Arrays.copyOf(s, kept));
    }

    int size() {
        return ids.length;
    }

    String id(int v) {
        return ids[v];
    }

    int degree(int v) {
        return start[v + 1] - start[v];
    }

    /** The sum of v's tie strengths in JGraphT's order, by a stream's (compensated) sum as the key actors always added them. */
    double weightedDegree(int v) {
        return Arrays.stream(strength, start[v], start[v + 1]).sum();
    }

    /** v's ties: neighbour and strength at positions {@link #from} to {@link #to} - 1. */
    int from(int v) {
        return start[v];
    }

    int to(int v) {
        return start[v + 1];
    }

    int neighbour(int position) {
        return other[position];
    }

    double strength(int position) {
        return strength[position];
    }

    /** The ties kept (one per pair). */
    int ties() {
        return edgeA.length;
    }

    /** The sizes of the connected components (an actor without ties is one of its own), as JGraphT's ConnectivityInspector finds them. */
    int[] componentSizes() {
        int[] component = components(new int[ids.length]);
        int count = 0;
        for (int c : component) {
            count = Math.max(count, c + 1);
        }
        int[] sizes = new int[count];
        for (int c : component) {
            sizes[c]++;
        }
        return sizes;
    }

    /**
     * The average of every actor's local clustering coefficient — the share of pairs of its neighbours that are tied
     * themselves; 0 for an actor with fewer than two ties — as JGraphT's ClusteringCoefficient computes it. Each actor's
     * neighbours are marked and their ties looked up in the marks: the sum of the squared degrees, no hash lookups.
     */
    double averageClustering() {
        int n = ids.length;
        if (n == 0) {
            return 0;
        }
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        double sum = 0;
        for (int v = 0; v < n; v++) {
            long k = degree(v);
            if (k < 2) {
                continue;
            }
            for (int p = start[v]; p < start[v + 1]; p++) {
                mark[other[p]] = v;
            }
            long links = 0; // each tie among v's neighbours, seen from both its ends
            for (int p = start[v]; p < start[v + 1]; p++) {
                int u = other[p];
                for (int q = start[u]; q < start[u + 1]; q++) {
                    if (mark[other[q]] == v) {
                        links++;
                    }
                }
            }
            sum += (double) links / (k * (k - 1));
        }
        return sum / n;
    }

    /** As JGraphT's graph of lengths (1 / strength) for its exact betweenness, built in the same order. */
    Graph<String, DefaultWeightedEdge> distances() {
        Graph<String, DefaultWeightedEdge> distance = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        for (String id : ids) {
            distance.addVertex(id);
        }
        for (int e = 0; e < edgeA.length; e++) {
            Graphs.addEdge(distance, ids[edgeA[e]], ids[edgeB[e]], 1.0 / edgeStrength[e]);
        }
        return distance;
    }

    /** PageRank's damping factor (JGraphT's default). */
    static final double DAMPING = 0.85;
    /**
     * At most this many iterations: each shrinks the error by at least the damping factor, so 200 reach far below
     * {@link #pageRankTolerance} (0.85^200 is about 1e-14).
     */
    static final int PAGE_RANK_ITERATIONS = 200;

    /**
     * When PageRank has converged: no score changed by more than a hundred-millionth of the average score (1 / n).
     * JGraphT's default of 0.0001 is absolute; at city scale the average score is 0.00005, so it stopped after one or two
     * iterations, with scores up to 27 % off, and the city's key actors in nearly the order of one power iteration.
     */
    static double pageRankTolerance(int actors) {
        return 1e-8 / Math.max(1, actors);
    }

    /**
     * JGraphT's weighted PageRank (damping 0.85, at most {@value #PAGE_RANK_ITERATIONS} iterations, tolerance
     * {@link #pageRankTolerance}), by actor number.
     */
    double[] pageRank() {
        int n = ids.length;
        double damping = DAMPING;
        double tolerance = pageRankTolerance(n);
        double[] weightSum = new double[n];
        for (int v = 0; v < n; v++) {
            for (int p = start[v]; p < start[v + 1]; p++) {
                weightSum[other[p]] += strength[p];
            }
        }
        double[] current = new double[n];
        double[] next = new double[n];
        Arrays.fill(current, 1.0d / n);
        double maxChange = tolerance;
        for (int iterations = PAGE_RANK_ITERATIONS; iterations > 0 && maxChange >= tolerance; iterations--) {
            double r = 0d;
            for (int i = 0; i < n; i++) {
                r += degree(i) > 0 ? (1d - damping) * current[i] : current[i];
            }
            r /= n;
            maxChange = 0d;
            for (int i = 0; i < n; i++) {
                double contribution = 0d;
                for (int p = start[i]; p < start[i + 1]; p++) {
                    int w = other[p];
                    contribution += damping * current[w] * strength[p] / weightSum[w];
                }
                double value = r + contribution;
                maxChange = Math.max(maxChange, Math.abs(value - current[i]));
                next[i] = value;
            }
            double[] swap = current;
            current = next;
            next = swap;
        }
        return current;
    }

    /** The articulation points (removing one splits its component), by a depth-first search without recursion. */
    boolean[] cutpoints() {
        int n = ids.length;
        boolean[] cut = new boolean[n];
        int[] found = new int[n]; // 0: not yet reached
        int[] low = new int[n];
        int[] parent = new int[n];
        int[] next = new int[n];
        int[] stack = new int[n];
        int time = 0;
        for (int root = 0; root < n; root++) {
            if (found[root] != 0) {
                continue;
            }
            int children = 0;
            int depth = 0;
            found[root] = low[root] = ++time;
            parent[root] = -1;
            next[root] = start[root];
            stack[depth++] = root;
            while (depth > 0) {
                int v = stack[depth - 1];
                if (next[v] < start[v + 1]) {
                    int w = other[next[v]++];
                    if (found[w] == 0) {
                        found[w] = low[w] = ++time;
                        parent[w] = v;
                        next[w] = start[w];
                        stack[depth++] = w;
                        if (v == root) {
                            children++;
                        }
                    } else if (w != parent[v]) {
                        low[v] = Math.min(low[v], found[w]);
                    }
                } else {
                    depth--;
                    int p = parent[v];
                    if (p >= 0) {
                        low[p] = Math.min(low[p], low[v]);
                        if (p != root && low[v] >= found[p]) {
                            cut[p] = true;
                        }
                    }
                }
            }
            cut[root] = children > 1;
        }
        return cut;
    }

    /**
     * JGraphT's label propagation (Raghavan et al.), step for step with the same random numbers: each
     * round the actors in a shuffled order take the label most of their neighbours have, a tie between
     * labels drawn at random in the order JGraphT's hash map of the labels' names lists them. Returns
     * each actor's community, numbered as JGraphT lists its clusters.
     */
    int[] communities(int maxIterations, Random random) {
        int n = ids.length;
        int[] label = new int[n];
        String[] names = new String[n];
        for (int v = 0; v < n; v++) {
            label[v] = v;
            names[v] = String.valueOf(v);
        }
        int[] count = new int[n];
        int[] seen = new int[n];
        int[] order = new int[n];
        for (int iteration = 0; maxIterations <= 0 || iteration <= maxIterations; iteration++) {
            for (int v = 0; v < n; v++) {
                order[v] = v; // a fresh list of the vertices each round, then shuffled as Collections.shuffle does
            }
            for (int i = n; i > 1; i--) {
                int j = random.nextInt(i);
                int swap = order[i - 1];
                order[i - 1] = order[j];
                order[j] = swap;
            }
            boolean changed = false;
            for (int v : order) {
                if (degree(v) == 0) {
                    continue;
                }
                int distinct = count(v, label, count, seen);
                int own = label[v];
                int max = Math.max(othersMax(v, label, count), count[own]);
                int candidates = 0;
                int only = -1;
                for (int k = 0; k < distinct; k++) {
                    if (count[seen[k]] == max) {
                        candidates++;
                        only = seen[k];
                    }
                }
                int chosen;
                if (candidates == 1) {
                    random.nextInt(1); // JGraphT draws even from one candidate
                    chosen = only;
                } else {
                    chosen = drawn(v, label, names, max, random);
                }
                for (int k = 0; k < distinct; k++) {
                    count[seen[k]] = 0;
                }
                if (chosen != own) {
                    label[v] = chosen;
                    changed = true;
                }
            }
            if (!changed || settled(label, count, seen)) {
                break;
            }
        }
        return components(label);
    }

    /**
     * Label propagation from {@code runs} seeds ({@code seed}, {@code seed + 1}, …), keeping the partition with the
     * highest modularity (the earliest on a draw). One run alone now and then lets a label spread over a bridge and
     * merges two clear groups into one, depending on the order of the actors (CompactGraphTest's planted groups);
     * a merged partition scores a lower modularity, so a second opinion replaces it. Same graph, same answer.
     */
    int[] bestCommunities(int maxIterations, int runs, long seed) {
        int[] best = null;
        double bestModularity = Double.NEGATIVE_INFINITY;
        for (int run = 0; run < runs; run++) {
            int[] community = communities(maxIterations, new Random(seed + run));
            double modularity = modularity(community);
            if (modularity > bestModularity) {
                best = community;
                bestModularity = modularity;
            }
        }
        return best;
    }

    /**
     * Newman's modularity of a partition with the ties' strengths as weights: the share of strength inside the
     * communities minus the share chance would put there, from -1/2 to 1 (0 without ties); as JGraphT's
     * {@code UndirectedModularityMeasurer}.
     */
    double modularity(int[] community) {
        int groups = 0;
        for (int c : community) {
            groups = Math.max(groups, c + 1);
        }
        double[] inside = new double[groups];
        double[] total = new double[groups];
        double all = 0;
        for (int v = 0; v < ids.length; v++) {
            for (int p = start[v]; p < start[v + 1]; p++) {
                all += strength[p];
                total[community[v]] += strength[p];
                if (community[other[p]] == community[v]) {
                    inside[community[v]] += strength[p];
                }
            }
        }
        if (all == 0) {
            return 0;
        }
        double modularity = 0;
        for (int c = 0; c < groups; c++) {
            modularity += inside[c] / all - (total[c] / all) * (total[c] / all);
        }
        return modularity;
    }

    /** Counts v's neighbours' labels into count (the labels seen listed in seen); returns how many labels. */
    private int count(int v, int[] label, int[] count, int[] seen) {
        int distinct = 0;
        for (int p = start[v]; p < start[v + 1]; p++) {
            int l = label[other[p]];
            if (count[l]++ == 0) {
                seen[distinct++] = l;
            }
        }
        return distinct;
    }

    /** The largest count among labels other than v's own (after {@link #count}). */
    private int othersMax(int v, int[] label, int[] count) {
        int max = 0;
        for (int p = start[v]; p < start[v + 1]; p++) {
            int l = label[other[p]];
            if (l != label[v] && count[l] > max) {
                max = count[l];
            }
        }
        return max;
    }

    /** A tie between labels: drawn from them in the order of JGraphT's HashMap of label names, filled as it fills it. */
    private int drawn(int v, int[] label, String[] names, int max, Random random) {
        Map<String, Integer> counts = new HashMap<>();
        for (int p = start[v]; p < start[v + 1]; p++) {
            String name = names[label[other[p]]];
            counts.put(name, counts.getOrDefault(name, 0) + 1);
        }
        List<String> best = new ArrayList<>();
        counts.forEach((name, c) -> {
            if (c == max) {
                best.add(name);
            }
        });
        return Integer.parseInt(best.get(random.nextInt(best.size())));
    }

    /** JGraphT's stopping rule: no actor has a label more of its neighbours share than its own. */
    private boolean settled(int[] label, int[] count, int[] seen) {
        for (int v = 0; v < ids.length; v++) {
            int distinct = count(v, label, count, seen);
            boolean behind = othersMax(v, label, count) > count[label[v]];
            for (int k = 0; k < distinct; k++) {
                count[seen[k]] = 0;
            }
            if (behind) {
                return false;
            }
        }
        return true;
    }

    /** Connected groups of one label, numbered by their first actor (JGraphT splits a label's separate groups). */
    private int[] components(int[] label) {
        int n = ids.length;
        int[] community = new int[n];
        Arrays.fill(community, -1);
        int[] queue = new int[n];
        int next = 0;
        for (int v = 0; v < n; v++) {
            if (community[v] >= 0) {
                continue;
            }
            int head = 0;
            int tail = 0;
            community[v] = next;
            queue[tail++] = v;
            while (head < tail) {
                int u = queue[head++];
                for (int p = start[u]; p < start[u + 1]; p++) {
                    int w = other[p];
                    if (label[w] == label[u] && community[w] < 0) {
                        community[w] = next;
                        queue[tail++] = w;
                    }
                }
            }
            next++;
        }
        return community;
    }
}
