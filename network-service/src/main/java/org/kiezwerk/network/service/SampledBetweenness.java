package org.kiezwerk.network.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * Betweenness for networks too large for the exact O(V·E) computation: Brandes' algorithm from a
 * random sample of source vertices, scaled up (Brandes and Pich, "Centrality estimation in large
 * networks", 2007). Normalised like JGraphT's exact scores for undirected graphs, each with its
 * standard error estimated from the spread of the sampled sources' contributions.
 */
final class SampledBetweenness {

    record Estimate(Map<String, Double> scores, Map<String, Double> standardErrors, int sources, int vertices) {
    }

    private SampledBetweenness() {
    }

    /** @param distance undirected, edge weight = length */
    static Estimate estimate(Graph<String, DefaultWeightedEdge> distance, int samples, long seed) {
        List<String> vertices = new ArrayList<>(distance.vertexSet());
        Collections.sort(vertices); // a fixed order: the same seed picks the same sources
        int n = vertices.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(vertices.get(i), i);
        }
        int[][] neighbours = new int[n][];
        double[][] lengths = new double[n][];
        for (int i = 0; i < n; i++) {
            var edges = distance.edgesOf(vertices.get(i));
            neighbours[i] = new int[edges.size()];
            lengths[i] = new double[edges.size()];
            int j = 0;
            for (DefaultWeightedEdge edge : edges) {
                String other = distance.getEdgeSource(edge).equals(vertices.get(i)) ? distance.getEdgeTarget(edge) : distance.getEdgeSource(edge);
                neighbours[i][j] = index.get(other);
                lengths[i][j] = distance.getEdgeWeight(edge);
                j++;
            }
        }
        int k = Math.min(samples, n);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        double[] sum = new double[n];
        double[] sumOfSquares = new double[n];
        double[] dist = new double[n];
        double[] sigma = new double[n];
        double[] delta = new double[n];
        List<List<Integer>> predecessors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            predecessors.add(new ArrayList<>(2));
        }
        for (int sample = 0; sample < k; sample++) {
            int source = order.get(sample);
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            Arrays.fill(sigma, 0);
            Arrays.fill(delta, 0);
            predecessors.forEach(List::clear);
            Deque<Integer> settled = new ArrayDeque<>();
            PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
            dist[source] = 0;
            sigma[source] = 1;
            queue.add(new double[] {0, source});
            boolean[] done = new boolean[n];
            while (!queue.isEmpty()) {
                double[] head = queue.poll();
                int v = (int) head[1];
                if (done[v]) {
                    continue;
                }
                done[v] = true;
                settled.push(v);
                for (int j = 0; j < neighbours[v].length; j++) {
                    int w = neighbours[v][j];
                    double through = dist[v] + lengths[v][j];
                    if (through < dist[w] - 1e-12) {
                        dist[w] = through;
                        sigma[w] = sigma[v];
                        predecessors.get(w).clear();
                        predecessors.get(w).add(v);
                        queue.add(new double[] {through, w});
                    } else if (Math.abs(through - dist[w]) <= 1e-12 && !done[w]) {
                        sigma[w] += sigma[v];
                        predecessors.get(w).add(v);
                    }
                }
            }
            while (!settled.isEmpty()) {
                int w = settled.pop();
                for (int v : predecessors.get(w)) {
                    delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                }
                if (w != source) {
                    sum[w] += delta[w];
                    sumOfSquares[w] += delta[w] * delta[w];
                }
            }
        }
        // undirected betweenness = (sum over all sources of delta) / 2, estimated from k of n sources; JGraphT
        // normalises it by (n-1)(n-2)/2 pairs and again by 2, so the same here
        double normaliser = n > 2 ? (n - 1) * (double) (n - 2) : 1;
        Map<String, Double> scores = new HashMap<>();
        Map<String, Double> errors = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double mean = sum[i] / k;
            double variance = k > 1 ? Math.max(0, (sumOfSquares[i] / k - mean * mean) * k / (k - 1)) : 0;
            double finite = k < n ? Math.sqrt((double) (n - k) / (n - 1)) : 0; // no error once every source is used
            scores.put(vertices.get(i), mean * n / 2 / normaliser);
            errors.put(vertices.get(i), Math.sqrt(variance / k) * finite * n / 2 / normaliser);
        }
        return new Estimate(scores, errors, k, n);
    }
}
