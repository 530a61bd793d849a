package io.loopscope.analysis.projection;

import io.loopscope.analysis.StateSpace;
import java.util.Arrays;

/**
 * A fitted PCA and every state projected onto it.
 *
 * @param space                   the state space it was fitted in
 * @param method                  "exact" (small problems: a full eigendecomposition) or "lanczos" (ARPACK's top k)
 * @param fittedStates            how many states took part in the fit
 * @param fromToken               fitting window start (inclusive)
 * @param toToken                 fitting window end (exclusive)
 * @param totalVariance           total variance of the fitted states (sum over all H directions)
 * @param explainedVariance       variance along each component, largest first
 * @param explainedVarianceRatio  explainedVariance / totalVariance
 * @param mean                    [H] the mean the data was centred on
 * @param axes                    [k][H] unit principal axes
 * @param projections             [S][R+1][k] every state of every token (NaN where the state is not finite)
 * @param centreOfMass            [S][k] mean projection of each token over its finite steps 1..R (s0 when R = 0)
 */
public record PcaResult(
        StateSpace space,
        String method,
        int fittedStates,
        int fromToken,
        int toToken,
        double totalVariance,
        double[] explainedVariance,
        double[] explainedVarianceRatio,
        double[] mean,
        double[][] axes,
        double[][][] projections,
        double[][] centreOfMass) {

    public PcaResult {
        int k = explainedVariance.length;
        if (k < 1) throw new IllegalArgumentException("no components");
        if (explainedVarianceRatio.length != k || axes.length != k) throw new IllegalArgumentException("component counts differ");
        if (!(totalVariance >= 0)) throw new IllegalArgumentException("total variance must be >= 0");
        for (double[] a : axes) if (a.length != mean.length) throw new IllegalArgumentException("axis length differs from H");
        if (centreOfMass.length != projections.length) throw new IllegalArgumentException("one centre of mass per token");
        explainedVariance = explainedVariance.clone();
        explainedVarianceRatio = explainedVarianceRatio.clone();
        mean = mean.clone();
        axes = deepCopy(axes);
        centreOfMass = deepCopy(centreOfMass);
        double[][][] p = new double[projections.length][][];
        for (int t = 0; t < p.length; t++) p[t] = deepCopy(projections[t]);
        projections = p;
    }

    public int components() {
        return explainedVariance.length;
    }

    /** The projection of one state (a copy). */
    public double[] projection(int token, int step) {
        return projections[token][step].clone();
    }

    @Override
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    @Override
    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] axes() {
        return deepCopy(axes);
    }

    @Override
    public double[][][] projections() {
        double[][][] p = new double[projections.length][][];
        for (int t = 0; t < p.length; t++) p[t] = deepCopy(projections[t]);
        return p;
    }

    @Override
    public double[][] centreOfMass() {
        return deepCopy(centreOfMass);
    }

    static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    @Override
    public String toString() {
        return "PcaResult[" + method + ", k=" + components() + ", ratios=" + Arrays.toString(explainedVarianceRatio) + "]";
    }
}
