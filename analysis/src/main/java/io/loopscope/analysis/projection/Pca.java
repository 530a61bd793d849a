package io.loopscope.analysis.projection;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.linalg.PrincipalAxes;

/**
 * PCA over the states of a trace — by default all states of all tokens, as the Huginn paper does —
 * with every state of every token projected onto the fitted axes.
 */
public final class Pca {
    private Pca() {
    }

    public static PcaResult fit(TraceData data, PcaOptions options) {
        int from = options.fromToken(), to = options.toToken() < 0 ? data.tokens() : options.toToken();
        if (from >= data.tokens() || to > data.tokens()) {
            throw new IllegalArgumentException("token window [" + from + ", " + to + ") is outside the trace's " + data.tokens() + " tokens");
        }
        int firstStep = options.includeInitial() || data.iterations() == 0 ? 0 : 1;
        StateMatrix fitted = StateMatrix.of(data, options.space(), from, to, firstStep);
        if (fitted.rows() < 2) {
            throw new IllegalArgumentException("PCA needs at least two finite states in tokens [" + from + ", " + to + "), found " + fitted.rows());
        }
        PrincipalAxes axes = PrincipalAxes.fit(fitted.values(), fitted.rows(), data.hidden(), options.components());
        StateMatrix all = fitted; // fit() has centred it in place
        if (from != 0 || to != data.tokens() || firstStep != 0) {
            all = StateMatrix.of(data, options.space(), 0, data.tokens(), 0);
            all.centre(axes.mean());
        }
        double[][][] projections = project(data, all, axes.axes());
        double[] ratios = new double[axes.variances().length];
        for (int c = 0; c < ratios.length; c++) ratios[c] = axes.totalVariance() > 0 ? axes.variances()[c] / axes.totalVariance() : 0;
        return new PcaResult(options.space(), axes.method(), fitted.rows(), from, to, axes.totalVariance(), axes.variances(), ratios,
                axes.mean(), axes.axes(), projections, centres(data, projections));
    }

    /**
     * Projects every state of another trace onto an already fitted PCA — to compare runs (another prompt,
     * seed or checkpoint) in one coordinate frame: the other trace's states are centred on the fitted
     * mean, not their own, so a shift between runs shows as a shift in the plot.
     *
     * @param space the space to read {@code other} in; must be the one the PCA was fitted in (axes fitted
     *              on normalized states mean nothing for raw ones), so a mismatch is an error, not a conversion
     * @return [S][R+1][k] of {@code other}, NaN where its state is not finite. Projecting the fitted trace
     *         itself gives exactly {@link PcaResult#projections()}.
     */
    public static double[][][] project(PcaResult fitted, TraceData other, StateSpace space) {
        if (space != fitted.space()) {
            throw new IllegalArgumentException("the PCA was fitted on " + fitted.space().id() + " states; cannot project " + space.id() + " states of "
                    + other.source() + " onto it");
        }
        int h = fitted.mean().length;
        if (other.hidden() != h) {
            throw new IllegalArgumentException("the PCA was fitted on states of H = " + h + "; " + other.source() + " has H = " + other.hidden());
        }
        StateMatrix all = StateMatrix.of(other, space, 0, other.tokens(), 0);
        all.centre(fitted.mean());
        return project(other, all, fitted.axes());
    }

    /** {@link #project(PcaResult, TraceData, StateSpace)} in the space the PCA was fitted in. */
    public static double[][][] project(PcaResult fitted, TraceData other) {
        return project(fitted, other, fitted.space());
    }

    /** Projects every (centred) state of {@code all} onto the axes; NaN for states left out as non-finite. */
    static double[][][] project(TraceData data, StateMatrix all, double[][] axes) {
        int k = axes.length;
        double[][] p = PrincipalAxes.project(all.values(), all.rows(), data.hidden(), axes);
        double[][][] out = new double[data.tokens()][data.steps()][k];
        for (double[][] token : out) for (double[] step : token) java.util.Arrays.fill(step, Double.NaN);
        for (int r = 0; r < all.rows(); r++) out[all.token(r)][all.step(r)] = p[r];
        return out;
    }

    /** Mean projection over steps 1..R: s0 is the random initial state, not a place the model visits. */
    private static double[][] centres(TraceData data, double[][][] projections) {
        int k = projections[0][0].length;
        double[][] out = new double[data.tokens()][k];
        for (int t = 0; t < data.tokens(); t++) {
            int first = data.iterations() == 0 ? 0 : 1, count = 0;
            for (int s = first; s <= data.iterations(); s++) {
                if (!data.isFinite(s, t)) continue;
                count++;
                for (int c = 0; c < k; c++) out[t][c] += projections[t][s][c];
            }
            for (int c = 0; c < k; c++) out[t][c] = count == 0 ? Double.NaN : out[t][c] / count;
        }
        return out;
    }

    /** Finite states of a token window, step-major, as one float matrix with their (step, token) labels. */
    record StateMatrix(float[] values, int[] steps, int[] tokens) {
        static StateMatrix of(TraceData data, StateSpace space, int from, int to, int firstStep) {
            int h = data.hidden(), rows = 0;
            for (int s = firstStep; s <= data.iterations(); s++) for (int t = from; t < to; t++) if (data.isFinite(s, t)) rows++;
            float[] values = new float[Math.multiplyExact(rows, h)];
            int[] steps = new int[rows], tokens = new int[rows];
            int r = 0;
            for (int s = firstStep; s <= data.iterations(); s++) {
                for (int t = from; t < to; t++) {
                    if (!data.isFinite(s, t)) continue;
                    data.state(s, t, space, values, r * h);
                    steps[r] = s;
                    tokens[r] = t;
                    r++;
                }
            }
            return new StateMatrix(values, steps, tokens);
        }

        int rows() {
            return steps.length;
        }

        void centre(double[] mean) {
            int h = mean.length;
            for (int r = 0; r < rows(); r++) for (int j = 0; j < h; j++) values[r * h + j] = (float) (values[r * h + j] - mean[j]);
        }

        int step(int row) {
            return steps[row];
        }

        int token(int row) {
            return tokens[row];
        }
    }
}
