package io.loopscope.inference.trace;

import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import java.util.Objects;

/**
 * What to record: which tokens, how many iterations, from which s0, and how much of the lens.
 *
 * @param ids           [S] token ids
 * @param iterations    R ≥ 0 loop iterations (0 decodes s0 only)
 * @param init          how s0 is made
 * @param topK          how many lens tokens to keep per step
 * @param fullLens      keep the whole [R+1, S, V] lens (large)
 * @param thresholds    exit-criterion thresholds
 * @param maxIterations the sanity cap on R; raising it is a deliberate choice (--max-iterations)
 * @param label         a free grouping label stored in the trace, or null
 * @param logitLens     also record the logit lens (lm_head(ln_f(s)), no coda) beside the model's lens
 * @param layers        also record every loop layer's output at every step (layer_states)
 * @param rankIds       token ids whose rank under each lens is recorded at every step (and layer); empty for none
 */
public record TraceRequest(long[] ids, int iterations, StateInit init, int topK, boolean fullLens,
                           ExitThresholds thresholds, int maxIterations, String label, boolean logitLens, boolean layers,
                           long[] rankIds) {

    /** The sanity cap on R, everywhere R is chosen (CLI, workbench, demo files). */
    public static final int DEFAULT_MAX_ITERATIONS = 1024;
    /** Lens tokens kept per step unless asked otherwise. */
    public static final int DEFAULT_TOP_K = 5;

    public TraceRequest {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(thresholds, "thresholds");
        if (ids.length == 0) throw new IllegalArgumentException("the input has no tokens");
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        if (iterations > maxIterations) {
            throw new IllegalArgumentException("iterations " + iterations + " is over the cap of " + maxIterations
                    + " (a guard against typos that would run for hours); raise it with --max-iterations " + iterations);
        }
        if (topK < 1) throw new IllegalArgumentException("top-k must be >= 1, got " + topK);
        ids = ids.clone();
        rankIds = rankIds == null ? new long[0] : rankIds.clone();
        if (rankIds.length > MAX_RANK_IDS) throw new IllegalArgumentException("at most " + MAX_RANK_IDS + " rank tokens, got " + rankIds.length);
        if (java.util.Arrays.stream(rankIds).distinct().count() != rankIds.length) {
            throw new IllegalArgumentException("a rank token is listed twice: " + java.util.Arrays.toString(rankIds));
        }
    }

    /** Rank trajectories are per token and step: more tokens than this would not be read as lines of one chart. */
    public static final int MAX_RANK_IDS = 16;

    /** Without rank trajectories. */
    public TraceRequest(long[] ids, int iterations, StateInit init, int topK, boolean fullLens, ExitThresholds thresholds,
                        int maxIterations, String label, boolean logitLens, boolean layers) {
        this(ids, iterations, init, topK, fullLens, thresholds, maxIterations, label, logitLens, layers, new long[0]);
    }

    /** Without the loop's layer states. */
    public TraceRequest(long[] ids, int iterations, StateInit init, int topK, boolean fullLens, ExitThresholds thresholds,
                        int maxIterations, String label, boolean logitLens) {
        this(ids, iterations, init, topK, fullLens, thresholds, maxIterations, label, logitLens, false);
    }

    /** With the logit lens recorded. */
    public TraceRequest(long[] ids, int iterations, StateInit init, int topK, boolean fullLens, ExitThresholds thresholds,
                        int maxIterations, String label) {
        this(ids, iterations, init, topK, fullLens, thresholds, maxIterations, label, true);
    }

    public TraceRequest(long[] ids, int iterations, StateInit init) {
        this(ids, iterations, init, DEFAULT_TOP_K, false, ExitThresholds.defaults(), DEFAULT_MAX_ITERATIONS, null);
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public long[] rankIds() {
        return rankIds.clone();
    }
}
