package io.loopscope.ui.testing;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.trace.Trace;
import io.loopscope.ui.engine.MotifSummary;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunLens;
import java.util.List;
import java.util.OptionalInt;

/**
 * An analysis with closed-form trajectories, so view tests know every number: token t is a
 * contracting spiral (t % 3 == 0, fixed point), a circle (1, orbit) or a straight drift (2, slider)
 * in every PC plane.
 */
public final class AnalyticAnalysis implements RunAnalysis {
    private final int tokens, steps;
    private final Trace trace;
    private final RunLens lens;

    /** The analytic trajectories of a run without a recorded lens, every token running every step. */
    public AnalyticAnalysis(int tokens, int steps) {
        this.tokens = tokens;
        this.steps = steps;
        this.trace = null;
        this.lens = RunLens.NONE;
    }

    /** The analytic trajectories for trace's tokens and steps, with the lens it recorded and the steps each token ran. */
    public AnalyticAnalysis(Trace trace) {
        this.tokens = trace.tokenCount();
        this.steps = trace.iterations() + 1;
        this.trace = trace;
        this.lens = new TraceRunLens(trace);
    }

    @Override public int ranSteps(int token) { return trace == null ? steps - 1 : trace.stepsOf(token); }
    @Override public RunLens lens() { return lens; }

    @Override public int tokens() { return tokens; }
    @Override public int steps() { return steps; }
    @Override public int components() { return 6; }

    @Override
    public double explainedVariance(int pc) {
        return new double[] {0.41, 0.22, 0.11, 0.07, 0.05, 0.03}[pc];
    }

    @Override
    public double projection(int token, int step, int pc) {
        double phase = 0.4 * step + token, r = 1 + 0.1 * token;
        double v = switch (token % 3) {
            case 0 -> r * Math.pow(0.85, step) * (pc % 2 == 0 ? Math.cos(phase) : Math.sin(phase));
            case 1 -> r * (pc % 2 == 0 ? Math.cos(phase) : Math.sin(phase));
            default -> pc % 2 == 0 ? 0.2 * step : 0.1 * step + token;
        };
        return v / (1 + pc / 2);
    }

    @Override
    public double centreOfMass(int token, int pc) {
        double sum = 0;
        for (int s = 0; s < steps; s++) sum += projection(token, s, pc);
        return sum / steps;
    }

    @Override
    public double distanceToFinal(int token, int step) {
        double dx = projection(token, step, 0) - projection(token, steps - 1, 0);
        double dy = projection(token, step, 1) - projection(token, steps - 1, 1);
        return Math.hypot(dx, dy);
    }

    @Override
    public double relativeStep(int token, int step) {
        if (step == 0) return Double.NaN;
        return token % 3 == 0 ? Math.pow(0.85, step) : token % 3 == 1 ? 0.3 : 0.05;
    }

    @Override
    public MotifSummary motif(int token) {
        return switch (token % 3) {
            case 0 -> new MotifSummary("fixed-point", "contracts 0.85× per step, settled by step 14",
                    List.of("contraction ratio 0.85 per step", "settled by step 14"));
            case 1 -> new MotifSummary("orbit", "circles with period 15.7 steps, no drift",
                    List.of("rotation 22.9° per step", "radius 1.1"));
            default -> new MotifSummary("slider", "drifts steadily along one direction",
                    List.of("drift speed 0.22 per step", "direction consistency 1.00"));
        };
    }

    @Override
    public OptionalInt exitStep(ExitCriterion criterion, double threshold, int token) {
        if (token % 3 != 0 || threshold <= 0 || threshold >= 1) return OptionalInt.empty();
        int s = (int) Math.ceil(Math.log(threshold) / Math.log(0.85));
        return s < steps ? OptionalInt.of(Math.max(1, s)) : OptionalInt.empty();
    }
}
