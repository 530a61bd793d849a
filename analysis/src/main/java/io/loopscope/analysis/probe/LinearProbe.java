package io.loopscope.analysis.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import smile.classification.LogisticRegression;

/**
 * Linear probes on the states of a looped model, one per iteration: multinomial logistic regression
 * (Smile; pure Java, so it needs no native BLAS) cross-validated over k folds, and the same probe on
 * a control task whose labels are drawn at random from the same classes; and the iteration probe,
 * which reads the iteration index itself off the state.
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
        int[] fold = folds(n, folds, seed), control = control(n, classes, seed);
        List<ProbeCurve.Point> points = new ArrayList<>();
        for (int it = 0; it < features.length; it++) {
            points.add(new ProbeCurve.Point(it, accuracy(features[it], labels, classes, fold, folds),
                    accuracy(features[it], control, classes, fold, folds), lensAccuracy == null ? Double.NaN : lensAccuracy[it]));
            progress.accept(1);
        }
        return new ProbeCurve(label, classes, 1.0 / classes, points);
    }

    /**
     * The probes of a label at each loop layer, with the folds and control labels {@link #fit} deals for
     * the same seed, so a layer whose states are the block output's gets the block output's accuracy.
     *
     * @param features [R][L][N][H] the state of each example at iteration i+1, layer l
     * @param layers   [L] which loop layer each l is
     * @param progress told once per (iteration, layer) fitted
     * @return per iteration 1..R, its layers' points
     */
    public static List<List<ProbeCurve.LayerPoint>> fitLayers(double[][][][] features, int[] layers, int[] labels, int classes, int folds,
                                                              long seed, IntConsumer progress) {
        int n = labels.length;
        if (folds < 2 || folds > n) throw new IllegalArgumentException("folds must be 2.." + n + ", got " + folds);
        for (int y : labels) if (y < 0 || y >= classes) throw new IllegalArgumentException("label " + y + " is outside 0.." + (classes - 1));
        int[] fold = folds(n, folds, seed), control = control(n, classes, seed);
        List<List<ProbeCurve.LayerPoint>> out = new ArrayList<>();
        for (double[][][] iteration : features) {
            if (iteration.length != layers.length) throw new IllegalArgumentException("every iteration needs " + layers.length + " layers");
            List<ProbeCurve.LayerPoint> row = new ArrayList<>();
            for (int l = 0; l < layers.length; l++) {
                if (iteration[l].length != n) throw new IllegalArgumentException("every layer needs " + n + " examples");
                row.add(new ProbeCurve.LayerPoint(layers[l], accuracy(iteration[l], labels, classes, fold, folds),
                        accuracy(iteration[l], control, classes, fold, folds)));
                progress.accept(1);
            }
            out.add(row);
        }
        return out;
    }

    /** The control task's labels: each example a class drawn from a stream seeded apart from the folds'. */
    static int[] control(int n, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xC0417201L);
        int[] control = new int[n];
        for (int i = 0; i < n; i++) control[i] = random.nextInt(classes);
        return control;
    }

    /**
     * The iteration probe: one classifier over the states of every iteration, each labelled by its
     * iteration index, so the curve says at which iterations the state itself tells how long the loop
     * has run (a point's accuracy is the held-out recall of its iteration). Folds are dealt by prompt,
     * so no prompt's states are on both sides of a split; the control labels every state with a random
     * iteration.
     *
     * @param features [R+1][N][H] the state of each example at each iteration (R ≥ 1)
     * @param progress told once per fold fitted
     */
    public static ProbeCurve fitIteration(double[][][] features, int folds, long seed, IntConsumer progress) {
        int classes = features.length, n = classes == 0 ? 0 : features[0].length;
        if (classes < 2) throw new IllegalArgumentException("the iteration probe needs at least one iteration after s0, got R = " + (classes - 1));
        if (folds < 2 || folds > n) throw new IllegalArgumentException("folds must be 2.." + n + ", got " + folds);
        for (double[][] it : features) if (it.length != n) throw new IllegalArgumentException("every iteration needs " + n + " examples");
        int[] promptFold = folds(n, folds, seed);
        double[][] x = new double[classes * n][];
        int[] y = new int[classes * n], control = new int[classes * n], fold = new int[classes * n];
        SplittableRandom random = new SplittableRandom(seed ^ 0xC0417201L);
        for (int it = 0; it < classes; it++) {
            for (int i = 0; i < n; i++) {
                int row = it * n + i;
                x[row] = features[it][i];
                y[row] = it;
                control[row] = random.nextInt(classes);
                fold[row] = promptFold[i];
            }
        }
        int[] predicted = predictions(x, y, fold, folds, progress), controlPredicted = predictions(x, control, fold, folds, i -> { });
        List<ProbeCurve.Point> points = new ArrayList<>();
        for (int it = 0; it < classes; it++) {
            int right = 0, controlRight = 0, controlCount = 0;
            for (int row = it * n; row < (it + 1) * n; row++) if (predicted[row] == it) right++;
            for (int row = 0; row < y.length; row++) {
                if (control[row] == it) {
                    controlCount++;
                    if (controlPredicted[row] == it) controlRight++;
                }
            }
            points.add(new ProbeCurve.Point(it, right / (double) n, controlCount == 0 ? Double.NaN : controlRight / (double) controlCount));
        }
        return new ProbeCurve("iteration", classes, 1.0 / classes, points);
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
        int[] predicted = predictions(x, y, fold, folds, i -> { });
        int right = 0;
        for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) right++;
        return right / (double) y.length;
    }

    /** Held-out prediction of every example: each fold by a probe fitted on the others; progress hears each fold. */
    static int[] predictions(double[][] x, int[] y, int[] fold, int folds, IntConsumer progress) {
        int n = y.length;
        int[] predicted = new int[n];
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
                for (int i = 0; i < n; i++) if (fold[i] == f) predicted[i] = ty[0];
            } else {
                LogisticRegression probe = LogisticRegression.fit(trainX.toArray(double[][]::new), relabel(ty),
                        new LogisticRegression.Options(LAMBDA, 1e-5, 500));
                int[] back = distinct(ty);
                for (int i = 0; i < n; i++) if (fold[i] == f) predicted[i] = back[probe.predict(x[i])];
            }
            progress.accept(1);
        }
        return predicted;
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
