package io.loopscope.inference.exit;

import java.util.Objects;

/**
 * One exit criterion at one threshold, following one token through the loop: the single place
 * each criterion's rule is written. Feed it step 0 with {@link #start}, then every later step with
 * {@link #fires}, which says whether the token may stop there.
 */
public final class ExitCheck {
    private final ExitCriterion criterion;
    private final double threshold;
    private StepSignals previous;
    private int unchangedFor; // steps the lens top-1 has stayed the same
    private double survival;  // Π (1 − λ_j) over the steps so far: the gate's P(not exited yet)

    public ExitCheck(ExitCriterion criterion, double threshold) {
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        this.threshold = criterion.requireValid(threshold);
    }

    public ExitCriterion criterion() {
        return criterion;
    }

    public double threshold() {
        return threshold;
    }

    /** The lens of s0 (entropy and top-1 are what later steps compare against). */
    public void start(StepSignals step0) {
        previous = step0;
        unchangedFor = 0;
        survival = 1;
    }

    /** Step i ≥ 1: true when the criterion passes here. {@link ExitCriterion#NONE} never does. */
    public boolean fires(StepSignals now) {
        if (previous == null) throw new IllegalStateException("start(step 0) must come before step 1");
        unchangedFor = now.lensTop1() >= 0 && now.lensTop1() == previous.lensTop1() ? unchangedFor + 1 : 0;
        survival *= 1 - now.exitLambda();                     // NaN without a gate: never fires
        boolean fires = switch (criterion) {
            case KL -> now.lensKl() < threshold;
            case MINP_KL -> now.lensMinpKl() < threshold;
            case ENTROPY_DIFF -> Math.abs(now.lensEntropy() - previous.lensEntropy()) < threshold;
            case LATENT_DIFF -> now.relativeStep() < threshold;
            case COSINE -> now.oneMinusCos() < threshold;
            case SECOND_ORDER -> Math.abs(now.relativeStep() - previous.relativeStep()) < threshold; // NaN at step 1: never
            case ARGMAX_STABILITY -> now.lensTop1() >= 0 && unchangedFor >= threshold;
            case GATE -> 1 - survival >= threshold;
            case NONE -> false;
        };
        previous = now;
        return fires;
    }
}
