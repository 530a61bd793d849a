package io.loopscope.inference.exit;

import io.loopscope.inference.math.Vectors;

/**
 * What one token shows at one loop step: everything an exit criterion reads. The same record is
 * filled online (generation, trace) and offline (analysis of a recorded trace), so every caller
 * applies the one rule in {@link ExitCheck}.
 *
 * @param relativeStep ‖s_i − s_{i-1}‖ / ‖s_i‖ (NaN at step 0)
 * @param oneMinusCos  1 − cos(s_i, s_{i-1}) (NaN at step 0)
 * @param lensKl       KL(p_{i-1} ‖ p_i) of the lens, or NaN without a lens
 * @param lensMinpKl   the same between min-p filtered distributions, or NaN
 * @param lensEntropy  H(p_i) in nats, or NaN
 * @param lensTop1     argmax of p_i, or -1
 * @param exitLambda   the exit gate's λ_i = P(stop at i | not before), or NaN without a gate (and at step 0)
 */
public record StepSignals(double relativeStep, double oneMinusCos, double lensKl, double lensMinpKl, double lensEntropy, int lensTop1,
                          double exitLambda) {

    /** Step 0: only the lens of s0 is known. */
    public static StepSignals start(double lensEntropy, int lensTop1) {
        return new StepSignals(Double.NaN, Double.NaN, Double.NaN, Double.NaN, lensEntropy, lensTop1, Double.NaN);
    }

    /** Step i ≥ 1, with the state geometry measured between s_{i-1} and s_i. */
    public static StepSignals after(double[] previous, double[] current, double lensKl, double lensMinpKl, double lensEntropy, int lensTop1) {
        return new StepSignals(Vectors.relativeStep(previous, current), Vectors.oneMinusCos(previous, current), lensKl, lensMinpKl,
                lensEntropy, lensTop1, Double.NaN);
    }

    /** The same step with the exit gate's λ (NaN: no gate). */
    public StepSignals withExitLambda(double lambda) {
        return new StepSignals(relativeStep, oneMinusCos, lensKl, lensMinpKl, lensEntropy, lensTop1, lambda);
    }
}
