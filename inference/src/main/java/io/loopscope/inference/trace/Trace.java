package io.loopscope.inference.trace;

import java.util.Objects;

/**
 * Everything recorded in one run of a looped model: the per-iteration hidden state of every token
 * and the logit-lens decoding of each. Immutable; written to and read from NPZ by {@link TraceFile}.
 *
 * <p>Shapes use R = iterations, S = tokens, H = hidden width, V = vocabulary, K = top-k.
 *
 * @param info          the run description (meta.json)
 * @param ids           [S] token ids
 * @param states        [R+1, S, H] raw states, states[0] = s0 (before ln_f)
 * @param finalLatent   [S, H] ln_f(s_R)
 * @param logits        [S, V] decode(s_R)
 * @param lensEntropy   [R+1, S] entropy (nats) of the lens distribution at every step
 * @param lensKl        [R+1, S] KL(p_{i-1} ‖ p_i) in nats, p_{-1} uniform
 * @param lensMinpKl    [R+1, S] the same between min-p filtered distributions (Huginn's minp-kl), or null
 * @param lensTopkIds   [R+1, S, K] top-k token ids of the lens at every step
 * @param lensTopkProbs [R+1, S, K] their probabilities
 * @param lens          [R+1, S, V] full lens logits, or null when not recorded
 * @param lnFWeight     [H] the final norm's weight, so readers can normalise states
 * @param generation    per-position loop steps and the generated ids when the run generated, else null
 * @param exitGate      [R, S] the exit gate's λ and exit distribution, for a family with a gate (Ouro), else null
 * @param logitLens     the logit lens (the head without the decoding blocks) at every step, when recorded, else null
 * @param layerStates   [R, C, S, H] every loop layer's output at steps 1..R (the last layer is states[1:]), when recorded, else null
 * @param ranks         the rank trajectories of chosen tokens, when asked for, else null
 */
