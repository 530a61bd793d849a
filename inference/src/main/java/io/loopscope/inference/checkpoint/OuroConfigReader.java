package io.loopscope.inference.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Reads an Ouro config.json into an {@link OuroConfig}. Options LoopScope does not run (sliding-window
 * layers, RoPE scaling, another activation, biases) are named by field and value, all in one error.
 */
public final class OuroConfigReader {
    public static final String MODEL_TYPE = "ouro";

    private static final Set<String> IGNORED = Set.of("architectures", "model_type", "attention_dropout", "bos_token_id", "eos_token_id",
            "pad_token_id", "torch_dtype", "use_cache", "transformers_version", "initializer_range", "auto_map", "_name_or_path",
            "max_window_layers", "return_dict", "output_hidden_states", "output_attentions", "dtype");

    private OuroConfigReader() {
    }

    /** @param warnings unknown fields, defaults filled in */
    public record Result(OuroConfig config, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    static Result interpret(JsonNode root, String source) throws CheckpointException {
        ConfigFields f = new ConfigFields(root, source, "Ouro");
        Integer hidden = f.requiredInt("hidden_size");
        Integer heads = f.requiredInt("num_attention_heads");
        Integer kvHeads = f.optionalInt("num_key_value_heads", heads);
        Integer intermediate = f.requiredInt("intermediate_size");
        Integer layers = f.requiredInt("num_hidden_layers");
        Integer vocab = f.requiredInt("vocab_size");
        Double eps = f.defaultedDouble("rms_norm_eps", 1e-6);
        Double theta = f.defaultedDouble("rope_theta", 10_000);
        Integer maxPositions = f.defaultedInt("max_position_embeddings", 4096);
        Boolean tie = f.defaultedBool("tie_word_embeddings", false);
        Integer loops = f.defaultedInt("total_ut_steps", 4);
        Double threshold = f.defaultedDouble("early_exit_threshold", 1.0);
        Integer headDim = f.optionalInt("head_dim", null);
        if (headDim == null && hidden != null && heads != null && heads > 0) {
            if (hidden % heads != 0) f.problem("hidden_size " + hidden + " is not divisible by num_attention_heads " + heads);
            headDim = hidden / heads;
        }
        f.requireChoice("hidden_act", "silu", "silu");
        unsupported(f);
        f.warnAboutUnknownFields(IGNORED);
        f.throwIfProblems();
        try {
            return new Result(new OuroConfig(hidden, heads, kvHeads, headDim, intermediate, layers, eps, theta, vocab, maxPositions,
                    tie, loops, threshold), f.warnings());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source + ": " + e.getMessage());
        }
    }

    /** Every option that would change the forward pass LoopScope runs. */
    private static void unsupported(ConfigFields f) {
        JsonNode sliding = f.raw("use_sliding_window");
        if (sliding != null && sliding.asBoolean(false)) {
            f.problem("use_sliding_window true is not supported (LoopScope runs full attention in every layer)");
        }
        JsonNode window = f.raw("sliding_window");
        JsonNode layerTypes = f.raw("layer_types");
        if (layerTypes != null && layerTypes.isArray()) {
            for (int i = 0; i < layerTypes.size(); i++) {
                if (!"full_attention".equals(layerTypes.get(i).asText())) {
                    f.problem("layer_types[" + i + "] \"" + layerTypes.get(i).asText() + "\" is not supported (LoopScope runs \"full_attention\""
                            + (window != null && !window.isNull() ? "; sliding_window " + window : "") + ")");
                }
            }
        }
        JsonNode scaling = f.raw("rope_scaling");
        if (scaling != null && !scaling.isNull()) f.problem("rope_scaling " + scaling + " is not supported (LoopScope runs plain RoPE)");
        for (String bias : List.of("attention_bias", "mlp_bias")) {
            JsonNode b = f.raw(bias);
            if (b != null && b.asBoolean(false)) f.problem(bias + " true is not supported (Ouro's linear layers have no biases)");
        }
    }
}
