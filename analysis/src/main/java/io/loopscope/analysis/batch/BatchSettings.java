package io.loopscope.analysis.batch;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.trace.TraceRequest;
import java.util.Objects;

/**
 * How every prompt of a batch runs: one pass of R iterations, or generation of up to N tokens with
 * each generated token stopping at the exit criterion; s0 of prompt i is like-init from seed + i.
 * Written to the batch folder, so a resumed batch runs with the same settings.
 *
 * @param iterations  R
 * @param criterion   the exit whose steps the batch figures show (and that stops generated tokens)
 * @param threshold   its threshold
 * @param generate    tokens to generate after each prompt (0: a prompt pass only)
 * @param seed        seeds every s0
 * @param traces      also keep each prompt's trace (traces/NNNNN.npz)
 */
public record BatchSettings(int iterations, String criterion, double threshold, int generate, long seed, boolean traces) {
    public BatchSettings {
        Objects.requireNonNull(criterion, "criterion");
        ExitCriterion c = ExitCriterion.byId(criterion);
        if (c != ExitCriterion.NONE) c.requireValid(threshold);
        if (iterations < 1 || iterations > TraceRequest.DEFAULT_MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1.." + TraceRequest.DEFAULT_MAX_ITERATIONS + ", got " + iterations);
        }
        if (generate < 0 || generate > 4096) throw new IllegalArgumentException("--generate must be 0..4096, got " + generate);
    }

    public ExitCriterion exitCriterion() {
        return ExitCriterion.byId(criterion);
    }
}
