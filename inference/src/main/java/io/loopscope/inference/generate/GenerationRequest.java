package io.loopscope.inference.generate;

import io.loopscope.inference.exit.ExitCheck;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.trace.TraceRequest;
import java.util.Objects;

/**
 * What to generate and how each generated token thinks.
 *
 * @param prompt        [P] prompt ids; every prompt position runs all R iterations
 * @param maxNewTokens  N ≥ 1 tokens at most
 * @param iterations    R ≥ 1, the most iterations any position runs
 * @param criterion     the exit criterion evaluated on each fed-back token after every step (none: always R)
 * @param threshold     its threshold (> 0 unless the criterion is none)
 * @param sharing       what a token sees of an earlier position that stopped before its step
 * @param init          s0 of the prompt, and of every generated position unless warm-started
 * @param warmStart     a generated position starts from the previous position's final raw state
 * @param sampling      greedy or seeded sampling
 * @param stop          end tokens and stop strings
 * @param topK          lens tokens kept per step
 * @param fullLens      keep the whole [R+1, S, V] lens
 * @param maxIterations the sanity cap on R
 */
public record GenerationRequest(long[] prompt, int maxNewTokens, int iterations, ExitCriterion criterion, double threshold,
                                KvSharing sharing, StateInit init, boolean warmStart, Sampling sampling, StopRule stop,
                                int topK, boolean fullLens, int maxIterations) {

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(sharing, "sharing");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(stop, "stop");
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt has no tokens");
        if (maxNewTokens < 1) throw new IllegalArgumentException("max-new-tokens must be >= 1, got " + maxNewTokens);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1 to generate, got " + iterations);
        if (iterations > maxIterations) {
            throw new IllegalArgumentException("iterations " + iterations + " is over the cap of " + maxIterations
                    + " (a guard against typos that would run for hours); raise it with --max-iterations " + iterations);
        }
        if (criterion != ExitCriterion.NONE && !(threshold > 0)) {
            throw new IllegalArgumentException("the threshold of " + criterion.id() + " must be a positive number, got " + threshold);
        }
        new ExitCheck(criterion, threshold); // the one place a threshold's range is checked
        if (topK < 1) throw new IllegalArgumentException("top-k must be >= 1, got " + topK);
        prompt = prompt.clone();
    }

    /** Greedy, no stop strings, the default lens and iteration cap. */
    public GenerationRequest(long[] prompt, int maxNewTokens, int iterations, ExitCriterion criterion, double threshold,
                             KvSharing sharing, StateInit init, boolean warmStart) {
        this(prompt, maxNewTokens, iterations, criterion, threshold, sharing, init, warmStart, Sampling.GREEDY, StopRule.NONE,
                TraceRequest.DEFAULT_TOP_K, false, TraceRequest.DEFAULT_MAX_ITERATIONS);
    }

    /** Positions that run at most: the prompt and every generated token but the last. */
    public int maxPositions() {
        return prompt.length + maxNewTokens - 1;
    }

    @Override
    public long[] prompt() {
        return prompt.clone();
    }
}
