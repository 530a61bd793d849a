package io.loopscope.analysis.projection;

import java.util.SplittableRandom;

/**
 * UMAP's low-dimensional side (McInnes et al. 2018, §3.2; umap-learn's
 * {@code optimize_layout_euclidean}): stochastic gradient descent on the fuzzy cross-entropy between
 * the graph and the layout, whose similarity is 1 / (1 + a·d^{2b}).
 *
 * <p>Each edge is sampled in proportion to its weight (every max/w epochs) and pulls its two ends
 * together; each sample also pushes the head away from {@value #NEGATIVE_RATE} uniformly drawn
 * points (negative sampling, standing in for the O(n²) repulsion over all non-edges). The learning
 * rate decays linearly from 1 to 0 and every gradient component is clipped to ±4, both as in
 * umap-learn. Single-threaded with one seeded generator, so the layout is a function of the seed
 * (umap-learn's parallel mode gives that up; at a few thousand points there is no need).
 */
final class UmapLayout {
    static final int NEGATIVE_RATE = 5;
    private static final double CLIP = 4, REPULSION = 1; // umap-learn's gamma

    private UmapLayout() {
    }

    /** Optimises the n × 2 {@code layout} in place. */
    static void optimise(double[][] layout, FuzzyGraph graph, int epochs, double a, double b, long seed) {
        int n = layout.length, edges = graph.weights.length;
        double max = 0;
        for (double w : graph.weights) max = Math.max(max, w);
        // edges too weak to be sampled even once in all the epochs are dropped, as umap-learn does
        double[] every = new double[edges], next = new double[edges], nextNegative = new double[edges];
        for (int e = 0; e < edges; e++) {
            double w = graph.weights[e];
            every[e] = w >= max / epochs ? max / w : Double.POSITIVE_INFINITY;
            next[e] = every[e];
            nextNegative[e] = every[e] / NEGATIVE_RATE;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            double alpha = 1 - (double) epoch / epochs;
            for (int e = 0; e < edges; e++) {
                if (next[e] > epoch) continue;
                double[] head = layout[graph.heads[e]], tail = layout[graph.tails[e]];
                // attraction: gradient of −w·log(1/(1 + a d^{2b})) in d², moving both ends
                double dx = head[0] - tail[0], dy = head[1] - tail[1], d2 = dx * dx + dy * dy;
                if (d2 > 0) {
                    double pow = Math.pow(d2, b - 1), coefficient = -2 * a * b * pow / (a * pow * d2 + 1);
                    double gx = clip(coefficient * dx) * alpha, gy = clip(coefficient * dy) * alpha;
                    head[0] += gx;
                    head[1] += gy;
                    tail[0] -= gx;
                    tail[1] -= gy;
                }
                next[e] += every[e];
                // repulsion from random points, as many as are due for this edge by now
                double perNegative = every[e] / NEGATIVE_RATE;
                int samples = (int) ((epoch - nextNegative[e]) / perNegative);
                for (int s = 0; s < samples; s++) {
                    int k = random.nextInt(n);
                    if (k == graph.heads[e]) continue;
                    double[] other = layout[k];
                    double ox = head[0] - other[0], oy = head[1] - other[1], o2 = ox * ox + oy * oy;
                    if (o2 <= 0) continue; // coincident points: no defined direction (umap-learn uses 0 as well)
                    // the 0.001 keeps the force finite at tiny distances
                    double coefficient = 2 * REPULSION * b / ((0.001 + o2) * (a * Math.pow(o2, b) + 1));
                    head[0] += clip(coefficient * ox) * alpha;
                    head[1] += clip(coefficient * oy) * alpha;
                }
                nextNegative[e] += samples * perNegative;
            }
        }
    }

    private static double clip(double v) {
        return Math.max(-CLIP, Math.min(CLIP, v));
    }

    /**
     * The a, b of 1/(1 + a·x^{2b}) closest in least squares to the target curve — 1 up to min_dist,
     * then exp(−(x − min_dist)/spread) — on 300 points of [0, 3·spread], as umap-learn's find_ab_params
     * does with scipy's curve_fit; here a few Levenberg–Marquardt steps from (1, 1).
     * For min_dist = 0.1, spread = 1 this gives a ≈ 1.577, b ≈ 0.895.
     */
    static double[] fitAB(double minDist, double spread) {
        int points = 300;
        double[] x = new double[points], y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = 3 * spread * i / (points - 1);
            y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
        }
        double a = 1, b = 1, lambda = 1e-3, cost = cost(x, y, a, b);
        for (int it = 0; it < 200 && lambda < 1e12; it++) {
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 1; i < points; i++) { // x = 0 contributes a zero residual and zero gradient
                double u = Math.pow(x[i], 2 * b), f = 1 / (1 + a * u), r = f - y[i];
                double da = -u * f * f, db = -a * u * 2 * Math.log(x[i]) * f * f;
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            double maa = jaa * (1 + lambda), mbb = jbb * (1 + lambda), det = maa * mbb - jab * jab;
            double stepA = -(mbb * ga - jab * gb) / det, stepB = -(maa * gb - jab * ga) / det;
            double trial = cost(x, y, a + stepA, b + stepB);
            if (trial < cost) {
                boolean done = cost - trial < 1e-15 * cost;
                a += stepA;
                b += stepB;
                cost = trial;
                lambda /= 10;
                if (done) break;
            } else {
                lambda *= 10;
            }
        }
        return new double[] {a, b};
    }

    private static double cost(double[] x, double[] y, double a, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = 1 / (1 + a * Math.pow(x[i], 2 * b)) - y[i];
            s += r * r;
        }
        return s;
    }
}
