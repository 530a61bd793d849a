package io.loopscope.analysis.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import smile.classification.LogisticRegression;

/**
 * Linear probes on the states of a looped model, one per iteration: multinomial logistic regression
 * (Smile; pure Java, so it needs no native BLAS) cross-validated over k folds, and the same probe on
 * a control task whose labels are drawn at random from the same classes.
 *
 * <p>The folds are dealt here from a seeded shuffle rather than by Smile's CrossValidation, which
 * draws them from Smile's process-wide random state: a probe must be deterministic for its seed
 * whatever else ran before it.
 */
public final class LinearProbe {
    /** L2 penalty: the states are wider than a small probe set is long, so an unpenalised fit would separate anything. */
    public static final double LAMBDA = 0.1;

    private LinearProbe() {
    }

    /**
     * @param features [R+1][N][H] the state of each example at each iteration
     * @param labels   [N] class of each example, 0..classes−1
     * @param progress told once per iteration fitted
     */
    public static ProbeCurve fit(String label, double[][][] features, int[] labels, int classes, int folds, long seed, IntConsumer progress) {
        return fit(label, features, labels, classes, folds, seed, null, progress);
    }

    /** As above, with the lens's own accuracy at each iteration (or null) carried into the curve for comparison. */
    public static ProbeCurve fit(String label, double[][][] features, int[] labels, int classes, int folds, long seed, double[] lensAccuracy,
                                 IntConsumer progress) {
        int n = labels.length;
        if (folds < 2 || folds > n) throw new IllegalArgumentException("folds must be 2.." + n + ", got " + folds);
        for (double[][] it : features) if (it.length != n) throw new IllegalArgumentException("every iteration needs " + n + " examples");
        for (int y : labels) if (y < 0 || y >= classes) throw new IllegalArgumentException("label " + y + " is outside 0.." + (classes - 1));
        int[] fold = folds(n, folds, seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0xC0417201L);
        int[] control = new int[n];
        for (int i = 0; i < n; i++) control[i] = random.nextInt(classes);
        List<ProbeCurve.Point> points = new ArrayList<>();
        for (int it = 0; it < features.length; it++) {
            points.add(new ProbeCurve.Point(it, accuracy(features[it], labels, classes, fold, folds),
                    accuracy(features[it], control, classes, fold, folds), lensAccuracy == null ? Double.NaN : lensAccuracy[it]));
            progress.accept(1);
        }
        return new ProbeCurve(label, classes, 1.0 / classes, points);
    }

    /** Fold of each example: a seeded shuffle dealt round-robin, so folds differ in size by at most one. */
    static int[] folds(int n, int k, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) fold[order[i]] = i % k;
        return fold;
    }

    /** Held-out accuracy: each fold predicted by a probe fitted on the others. */
    static double accuracy(double[][] x, int[] y, int classes, int[] fold, int folds) {
        int right = 0, n = y.length;
        for (int f = 0; f < folds; f++) {
            List<double[]> trainX = new ArrayList<>();
            List<Integer> trainY = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    trainX.add(x[i]);
                    trainY.add(y[i]);
                }
            }
            int[] ty = trainY.stream().mapToInt(Integer::intValue).toArray();
            if (java.util.Arrays.stream(ty).distinct().count() < 2) {
                // one class in the training folds: the probe can only say that class
                for (int i = 0; i < n; i++) if (fold[i] == f && y[i] == ty[0]) right++;
                continue;
            }
            LogisticRegression probe = LogisticRegression.fit(trainX.toArray(double[][]::new), relabel(ty),
                    new LogisticRegression.Options(LAMBDA, 1e-5, 500));
            int[] back = distinct(ty);
            for (int i = 0; i < n; i++) if (fold[i] == f && back[probe.predict(x[i])] == y[i]) right++;
        }
        return right / (double) n;
    }

    /** Smile wants labels 0..k−1 with every one present: map the classes the training folds have onto that. */
    private static int[] relabel(int[] y) {
        int[] classes = distinct(y);
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) out[i] = java.util.Arrays.binarySearch(classes, y[i]);
        return out;
    }

    private static int[] distinct(int[] y) {
        return java.util.Arrays.stream(y).distinct().sorted().toArray();
    }
}