public record Trace(
        RunInfo info,
        long[] ids,
        FloatTensor states,
        FloatTensor finalLatent,
        FloatTensor logits,
        FloatTensor lensEntropy,
        FloatTensor lensKl,
        FloatTensor lensMinpKl,
        IntTensor lensTopkIds,
        FloatTensor lensTopkProbs,
        FloatTensor lens,
        FloatTensor lnFWeight,
        Generated generation,
        ExitGate exitGate,
        LensRecord logitLens,
        FloatTensor layerStates,
        Ranks ranks) {

    public Trace {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(states, "states");
        if (states.rank() != 3) throw new IllegalArgumentException("states must be [R+1, S, H], got " + states);
        int steps = states.dim(0), tokens = states.dim(1), hidden = states.dim(2);
        if (steps != info.iterations() + 1) {
            throw new IllegalArgumentException("states has " + steps + " steps but the run has " + info.iterations() + " iterations");
        }
        if (ids.length != tokens) throw new IllegalArgumentException("ids has " + ids.length + " tokens, states " + tokens);
        requireShape("final_latent", finalLatent, tokens, hidden);
        requireShape("lens_entropy", lensEntropy, steps, tokens);
        requireShape("lens_kl", lensKl, steps, tokens);
        requireShape("lens_minp_kl", lensMinpKl, steps, tokens);
        requireShape("ln_f_weight", lnFWeight, hidden);
        if (logits != null && (logits.rank() != 2 || logits.dim(0) != tokens)) {
            throw new IllegalArgumentException("logits must be [S, V], got " + logits);
        }
        if (lens != null && (lens.rank() != 3 || lens.dim(0) != steps || lens.dim(1) != tokens)) {
            throw new IllegalArgumentException("lens must be [R+1, S, V], got " + lens);
        }
        if (generation != null) {
            if (generation.steps().length != tokens) {
                throw new IllegalArgumentException("generation steps has " + generation.steps().length + " positions, states " + tokens);
            }
            for (int s : generation.steps()) {
                if (s < 0 || s > info.iterations()) throw new IllegalArgumentException("a position ran " + s + " steps, outside 0.." + info.iterations());
            }
        }
        if (exitGate != null && (exitGate.loops() != steps - 1 || exitGate.lambda().dim(1) != tokens)) {
            throw new IllegalArgumentException("exit_lambda must be [" + (steps - 1) + ", " + tokens + "], got " + exitGate.lambda());
        }
        if (logitLens != null && !java.util.Arrays.equals(logitLens.entropy().shape(), new int[] {steps, tokens})) {
            throw new IllegalArgumentException("logit_lens_entropy must be [" + steps + ", " + tokens + "], got " + logitLens.entropy());
        }
        if (layerStates != null && (layerStates.rank() != 4 || layerStates.dim(0) != steps - 1 || layerStates.dim(1) < 1
                || layerStates.dim(2) != tokens || layerStates.dim(3) != hidden)) {
            throw new IllegalArgumentException("layer_states must be [" + (steps - 1) + ", C, " + tokens + ", " + hidden + "], got " + layerStates);
        }
        if (ranks != null) ranks.requireCovers(steps, tokens, layerStates == null ? 0 : layerStates.dim(1));
        ids = ids.clone();
    }

    /**
     * Where chosen tokens rank (1 = the top guess) under each lens at every step and, with layer
     * states, at every layer. T = the number of chosen ids.
     *
     * @param ids        [T] the chosen token ids
     * @param coda       [R+1, S, T] rank under the coda lens (the model's decode)
     * @param logit      [R+1, S, T] rank under the logit lens, or null when the family has none besides its own
     * @param layerCoda  [R, C, S, T] rank of each loop layer's output under the coda lens, or null without layer states
     * @param layerLogit [R, C, S, T] the same under the logit lens, or null
     */
    public record Ranks(long[] ids, IntTensor coda, IntTensor logit, IntTensor layerCoda, IntTensor layerLogit) {
        public Ranks {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(coda, "coda");
            ids = ids.clone();
        }

        @Override
        public long[] ids() {
            return ids.clone();
        }

        void requireCovers(int steps, int tokens, int layers) {
            int t = ids.length;
            check("lens_ranks", coda, steps, tokens, t);
            if (logit != null) check("logit_lens_ranks", logit, steps, tokens, t);
            if (layerCoda != null) check("layer_lens_ranks", layerCoda, steps - 1, layers, tokens, t);
            if (layerLogit != null) check("layer_logit_lens_ranks", layerLogit, steps - 1, layers, tokens, t);
        }

        private static void check(String name, IntTensor a, int... shape) {
            if (!java.util.Arrays.equals(a.shape(), shape)) {
                throw new IllegalArgumentException(name + " must be " + java.util.Arrays.toString(shape) + ", got " + java.util.Arrays.toString(a.shape()));
            }
        }
    }

    /** A run without rank trajectories. */
    public Trace(RunInfo info, long[] ids, FloatTensor states, FloatTensor finalLatent, FloatTensor logits, FloatTensor lensEntropy,
                 FloatTensor lensKl, FloatTensor lensMinpKl, IntTensor lensTopkIds, FloatTensor lensTopkProbs, FloatTensor lens,
                 FloatTensor lnFWeight, Generated generation, ExitGate exitGate, LensRecord logitLens, FloatTensor layerStates) {
        this(info, ids, states, finalLatent, logits, lensEntropy, lensKl, lensMinpKl, lensTopkIds, lensTopkProbs, lens, lnFWeight,
                generation, exitGate, logitLens, layerStates, null);
    }

    /** A run without layer states. */
    public Trace(RunInfo info, long[] ids, FloatTensor states, FloatTensor finalLatent, FloatTensor logits, FloatTensor lensEntropy,
                 FloatTensor lensKl, FloatTensor lensMinpKl, IntTensor lensTopkIds, FloatTensor lensTopkProbs, FloatTensor lens,
                 FloatTensor lnFWeight, Generated generation, ExitGate exitGate, LensRecord logitLens) {
        this(info, ids, states, finalLatent, logits, lensEntropy, lensKl, lensMinpKl, lensTopkIds, lensTopkProbs, lens, lnFWeight,
                generation, exitGate, logitLens, null);
    }

    /** A run without the logit lens. */
    public Trace(RunInfo info, long[] ids, FloatTensor states, FloatTensor finalLatent, FloatTensor logits, FloatTensor lensEntropy,
                 FloatTensor lensKl, FloatTensor lensMinpKl, IntTensor lensTopkIds, FloatTensor lensTopkProbs, FloatTensor lens,
                 FloatTensor lnFWeight, Generated generation, ExitGate exitGate) {
        this(info, ids, states, finalLatent, logits, lensEntropy, lensKl, lensMinpKl, lensTopkIds, lensTopkProbs, lens, lnFWeight,
                generation, exitGate, null);
    }

    /** A run without an exit gate. */
    public Trace(RunInfo info, long[] ids, FloatTensor states, FloatTensor finalLatent, FloatTensor logits, FloatTensor lensEntropy,
                 FloatTensor lensKl, FloatTensor lensMinpKl, IntTensor lensTopkIds, FloatTensor lensTopkProbs, FloatTensor lens,
                 FloatTensor lnFWeight, Generated generation) {
        this(info, ids, states, finalLatent, logits, lensEntropy, lensKl, lensMinpKl, lensTopkIds, lensTopkProbs, lens, lnFWeight, generation, null);
    }

    /** A prompt pass (no generation). */
    public Trace(RunInfo info, long[] ids, FloatTensor states, FloatTensor finalLatent, FloatTensor logits, FloatTensor lensEntropy,
                 FloatTensor lensKl, FloatTensor lensMinpKl, IntTensor lensTopkIds, FloatTensor lensTopkProbs, FloatTensor lens,
                 FloatTensor lnFWeight) {
        this(info, ids, states, finalLatent, logits, lensEntropy, lensKl, lensMinpKl, lensTopkIds, lensTopkProbs, lens, lnFWeight, null, null);
    }

    /** A trace without min-p KL (older files, synthetic traces). */
    public Trace(RunInfo info, long[] ids, FloatTensor states, FloatTensor finalLatent, FloatTensor logits, FloatTensor lensEntropy,
                 FloatTensor lensKl, IntTensor lensTopkIds, FloatTensor lensTopkProbs, FloatTensor lens, FloatTensor lnFWeight) {
        this(info, ids, states, finalLatent, logits, lensEntropy, lensKl, null, lensTopkIds, lensTopkProbs, lens, lnFWeight, null, null);
    }

    private static void requireShape(String name, FloatTensor t, int... shape) {
        if (t != null && !java.util.Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + " must have shape " + java.util.Arrays.toString(shape) + ", got " + t);
        }
    }

    /** Loop steps position t ran: R for a prompt pass, its own count in a generation. */
    public int stepsOf(int token) {
        return generation == null ? iterations() : generation.stepsAt(token);
    }

    public int iterations() {
        return states.dim(0) - 1;
    }

    public int tokenCount() {
        return states.dim(1);
    }

    public int hidden() {
        return states.dim(2);
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    /** Bytes held by the recorded arrays (what the status line reports). */
    public long sizeInBytes() {
        long n = ids.length * 8L + states.data().length * 4L + lensEntropy.data().length * 8L;
        if (finalLatent != null) n += finalLatent.data().length * 4L;
        if (logits != null) n += logits.data().length * 4L;
        if (lensTopkIds != null) n += lensTopkIds.data().length * 8L;
        if (lens != null) n += lens.data().length * 4L;
        if (layerStates != null) n += layerStates.data().length * 4L;
        return n;
    }
}
