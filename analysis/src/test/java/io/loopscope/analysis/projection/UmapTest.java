package io.loopscope.analysis.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UmapTest {

    @Test
    void curveParametersMatchUmapLearn() {
        double[] ab = UmapLayout.fitAB(0.1, 1);
        // umap-learn's find_ab_params(1.0, 0.1): a = 1.576943, b = 0.895061
        assertEquals(1.5769, ab[0], 2e-3);
        assertEquals(0.8951, ab[1], 2e-3);
    }

    /** n clusters × m points in d dims: centres N(0, 10²) per coordinate, points N(centre, 1). */
    static double[][] clusters(int n, int m, int d, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n * m][d];
        for (int c = 0; c < n; c++) {
            double[] centre = new double[d];
            for (int j = 0; j < d; j++) centre[j] = 10 * r.nextGaussian();
            for (int i = 0; i < m; i++) for (int j = 0; j < d; j++) x[c * m + i][j] = centre[j] + r.nextGaussian();
        }
        return x;
    }

    @Test
    void wellSeparatedClustersStaySeparated() {
        int clusters = 5, per = 60, k = 10;
        double[][] x = clusters(clusters, per, 50, 3);
        double[][] y = Umap.embed(x, Umap.Options.defaults(x.length), 7);
        assertEquals(x.length, y.length);
        int[][] near = nearest(y, k);
        double same = 0;
        for (int i = 0; i < y.length; i++) for (int j : near[i]) if (j / per == i / per) same++;
        double ownCluster = same / (y.length * k);
        double trust = trustworthiness(x, y, k);
        System.out.printf("UMAP 5 × 60 clusters: own-cluster share of 2-D %d-NN %.3f, trustworthiness %.3f%n", k, ownCluster, trust);
        assertTrue(ownCluster >= 0.9, "2-D neighbours come from the own cluster: " + ownCluster);
        assertTrue(trust >= 0.9, "trustworthiness " + trust);
    }

    @Test
    void sameSeedSameLayout() {
        double[][] x = clusters(3, 30, 20, 11);
        Umap.Options o = new Umap.Options(10, 0.1, 200);
        double[][] a = Umap.embed(x, o, 5), b = Umap.embed(x, o, 5), c = Umap.embed(x, o, 6);
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], 0.0, "point " + i);
        assertFalse(Arrays.deepEquals(a, c), "another seed, another layout");
    }

    /** A noisy closed-free 1-D curve through 50-D (a few sines of the parameter): consecutive samples stay close in 2-D. */
    @Test
    void trajectoryMapsToAConnectedCurve() {
        int n = 300, d = 50;
        Random r = new Random(9);
        double[] freq = new double[d], phase = new double[d];
        for (int j = 0; j < d; j++) {
            freq[j] = 0.5 + r.nextDouble();
            phase[j] = 2 * Math.PI * r.nextDouble();
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double t = 3.0 * i / n; // less than one period of the slowest sine: the curve does not close on itself
            for (int j = 0; j < d; j++) x[i][j] = Math.sin(freq[j] * t + phase[j]) + 0.01 * r.nextGaussian();
        }
        double[][] y = Umap.embed(x, Umap.Options.defaults(n), 1);
        double[] gaps = new double[n - 1];
        for (int i = 0; i + 1 < n; i++) gaps[i] = Math.hypot(y[i + 1][0] - y[i][0], y[i + 1][1] - y[i][1]);
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double median = sorted[n / 2], largest = sorted[n - 2], diameter = diameter(y);
        System.out.printf("UMAP curve: consecutive gap median %.3f, largest %.3f, layout diameter %.2f%n", median, largest, diameter);
        assertTrue(largest < 0.1 * diameter, "no jump along the curve: largest gap " + largest + " of diameter " + diameter);
        assertTrue(median < 0.02 * diameter, "consecutive points are close: median gap " + median);
        int[][] near = nearest(y, 5);
        int local = 0;
        for (int i = 0; i < n; i++) for (int j : near[i]) if (Math.abs(i - j) <= 10) local++;
        assertTrue(local >= 0.95 * n * 5, "2-D neighbours are neighbours along the curve: " + local + " of " + n * 5);
    }

    @Test
    void rejectsTooFewPoints() {
        assertThrows(IllegalArgumentException.class, () -> Umap.embed(new double[2][4], Umap.Options.defaults(2), 1));
        double[][] three = {{0, 0}, {1, 0}, {0, 1}};
        assertEquals(3, Umap.embed(three, Umap.Options.defaults(3), 1).length);
    }

    /** Indices of each point's k nearest other points (brute force). */
    static int[][] nearest(double[][] y, int k) {
        int[][] out = new int[y.length][];
        for (int i = 0; i < y.length; i++) {
            Integer[] order = order(y, i);
            out[i] = Arrays.stream(order).limit(k).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** All other points ordered by distance from point i. */
    private static Integer[] order(double[][] x, int i) {
        Integer[] o = new Integer[x.length - 1];
        for (int j = 0, at = 0; j < x.length; j++) if (j != i) o[at++] = j;
        Arrays.sort(o, (p, q) -> Double.compare(distance2(x[i], x[p]), distance2(x[i], x[q])));
        return o;
    }

    /** Venna & Kaski's trustworthiness: penalises 2-D neighbours that are far in the input, by their input rank. */
    static double trustworthiness(double[][] x, double[][] y, int k) {
        int n = x.length;
        double penalty = 0;
        int[][] near = nearest(y, k);
        for (int i = 0; i < n; i++) {
            Integer[] input = order(x, i);
            int[] rank = new int[n];
            for (int r = 0; r < input.length; r++) rank[input[r]] = r + 1;
            for (int j : near[i]) if (rank[j] > k) penalty += rank[j] - k;
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3 * k - 1)) * penalty;
    }

    private static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }

    private static double diameter(double[][] y) {
        double best = 0;
        for (double[] p : y) for (double[] q : y) best = Math.max(best, Math.hypot(p[0] - q[0], p[1] - q[1]));
        return best;
    }
}
