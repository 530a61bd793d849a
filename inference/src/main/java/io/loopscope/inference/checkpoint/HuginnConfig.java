package io.loopscope.inference.checkpoint;

/**
 * The architecture of a Huginn-family looped model, read from a checkpoint's config.json.
 *
 * <p>Only the variant LoopScope implements is representable: sandwich blocks, RMSNorm, gated SiLU MLP,
 * linear injection (adapter over [state; embedding]). {@link ConfigReader} rejects any other variant
 * by naming the field and value.
 *
 * @param hidden          H, the width of every state (n_embd / hidden_size)
 * @param heads           attention heads (num_attention_heads / n_heads)
 * @param kvHeads         key/value heads (num_key_value_heads); equal to heads in Huginn-0125
 * @param intermediate    I, the MLP's hidden width; the fused fc produces 2·I (gate and up)
 * @param vocab           V, rows of the embedding and the lm_head (padded_vocab_size when present)
 * @param preludeLayers   blocks before the loop
 * @param coreLayers      blocks inside the loop (the recurrent block)
 * @param codaLayers      blocks after the loop
 * @param normEps         RMSNorm epsilon
 * @param ropeBase        RoPE θ (interleaved pairs)
 * @param blockSize       the longest sequence the model was built for
 * @param qkBias          whether attention adds a learned bias to q and k before RoPE
 * @param tieEmbeddings   whether lm_head shares the embedding matrix
 * @param meanRecurrence  the mean number of loop iterations the model was trained with
 * @param slr             the Stable Latent Reasoning stabilisers on the loop ({@link SlrConfig#NONE}: plain Huginn)
 */
public record HuginnConfig(
        int hidden,
        int heads,
        int kvHeads,
        int intermediate,
        int vocab,
        int preludeLayers,
        int coreLayers,
        int codaLayers,
        double normEps,
        double ropeBase,
        int blockSize,
        boolean qkBias,
        boolean tieEmbeddings,
        int meanRecurrence,
        SlrConfig slr) {

    /** A plain Huginn config (no stabilisers). */
    public HuginnConfig(int hidden, int heads, int kvHeads, int intermediate, int vocab, int preludeLayers, int coreLayers,
                        int codaLayers, double normEps, double ropeBase, int blockSize, boolean qkBias, boolean tieEmbeddings,
                        int meanRecurrence) {
        this(hidden, heads, kvHeads, intermediate, vocab, preludeLayers, coreLayers, codaLayers, normEps, ropeBase, blockSize, qkBias,
                tieEmbeddings, meanRecurrence, SlrConfig.NONE);
    }

    public HuginnConfig {
        java.util.Objects.requireNonNull(slr, "slr (SlrConfig.NONE for plain Huginn)");
        requirePositive("n_embd", hidden);
        requirePositive("num_attention_heads", heads);
        requirePositive("num_key_value_heads", kvHeads);
        requirePositive("intermediate_size", intermediate);
        requirePositive("vocab_size", vocab);
        requirePositive("n_layers_in_recurrent_block", coreLayers);
        requirePositive("block_size", blockSize);
        requirePositive("mean_recurrence", meanRecurrence);
        if (preludeLayers < 0) throw new IllegalArgumentException("n_layers_in_prelude must be >= 0, got " + preludeLayers);
        if (codaLayers < 0) throw new IllegalArgumentException("n_layers_in_coda must be >= 0, got " + codaLayers);
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("n_embd (" + hidden + ") must be divisible by num_attention_heads (" + heads + ")");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + heads + ") must be a multiple of num_key_value_heads (" + kvHeads + ")");
        }
        if ((hidden / heads) % 2 != 0) {
            throw new IllegalArgumentException("head dimension " + (hidden / heads) + " must be even for RoPE");
        }
        if (!(normEps > 0) || !Double.isFinite(normEps)) throw new IllegalArgumentException("norm_eps must be a positive number, got " + normEps);
        if (!(ropeBase > 1) || !Double.isFinite(ropeBase)) throw new IllegalArgumentException("rope_base must be > 1, got " + ropeBase);
    }

    /** The same architecture with the given stabilisers. */
    public HuginnConfig withSlr(SlrConfig stabilisers) {
        return new HuginnConfig(hidden, heads, kvHeads, intermediate, vocab, preludeLayers, coreLayers, codaLayers, normEps, ropeBase,
                blockSize, qkBias, tieEmbeddings, meanRecurrence, stabilisers);
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) throw new IllegalArgumentException(field + " must be > 0, got " + value);
    }

    /** Width of one attention head. */
    public int headDim() {
        return hidden / heads;
    }

    /** Rows of the fused Wqkv: (heads + 2·kvHeads)·headDim. */
    public int qkvRows() {
        return (heads + 2 * kvHeads) * headDim();
    }

    /** The factor the token embedding is multiplied by: √H. */
    public double embedScale() {
        return Math.sqrt(hidden);
    }

    /** Unique parameters (tied lm_head counted once). */
    public long parameterCount() {
        long block = 4L * hidden + (long) qkvRows() * hidden + (qkBias ? 2L * hidden : 0) + (long) hidden * hidden
                + 2L * intermediate * hidden + (long) hidden * intermediate;
        long blocks = block * (preludeLayers + coreLayers + codaLayers);
        long embeddings = (long) vocab * hidden * (tieEmbeddings ? 1 : 2);
        return blocks + embeddings + 2L * hidden * hidden + hidden + slrParameterCount();
    }

    /** The stabilisers' own parameters: a learned τ [T, H], and A [r, in] and B [out, r] per core layer, target and iteration. */
    public long slrParameterCount() {
        long timestep = slr.timestep() == SlrConfig.Timestep.LEARNED ? (long) slr.timestepSteps() * hidden : 0;
        long perIteration = 0;
        for (SlrConfig.LoraTarget t : slr.loraTargets()) perIteration += (long) slr.loraRank() * (t.in(this) + t.out(this));
        return timestep + perIteration * slr.loraSteps() * coreLayers;
    }
}
