package io.loopscope.inference.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One loop family: how a token becomes an injected input, how the latent state starts, what one
 * loop step does, and how any state is read out (the lens). Recording, the lens, exit criteria,
 * generation, eval and bench work through this interface only.
 * <pre>
 *   e   = embed(ids)                                [S, H]
 *   s_0 = initialState(init, S)                      [S, H]
 *   s_i = step(s_{i-1}, e, s_0, i)     i = 1..r      [S, H]
 *   decode(s_i)                                      [S, V]   the lens at step i
 * </pre>
 * A step may depend on which iteration it is and on where the loop started (SLR's timestep
 * embedding, loop-wise LoRA and loop residual), so the step primitive takes both.
 * The uncached methods treat a whole sequence at once (a prompt pass, causal inside). The cached
 * ones ({@link #embedAt}, {@link #stepAt}, {@link #decodeAt}) run a chunk of positions against a
 * {@link KvCache}, so generation can feed one token at a time and let each stop at its own step.
 */
public interface LoopedModel {

    /** The family's name in run descriptions: "huginn". */
    String family();

    /** H, the width of every state. */
    int hidden();

    /** V, the width of every lens distribution. */
    int vocab();

    /** The longest sequence the model was built for. */
    int contextLength();

    /** The iteration count a run uses when none is given (the model's trained mean). */
    int defaultIterations();

    /** A summary of the architecture (config field → value) for run descriptions. */
    Map<String, Object> summary();

    /** One line for status bars: widths, layers, vocabulary. */
    String describe();

    /** Nominal FLOPs of one loop step over the given number of positions (for bench). */
    double stepFlops(int tokens);

    /** The injected input of a whole sequence: ids [S] → e [S, H]. */
    INDArray embed(long[] ids);

    /** s0 [S, H] for a sequence of the given length. */
    default INDArray initialState(StateInit init, int tokens) {
        return StateInit.toArray(init.create(tokens, hidden()), tokens, hidden());
    }

    /**
     * The state the loop starts from, given the s0 the run asked for and the injected input e:
     * the requested s0 for a family that chooses it (Huginn), e itself for one that loops from the
     * token embeddings (Ouro).
     */
    default INDArray startState(INDArray requested, INDArray e) {
        return requested;
    }

    /** How a run description names the start: the init's kind, or "embedding" when the family ignores it. */
    default String startKind(StateInit init) {
        return init.kind();
    }

    /**
     * Loop step {@code step} (1-based) over a whole sequence: s_{step−1}, e and the loop's start s_0
     * [S, H] → s_step [S, H]; layers (when not null) hears the output of each of the
     * {@link #loopLayers} layers, the last one being the step's state.
     */
    INDArray step(INDArray state, INDArray e, INDArray s0, int step, LayerListener layers);

    /** The first step of a loop that starts at state: state, e [S, H] → [S, H]. */
    default INDArray step(INDArray state, INDArray e) {
        return step(state, e, state, 1, null);
    }

    /** Runs r iterations from s0, telling the listener about s_0 … s_r, and returns s_r. */
    default INDArray recur(INDArray s0, INDArray e, int iterations, StepListener listener) {
        return recur(s0, e, iterations, listener, null);
    }

    /** Layers of the loop body, the rows of a trace's layer_states (1 for a family that reports only its state). */
    default int loopLayers() {
        return 1;
    }

    /**
     * As {@link #recur(INDArray, INDArray, int, StepListener)}, also telling layers (when not null) the
     * output of each of the {@link #loopLayers} layers at every step; the last one is the step's state.
     * A family with per-step work shared across iterations (Huginn's input injection) overrides it.
     */
    default INDArray recur(INDArray s0, INDArray e, int iterations, StepListener listener, LayerListener layers) {
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        INDArray state = s0;
        listener.onStep(0, state);
        for (int i = 1; i <= iterations; i++) {
            state = step(state, e, s0, i, layers);
            listener.onStep(i, state);
        }
        return state;
    }

    /** The lens: logits of any state, [S, H] → [S, V]. */
    INDArray decode(INDArray state);

    /**
     * The logit lens: the head read straight off the normalised latent, skipping the family's
     * decoding blocks (Huginn: lm_head(ln_f(s)) without the coda), [S, H] → [S, V]; empty when the
     * family's lens already is that (Ouro).
     */
    default java.util.Optional<INDArray> logitLens(INDArray state) {
        return java.util.Optional.empty();
    }

    /** The normalised latent the model hands its read-out, [S, H] → [S, H]: the space analyses plot. */
    INDArray normalizedLatent(INDArray state);

    /**
     * The RMSNorm that maps a raw state to {@link #normalizedLatent}, so a trace can re-apply it;
     * empty when the states already are the normalised latent (Ouro).
     */
    java.util.Optional<LatentNorm> latentNorm();

    /** The exit gate's λ = P(stop here | not stopped before) of each state, [S, H] → [S]; empty for a family without a gate. */
    default java.util.Optional<INDArray> exitLambda(INDArray state) {
        return java.util.Optional.empty();
    }

    /** A cache for up to {@code positions} positions and loop steps 1..maxSteps, allocated once. */
    KvCache newCache(int positions, int maxSteps, KvSharing sharing);

    /** Cached {@link #embed} of ids at positions [position, position + n): → e [n, H]. */
    INDArray embedAt(KvCache cache, long[] ids, int position);

    /**
     * Cached loop step {@code step} (1-based) of the positions [position, position + n): s_{step−1},
     * e and their loop's start s_0 [n, H] → s_step [n, H].
     */
    INDArray stepAt(KvCache cache, INDArray state, INDArray e, INDArray s0, int position, int step);

    /** Cached lens of the positions [position, position + n): its K/V replace what they held. */
    INDArray decodeAt(KvCache cache, INDArray state, int position);
}
