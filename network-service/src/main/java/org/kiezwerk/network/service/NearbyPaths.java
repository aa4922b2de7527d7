package org.kiezwerk.network.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.kiezwerk.network.graph.CityGraph;

/**
 * Introduction paths over a graph held in memory ({@link CityGraph}): the same question and ranking
 * as {@link IntroductionPaths}' search over Neo4j, with a search shaped for memory.
 *
 * <p>A Dijkstra grows from each end, one actor at a time, the side with the smaller frontier first.
 * Every actor with a distance below r_s from the start (r_t from the end) is settled, so a chain
 * through an actor neither side has settled costs at least r_s + r_t. Once that bound reaches the
 * k-th best chain among the settled actors, that chain and the better ones are the answer. Yen's
 * algorithm runs only on the settled actors that could lie on such a chain — distance from the start
 * plus distance to the end (or its bound r) at most the bound — which is a narrow ellipse between the
 * two ends rather than the two balls the search read. If the k-th chain Yen finds there is dearer
 * than the bound, the search grows (by a tenth at a time, or to that chain's cost if less) and asks
 * again: Yen's work grows steeply with the bound, so the bound is kept near the k-th best chain.
 * Yen's algorithm itself runs on arrays ({@link KShortestChains}), each spur search guided by the exact
 * distance to the end.
 */
final class NearbyPaths {

    /** For equally strong ties between the same two actors: which kind names the step (as {@link IntroductionPaths}). */
    private static final List<String> KIND_ORDER = List.of("cooperation", "co_production", "affiliation", "acquaintance");

    /** The least the search grows past the bound before asking Yen again: a tenth of one strong tie. */
    private static final double STEP = 1.0;

    /** Leeway for sums of costs that are equal but rounded differently. */
    private static final double EPSILON = 1e-9;

    private NearbyPaths() {
    }

    /** What the search needs of the graph: actors by number, and the ties the asker may use. */
    interface Graph {
        int size();

        String id(int i);

        String type(int i);

        /** The name an answer shows (the copy holds the names, so no read of Neo4j is needed for them). */
        String name(int i);

        /** The current ties of actor i to actors the asker may see: (other, strength, kind); several per pair possible. */
        void ties(int i, CityGraph.TieVisitor visitor);
    }

    /** The k cheapest chains from s to t (numbers of visible actors). */
    static List<IntroductionPaths.Path> between(Graph graph, int s, int t, int k) {
        if (s == t) {
            return List.of();
        }
        double[] met = {Double.POSITIVE_INFINITY};
        Side start = new Side(graph, s, met);
        Side end = new Side(graph, t, met);
        start.other = end;
        end.other = start;
        double target = Double.POSITIVE_INFINITY; // unknown until the two searches meet
        while (true) {
            // grow until the bound reaches the target: the best chain met so far, or the k-th of the last answer
            while (true) {
                double bound = start.radius() + end.radius();
                double goal = Double.isInfinite(target) ? met[0] : target;
                if (Double.isInfinite(bound) || bound >= goal) {
                    break;
                }
                (start.queue.size() <= end.queue.size() ? start : end).settleNext();
            }
            double bound = start.radius() + end.radius();
            // chains no dearer than the bound, or than the k-th found before if that is less: the k best are among them
            Found found = yen(graph, start, end, Math.min(bound, target), k);
            if (Double.isInfinite(bound)) {
                return paths(graph, found);
            }
            double kth = found.chains().size() == k ? found.cost(k - 1) : Double.POSITIVE_INFINITY;
            if (kth <= bound + EPSILON) {
                return paths(graph, found);
            }
            // the k-th found is a real chain, so the k-th best costs no more; but found on little, it is often far
            // dearer than the k-th best, and what Yen must work on grows steeply with the bound: grow by a tenth at a time
            target = Math.min(kth, bound + Math.max(STEP / 10, bound / 10));
        }
    }

    /** The chains found on the settled actors, by the numbers of the whole graph, with the kind of each step. */
    private record Found(List<KShortestChains.Chain> chains, int[] actors, Map<Long, String> kinds) {
        double cost(int i) {
            return chains.get(i).cost();
        }
    }

