package io.loopscope.inference.exit;

import io.loopscope.inference.lens.LensStep;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Follows every token through the loop and notes, per criterion, the first iteration at which the
 * criterion fires. It only observes: the loop always runs its full R iterations, so one trace
 * answers "when would each criterion have exited?" for all criteria at once.
 */
public final class ExitTracker {
    private final ExitThresholds thresholds;
    private final int tokens, hidden;
    private final EnumMap<ExitCriterion, int[]> firstStep = new EnumMap<>(ExitCriterion.class);
    private float[] previousState;        // [S·H]
    private LensStep previousLens;
    private double[] previousStepSize;    // [S] latent-diff of the previous iteration
    private final int[] stableFor;        // [S] steps the lens top-1 has not changed
    private int lastStep = 0;

    public ExitTracker(ExitThresholds thresholds, int tokens, int hidden) {
        this.thresholds = thresholds;
        this.tokens = tokens;
        this.hidden = hidden;
        this.stableFor = new int[tokens];
        for (ExitCriterion c : ExitCriterion.values()) {
            int[] never = new int[tokens];
            Arrays.fill(never, -1);
            firstStep.put(c, never);
        }
    }

    /** Feeds step i's state [S·H] (row-major) and lens; step 0 is s0. */
    public void observe(int step, float[] state, LensStep lens) {
        if (step > 0) {
            double[] stepSize = new double[tokens];
            for (int t = 0; t < tokens; t++) {
                Geometry g = geometry(previousState, state, t);
                stepSize[t] = g.relativeStep;
                check(ExitCriterion.LATENT_DIFF, t, step, g.relativeStep < thresholds.of(ExitCriterion.LATENT_DIFF));
                check(ExitCriterion.COSINE, t, step, g.oneMinusCos < thresholds.of(ExitCriterion.COSINE));
                if (previousStepSize != null) {
                    check(ExitCriterion.SECOND_ORDER, t, step,
                            Math.abs(g.relativeStep - previousStepSize[t]) < thresholds.of(ExitCriterion.SECOND_ORDER));
                }
                if (lens != null) {
                    check(ExitCriterion.KL, t, step, lens.kl()[t] < thresholds.of(ExitCriterion.KL));
                    check(ExitCriterion.MINP_KL, t, step, lens.minpKl()[t] < thresholds.of(ExitCriterion.MINP_KL));
                    if (previousLens != null) {
                        check(ExitCriterion.ENTROPY_DIFF, t, step,
                                Math.abs(lens.entropy()[t] - previousLens.entropy()[t]) < thresholds.of(ExitCriterion.ENTROPY_DIFF));
                        stableFor[t] = lens.argmax(t) == previousLens.argmax(t) ? stableFor[t] + 1 : 0;
                        check(ExitCriterion.ARGMAX_STABILITY, t, step, stableFor[t] >= thresholds.of(ExitCriterion.ARGMAX_STABILITY));
                    }
                }
            }
            previousStepSize = stepSize;
        }
        previousState = state;
        previousLens = lens;
        lastStep = step;
    }

    /** Criterion → per token the first step it fired, or -1; "none" fires at the last step. */
    public Map<ExitCriterion, int[]> firstSteps() {
        EnumMap<ExitCriterion, int[]> out = new EnumMap<>(ExitCriterion.class);
        firstStep.forEach((c, steps) -> out.put(c, steps.clone()));
        Arrays.fill(out.get(ExitCriterion.NONE), lastStep);
        return out;
    }

    private void check(ExitCriterion criterion, int token, int step, boolean fires) {
        int[] steps = firstStep.get(criterion);
        if (fires && steps[token] < 0) steps[token] = step;
    }

    private record Geometry(double relativeStep, double oneMinusCos) {
    }

    private Geometry geometry(float[] previous, float[] current, int token) {
        double diff = 0, norm = 0, prevNorm = 0, dot = 0;
        for (int j = token * hidden, end = j + hidden; j < end; j++) {
            double a = previous[j], b = current[j];
            diff += (b - a) * (b - a);
            norm += b * b;
            prevNorm += a * a;
            dot += a * b;
        }
        double relative = norm == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(diff / norm);
        double denominator = Math.sqrt(norm * prevNorm);
        double oneMinusCos = denominator == 0 ? (diff == 0 ? 0 : 1) : 1 - dot / denominator;
        return new Geometry(relative, oneMinusCos);
    }
}
