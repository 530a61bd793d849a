package io.loopscope.analysis.projection;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * UMAP's high-dimensional side (McInnes, Healy & Melville 2018, §3.1; umap-learn's
 * {@code fuzzy_simplicial_set}): exact k nearest neighbours, a per-point ρ (distance to the nearest
 * neighbour) and σ (found by binary search so that the memberships sum to log2 k), then the fuzzy
 * union w = a + aᵀ − a∘aᵀ of the directed memberships. The result is a symmetric graph stored, as
 * umap-learn's COO matrix is, with both directions of each edge, sorted by (head, tail).
 *
 * <p>Neighbours are found by brute force: after the PCA-to-50 pre-reduction there are at most a few
 * thousand points, so the O(n² d) scan (2000² × 50 ≈ 0.1 G multiply-adds) takes well under a second
 * and, unlike approximate NN-descent, is exact and needs no seed.
 */
final class FuzzyGraph {
    private static final int SEARCH_STEPS = 64;
    private static final double TOLERANCE = 1e-5, MIN_SIGMA_SCALE = 1e-3; // umap-learn's SMOOTH_K_TOLERANCE, MIN_K_DIST_SCALE

    final int[] heads, tails;
    final double[] weights;

    private FuzzyGraph(int[] heads, int[] tails, double[] weights) {
        this.heads = heads;
        this.tails = tails;
        this.weights = weights;
    }

    /** @param neighbours the neighbourhood size counting the point itself, as umap-learn's n_neighbors (2..n) */
    static FuzzyGraph of(double[][] x, int neighbours) {
        int n = x.length, m = neighbours - 1;
        if (neighbours < 2 || neighbours > n) throw new IllegalArgumentException("neighbours must be in 2.." + n + ", got " + neighbours);
        int[][] index = new int[n][m];
        double[][] distance = new double[n][m];
        IntStream.range(0, n).parallel().forEach(i -> nearest(x, i, index[i], distance[i])); // rows are independent: deterministic
        double meanAll = Arrays.stream(distance).flatMapToDouble(Arrays::stream).average().orElse(0);
        double target = Math.log(neighbours) / Math.log(2);
        Map<Long, Double> directed = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double[] d = distance[i];
            // ρ: distance to the nearest *distinct* neighbour (local_connectivity = 1): every point is
            // fully connected to at least one other, which is what keeps the graph locally connected
            double rho = 0;
            for (double v : d) if (v > 0) { rho = v; break; }
            double sigma = sigma(d, rho, target);
            // a floor on σ so that points in tight clumps do not get infinitely sharp kernels
            sigma = Math.max(sigma, MIN_SIGMA_SCALE * (rho > 0 ? Arrays.stream(d).average().orElse(0) : meanAll));
            for (int j = 0; j < m; j++) {
                double w = d[j] - rho <= 0 || sigma == 0 ? 1 : Math.exp(-(d[j] - rho) / sigma);
                directed.put((long) i * n + index[i][j], w);
            }
        }
        // fuzzy union, both directions; sorting the keys fixes the edge order whatever the map's order
        Map<Long, Double> union = new HashMap<>();
        directed.forEach((key, w) -> {
            long i = key / n, j = key % n;
            double back = directed.getOrDefault(j * n + i, 0.0), u = w + back - w * back;
            union.put(key, u);
            union.put(j * n + i, u);
        });
        long[] keys = union.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[] heads = new int[keys.length], tails = new int[keys.length];
        double[] weights = new double[keys.length];
        for (int e = 0; e < keys.length; e++) {
            heads[e] = (int) (keys[e] / n);
            tails[e] = (int) (keys[e] % n);
            weights[e] = union.get(keys[e]);
        }
        return new FuzzyGraph(heads, tails, weights);
    }

    /** The m = index.length nearest other points of x[i], ascending by Euclidean distance (ties: lower index first). */
    private static void nearest(double[][] x, int i, int[] index, double[] distance) {
        int m = index.length, found = 0;
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        double[] p = x[i];
        for (int j = 0; j < x.length; j++) {
            if (j == i) continue;
            double s = 0;
            double[] q = x[j];
            for (int c = 0; c < p.length; c++) {
                double t = p[c] - q[c];
                s += t * t;
            }
            if (found == m && s >= distance[m - 1]) continue;
            int at = Math.min(found, m - 1); // insertion into the sorted short list (m ≈ 14)
            while (at > 0 && distance[at - 1] > s) {
                distance[at] = distance[at - 1];
                index[at] = index[at - 1];
                at--;
            }
            distance[at] = s;
            index[at] = j;
            if (found < m) found++;
        }
        for (int j = 0; j < m; j++) distance[j] = Math.sqrt(distance[j]);
    }

    /** Binary search for σ with Σ_j exp(−max(0, d_j − ρ)/σ) = log2 k (umap-learn's smooth_knn_dist). */
    private static double sigma(double[] d, double rho, double target) {
        double lo = 0, hi = Double.POSITIVE_INFINITY, mid = 1;
        for (int step = 0; step < SEARCH_STEPS; step++) {
            double sum = 0;
            for (double v : d) sum += v - rho > 0 ? Math.exp(-(v - rho) / mid) : 1;
            if (Math.abs(sum - target) < TOLERANCE) break;
            if (sum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
        return mid;
    }
}
