package org.kiezwerk.network.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Betweenness for networks too large for the exact O(V·E) computation: Brandes' algorithm from a
 * random sample of source vertices, scaled up (Brandes and Pich, "Centrality estimation in large
 * networks", 2007). Normalised like JGraphT's exact scores for undirected graphs, each with its
 * standard error estimated from the spread of the sampled sources' contributions.
 */
final class SampledBetweenness {

    /**
     * Scores and standard errors by the graph's actor numbers.
     *
     * @param sources the sources sampled; @param vertices the actors with ties they were drawn from
     */
    record Estimate(double[] scores, double[] standardErrors, int sources, int vertices) {
    }

    private SampledBetweenness() {
    }

    /** Lengths are 1 / strength: strong ties are short, so betweenness follows the strongest chains. */
    static Estimate estimate(CompactGraph graph, int samples, long seed) {
        int n = graph.size();
        Integer[] byId = new Integer[n];
        for (int i = 0; i < n; i++) {
            byId[i] = i;
        }
        Arrays.sort(byId, Comparator.comparing(graph::id)); // a fixed order: the same seed picks the same sources
        int[] number = new int[n];
        for (int i = 0; i < n; i++) {
            number[byId[i]] = i;
        }
        int[][] neighbours = new int[n][];
        double[][] lengths = new double[n][];
        for (int i = 0; i < n; i++) {
            int v = byId[i];
            neighbours[i] = new int[graph.degree(v)];
            lengths[i] = new double[graph.degree(v)];
            for (int p = graph.from(v), j = 0; p < graph.to(v); p++, j++) {
                neighbours[i][j] = number[graph.neighbour(p)];
                lengths[i][j] = 1.0 / graph.strength(p);
            }
        }
        // sources only among the actors with ties: from an actor without one no path starts, its term is 0, so the sum
        // over all sources is the sum over these (the estimate stays unbiased), and no sample is spent on nothing (in a
        // city where a quarter of the organisations have no tie yet, a quarter of the samples were)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (neighbours[i].length > 0) {
                order.add(i);
            }
        }
        int population = order.size();
        int k = Math.min(samples, population);
        Collections.shuffle(order, new Random(seed));
        // the sources in two halves on two threads, each with its own sums, added up in a fixed order
        int half = k / 2;
        Sums first = new Sums(n);
        Sums second = new Sums(n);
        Thread other = new Thread(null, () -> second.from(order.subList(half, k), neighbours, lengths), "betweenness", 0);
        other.start();
        first.from(order.subList(0, half), neighbours, lengths);
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // undirected betweenness = (sum over all sources of delta) / 2, estimated from k of n sources; JGraphT
        // normalises it by (n-1)(n-2)/2 pairs and again by 2, so the same here
        double normaliser = n > 2 ? (n - 1) * (double) (n - 2) : 1;
        double[] scores = new double[n];
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = first.sum[i] + second.sum[i];
            double sumOfSquares = first.sumOfSquares[i] + second.sumOfSquares[i];
            double mean = k == 0 ? 0 : sum / k;
            double variance = k > 1 ? Math.max(0, (sumOfSquares / k - mean * mean) * k / (k - 1)) : 0;
            // no error once every source is used
            double finite = k < population ? Math.sqrt((double) (population - k) / (population - 1)) : 0;
            scores[byId[i]] = mean * population / 2 / normaliser;
            errors[byId[i]] = k == 0 ? 0 : Math.sqrt(variance / k) * finite * population / 2 / normaliser;
        }
        return new Estimate(scores, errors, k, population);
    }

    /**
     * Brandes' accumulation from some sources, on arrays only (a binary heap of vertex indices with
     * decrease-key, predecessors in one flat array): one source costs a few milliseconds at city scale.
     */
    private static final class Sums {
        final double[] sum;
        final double[] sumOfSquares;

        Sums(int n) {
            sum = new double[n];
            sumOfSquares = new double[n];
        }

        void from(List<Integer> sources, int[][] neighbours, double[][] lengths) {
            int n = sum.length;
            int[] firstPredecessor = new int[n + 1];
            for (int i = 0; i < n; i++) {
                firstPredecessor[i + 1] = firstPredecessor[i] + neighbours[i].length;
            }
            int[] predecessors = new int[firstPredecessor[n]];
            int[] predecessorCount = new int[n];
            double[] dist = new double[n];
            double[] sigma = new double[n];
            double[] delta = new double[n];
            boolean[] done = new boolean[n];
            int[] settled = new int[n];
            int[] heap = new int[n];
            int[] position = new int[n];
            for (int source : sources) {
                Arrays.fill(dist, Double.POSITIVE_INFINITY);
                Arrays.fill(sigma, 0);
                Arrays.fill(delta, 0);
                Arrays.fill(done, false);
                Arrays.fill(predecessorCount, 0);
                Arrays.fill(position, -1);
                int settledCount = 0;
                int size = 0;
                dist[source] = 0;
                sigma[source] = 1;
                heap[size] = source;
                position[source] = size++;
                while (size > 0) {
                    int v = heap[0];
                    position[v] = -1;
                    size--;
                    if (size > 0) {
                        heap[0] = heap[size];
                        position[heap[0]] = 0;
                        down(heap, position, dist, size, 0);
                    }
                    done[v] = true;
                    settled[settledCount++] = v;
                    for (int j = 0; j < neighbours[v].length; j++) {
                        int w = neighbours[v][j];
                        double through = dist[v] + lengths[v][j];
                        if (through < dist[w] - 1e-12) {
                            dist[w] = through;
                            sigma[w] = sigma[v];
                            predecessors[firstPredecessor[w]] = v;
                            predecessorCount[w] = 1;
                            if (position[w] < 0) {
                                heap[size] = w;
                                position[w] = size++;
                            }
                            up(heap, position, dist, position[w]);
                        } else if (Math.abs(through - dist[w]) <= 1e-12 && !done[w]) {
                            sigma[w] += sigma[v];
                            predecessors[firstPredecessor[w] + predecessorCount[w]++] = v;
                        }
                    }
                }
                for (int s = settledCount - 1; s >= 0; s--) {
                    int w = settled[s];
                    for (int p = 0; p < predecessorCount[w]; p++) {
                        int v = predecessors[firstPredecessor[w] + p];
                        delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                    }
                    if (w != source) {
                        sum[w] += delta[w];
                        sumOfSquares[w] += delta[w] * delta[w];
                    }
                }
            }
        }

        private static void up(int[] heap, int[] position, double[] dist, int at) {
            int v = heap[at];
            while (at > 0) {
                int parent = (at - 1) / 2;
                if (dist[heap[parent]] <= dist[v]) {
                    break;
                }
                heap[at] = heap[parent];
                position[heap[at]] = at;
                at = parent;
            }
            heap[at] = v;
            position[v] = at;
        }

        private static void down(int[] heap, int[] position, double[] dist, int size, int at) {
            int v = heap[at];
            while (true) {
                int child = 2 * at + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && dist[heap[child + 1]] < dist[heap[child]]) {
                    child++;
                }
                if (dist[heap[child]] >= dist[v]) {
                    break;
                }
                heap[at] = heap[child];
                position[heap[at]] = at;
                at = child;
            }
            heap[at] = v;
            position[v] = at;
        }
    }
}
