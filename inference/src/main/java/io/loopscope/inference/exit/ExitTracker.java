package io.loopscope.inference.exit;

import io.loopscope.inference.lens.LensStep;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Follows every token through the loop and notes, per criterion, the first iteration at which the
 * criterion fires ({@link ExitCheck} decides). It only observes: the loop always runs its full R
 * iterations, so one trace answers "when would each criterion have exited?" for all criteria at once.
 */
public final class ExitTracker {
    private final int tokens, hidden;
    private final EnumMap<ExitCriterion, ExitCheck[]> checks = new EnumMap<>(ExitCriterion.class);
    private final EnumMap<ExitCriterion, int[]> firstStep = new EnumMap<>(ExitCriterion.class);
    private double[][] previousState;     // [S][H]
    private int lastStep = 0;
    private boolean gated;                // some step carried the exit gate's λ

    public ExitTracker(ExitThresholds thresholds, int tokens, int hidden) {
        this.tokens = tokens;
        this.hidden = hidden;
        for (ExitCriterion c : ExitCriterion.values()) {
            ExitCheck[] perToken = new ExitCheck[tokens];
            for (int t = 0; t < tokens; t++) perToken[t] = new ExitCheck(c, thresholds.of(c));
            checks.put(c, perToken);
            int[] never = new int[tokens];
            Arrays.fill(never, -1);
            firstStep.put(c, never);
        }
    }

    /** Feeds step i's state [S·H] (row-major) and lens (null: no lens criteria); step 0 is s0. */
    public void observe(int step, float[] state, LensStep lens) {
        observe(step, state, lens, null);
    }

    /** The same, with the exit gate's λ [S] of this step (null: the family has no gate). */
    public void observe(int step, float[] state, LensStep lens, float[] exitLambda) {
        gated |= exitLambda != null && step > 0;
        double[][] current = new double[tokens][hidden];
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < hidden; j++) current[t][j] = state[t * hidden + j];
            StepSignals signals = step == 0
                    ? StepSignals.start(lens == null ? Double.NaN : lens.entropy()[t], lens == null ? -1 : lens.argmax(t))
                    : StepSignals.after(previousState[t], current[t],
                            lens == null ? Double.NaN : lens.kl()[t], lens == null ? Double.NaN : lens.minpKl()[t],
                            lens == null ? Double.NaN : lens.entropy()[t], lens == null ? -1 : lens.argmax(t))
                            .withExitLambda(exitLambda == null ? Double.NaN : exitLambda[t]);
            for (Map.Entry<ExitCriterion, ExitCheck[]> e : checks.entrySet()) {
                ExitCheck check = e.getValue()[t];
                if (step == 0) {
                    check.start(signals);
                } else if (check.fires(signals) && firstStep.get(e.getKey())[t] < 0) {
                    firstStep.get(e.getKey())[t] = step;
                }
            }
        }
        previousState = current;
        lastStep = step;
    }

    /**
     * Criterion → per token the first step it fired, or -1; "none" fires at the last step, and so
     * does a gate that never reached its threshold (the last loop takes the rest of the exit distribution).
     */
    public Map<ExitCriterion, int[]> firstSteps() {
        EnumMap<ExitCriterion, int[]> out = new EnumMap<>(ExitCriterion.class);
        firstStep.forEach((c, steps) -> out.put(c, steps.clone()));
        Arrays.fill(out.get(ExitCriterion.NONE), lastStep);
        if (gated) {
            int[] gate = out.get(ExitCriterion.GATE);
            for (int t = 0; t < gate.length; t++) if (gate[t] < 0) gate[t] = lastStep;
        }
        return out;
    }
}