    /** Yen's k shortest paths among the settled actors that could lie on a chain of cost at most {@code bound}. */
    private static Found yen(Graph graph, Side start, Side end, double bound, int k) {
        double limit = bound + EPSILON;
        int n = graph.size();
        // the small graph's actors: numbered 0.. in the order the two searches settled them
        int[] local = new int[n];
        Arrays.fill(local, -1);
        int[] actors = new int[start.settledOrder.size() + end.settledOrder.size() + 2];
        int size = 0;
        for (Side side : List.of(start, end)) {
            for (int v : side.settledOrder) {
                if (local[v] < 0 && start.atLeast(v) + end.atLeast(v) <= limit) {
                    local[v] = size;
                    actors[size++] = v;
                }
            }
        }
        for (int v : new int[] {start.origin, end.origin}) {
            if (local[v] < 0) {
                local[v] = size;
                actors[size++] = v;
            }
        }
        // one tie per pair: the strongest; between equally strong ones the kind that comes first names the step
        Map<Long, Double> cheapest = new HashMap<>();
        Map<Long, String> kinds = new HashMap<>();
        for (int i = 0; i < size; i++) {
            int a = actors[i];
            graph.ties(a, (b, strength, kind) -> {
                if (b == a || strength <= 0 || local[b] < 0) {
                    return;
                }
                double cost = 1.0 / strength;
                long key = Math.min(a, b) * (long) n + Math.max(a, b);
                Double known = cheapest.get(key);
                if (known == null || cost < known
                        || cost == known && KIND_ORDER.indexOf(kind) < KIND_ORDER.indexOf(kinds.get(key))) {
                    cheapest.put(key, cost);
                    kinds.put(key, kind);
                }
            });
        }
        int[] degree = new int[size + 1];
        cheapest.keySet().forEach(key -> {
            degree[local[(int) (key / n)]]++;
            degree[local[(int) (key % n)]]++;
        });
        int[] offsets = new int[size + 1];
        for (int i = 0; i < size; i++) {
            offsets[i + 1] = offsets[i] + degree[i];
        }
        int[] fill = Arrays.copyOf(offsets, size);
        int[] targets = new int[offsets[size]];
        double[] costs = new double[offsets[size]];
        cheapest.forEach((key, cost) -> {
            int a = local[(int) (key / n)];
            int b = local[(int) (key % n)];
            targets[fill[a]] = b;
            costs[fill[a]++] = cost;
            targets[fill[b]] = a;
            costs[fill[b]++] = cost;
        });
        List<KShortestChains.Chain> chains = new KShortestChains(size, offsets, targets, costs)
                .between(local[start.origin], local[end.origin], k);
        return new Found(chains, Arrays.copyOf(actors, size), kinds);
    }

    private static List<IntroductionPaths.Path> paths(Graph graph, Found found) {
        int n = graph.size();
        List<IntroductionPaths.Path> paths = new ArrayList<>();
        for (KShortestChains.Chain chain : found.chains()) {
            List<IntroductionPaths.Step> steps = new ArrayList<>();
            int[] local = chain.actors();
            for (int i = 0; i < local.length; i++) {
                int v = found.actors()[local[i]];
                String via = null;
                if (i > 0) {
                    int u = found.actors()[local[i - 1]];
                    via = found.kinds().get(Math.min(u, v) * (long) n + Math.max(u, v));
                }
                steps.add(new IntroductionPaths.Step(graph.id(v), graph.type(v), graph.name(v), via));
            }
            paths.add(new IntroductionPaths.Path(chain.hops(), Math.round(chain.cost() * 1000) / 1000.0, steps));
        }
        return paths;
    }

    /** One end's Dijkstra: distances, settled actors, and its frontier. */
    private static final class Side {
        private record Entry(double distance, int actor) {
        }

        final Graph graph;
        final int origin;
        final double[] distance;
        final boolean[] settled;
        final List<Integer> settledOrder = new ArrayList<>();
        final PriorityQueue<Entry> queue = new PriorityQueue<>((x, y) -> Double.compare(x.distance, y.distance));
        /** Shared by both sides: the cheapest chain seen where the two searches touch. */
        final double[] met;
        Side other;

        Side(Graph graph, int origin, double[] met) {
            this.graph = graph;
            this.origin = origin;
            this.met = met;
            distance = new double[graph.size()];
            Arrays.fill(distance, Double.POSITIVE_INFINITY);
            settled = new boolean[graph.size()];
            distance[origin] = 0;
            queue.add(new Entry(0, origin));
        }

        /** The distance of the nearest actor not yet settled (infinite once this end's component is settled). */
        double radius() {
            while (!queue.isEmpty() && (settled[queue.peek().actor] || queue.peek().distance > distance[queue.peek().actor])) {
                queue.poll();
            }
            return queue.isEmpty() ? Double.POSITIVE_INFINITY : queue.peek().distance;
        }

        void settleNext() {
            radius();
            Entry next = queue.poll();
            int v = next.actor;
            settled[v] = true;
            settledOrder.add(v);
            double d = next.distance;
            graph.ties(v, (w, strength, kind) -> {
                if (w == v || strength <= 0) {
                    return;
                }
                double through = d + 1.0 / strength;
                if (through < distance[w]) {
                    distance[w] = through;
                    queue.add(new Entry(through, w));
                }
                if (!Double.isInfinite(other.distance[w])) {
                    met[0] = Math.min(met[0], through + other.distance[w]);
                }
            });
        }

        /** A lower bound of v's distance from this end: exact once settled; else everything nearer than the radius is settled. */
        double atLeast(int v) {
            return settled[v] ? distance[v] : radius();
        }
    }
}
