package io.loopscope.inference.checkpoint;

/**
 * The architecture of an Ouro looped model (ByteDance's; Hugging Face model_type "ouro"): a
 * Qwen2-style decoder stack, looped whole, with an early-exit gate. {@link OuroConfigReader}
 * rejects any variant LoopScope does not run by naming the field and value.
 *
 * @param hidden         H (hidden_size)
 * @param heads          attention heads
 * @param kvHeads        key/value heads (GQA: heads is a multiple)
 * @param headDim        head width (head_dim, else hidden / heads)
 * @param intermediate   the MLP's hidden width
 * @param layers         decoder layers, all of them inside the loop (num_hidden_layers)
 * @param normEps        RMSNorm epsilon (rms_norm_eps)
 * @param ropeTheta      RoPE θ (split halves)
 * @param vocab          V
 * @param maxPositions   the longest sequence (max_position_embeddings)
 * @param tieEmbeddings  whether lm_head is the embedding matrix
 * @param totalUtSteps   the loops the model was trained with (total_ut_steps): runs past it extrapolate
 * @param exitThreshold  the gate's cumulative exit probability at which the model stops (early_exit_threshold)
 */
public record OuroConfig(int hidden, int heads, int kvHeads, int headDim, int intermediate, int layers, double normEps,
                         double ropeTheta, int vocab, int maxPositions, boolean tieEmbeddings, int totalUtSteps, double exitThreshold) {

    public OuroConfig {
        requirePositive("hidden_size", hidden);
        requirePositive("num_attention_heads", heads);
        requirePositive("num_key_value_heads", kvHeads);
        requirePositive("head_dim", headDim);
        requirePositive("intermediate_size", intermediate);
        requirePositive("num_hidden_layers", layers);
        requirePositive("vocab_size", vocab);
        requirePositive("max_position_embeddings", maxPositions);
        requirePositive("total_ut_steps", totalUtSteps);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + heads + ") must be a multiple of num_key_value_heads (" + kvHeads + ")");
        }
        if (headDim % 2 != 0) throw new IllegalArgumentException("head_dim " + headDim + " must be even for RoPE");
        if (!(normEps > 0)) throw new IllegalArgumentException("rms_norm_eps must be > 0, got " + normEps);
        if (!(ropeTheta > 0)) throw new IllegalArgumentException("rope_theta must be > 0, got " + ropeTheta);
        if (!(exitThreshold > 0 && exitThreshold <= 1)) {
            throw new IllegalArgumentException("early_exit_threshold must be in (0, 1], got " + exitThreshold);
        }
    }

    private static void requirePositive(String field, int value) {
        if (value < 1) throw new IllegalArgumentException(field + " must be >= 1, got " + value);
    }

    public int qWidth() {
        return heads * headDim;
    }

    public int kvWidth() {
        return kvHeads * headDim;
    }
}
