package io.loopscope.analysis.convergence;

/**
 * How one token's state approaches its end point, per step 0..R. Values at step 0 that need a
 * previous step are NaN, as are steps whose state is not finite.
 *
 * @param token           token index
 * @param distanceToEnd   ‖s_i − s*‖, s* the final state (or the reference run's final state)
 * @param relativeStep    ‖s_i − s_{i−1}‖ / ‖s_i‖
 * @param oneMinusCos     1 − cos(s_i, s_{i−1})
 * @param lensKl          KL(p_{i−1} ‖ p_i) of the logit lens, or null when the trace has none
 * @param lensEntropy     entropy of the lens distribution, or null
 * @param targetNorm      ‖s*‖, the yardstick for reading the distances (NaN when s* is not finite)
 */
public record TokenConvergence(int token, double[] distanceToEnd, double[] relativeStep, double[] oneMinusCos, double[] lensKl, double[] lensEntropy,
                               double targetNorm) {
    public TokenConvergence {
        int n = distanceToEnd.length;
        if (relativeStep.length != n || oneMinusCos.length != n) throw new IllegalArgumentException("series lengths differ");
        if ((lensKl != null && lensKl.length != n) || (lensEntropy != null && lensEntropy.length != n)) {
            throw new IllegalArgumentException("lens series lengths differ");
        }
        distanceToEnd = distanceToEnd.clone();
        relativeStep = relativeStep.clone();
        oneMinusCos = oneMinusCos.clone();
        lensKl = lensKl == null ? null : lensKl.clone();
        lensEntropy = lensEntropy == null ? null : lensEntropy.clone();
    }

    @Override
    public double[] distanceToEnd() {
        return distanceToEnd.clone();
    }

    @Override
    public double[] relativeStep() {
        return relativeStep.clone();
    }

    @Override
    public double[] oneMinusCos() {
        return oneMinusCos.clone();
    }

    @Override
    public double[] lensKl() {
        return lensKl == null ? null : lensKl.clone();
    }

    @Override
    public double[] lensEntropy() {
        return lensEntropy == null ? null : lensEntropy.clone();
    }

    /** ‖s_R − s*‖ at the last finite step (0 without a reference run, since s* is then that very state); NaN if none. */
    public double finalDistance() {
        for (int i = distanceToEnd.length - 1; i >= 0; i--) if (!Double.isNaN(distanceToEnd[i])) return distanceToEnd[i];
        return Double.NaN;
    }

    /** {@link #finalDistance()} / ‖s*‖. */
    public double relativeFinalDistance() {
        return targetNorm > 0 ? finalDistance() / targetNorm : Double.NaN;
    }
}
