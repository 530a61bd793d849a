package io.loopscope.inference.checkpoint;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Huginn-0125 config.json into a {@link HuginnConfig}. Only the variant LoopScope runs is
 * accepted; every unsupported or malformed field is reported in one exception, so a user fixes the
 * file once instead of once per field. Fields LoopScope does not know become warnings.
 */
public final class ConfigReader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReader.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Huginn defaults (RavenConfig) for fields a config may leave out. */
    static final double DEFAULT_NORM_EPS = 1e-6;
    static final double DEFAULT_ROPE_BASE = 50_000;
    static final int DEFAULT_BLOCK_SIZE = 4096;
    static final int DEFAULT_MEAN_RECURRENCE = 32;

    /** Fields real Huginn / Hugging Face configs carry that do not change the forward pass LoopScope runs. */
    private static final Set<String> IGNORED = Set.of(
            "activation_checkpoint_impl", "architecture_class_name", "architectures", "auto_map", "effective_expected_depth",
            "init_orthogonal", "init_strategy", "init_values", "mean_backprop_depth", "model_type", "padding_multiple",
            "sampling_scheme", "test_time_noise_type", "torch_dtype", "transformers_version", "bos_token_id", "eos_token_id",
            "pad_token_id", "_name_or_path", "use_cache", "return_dict", "output_hidden_states", "output_attentions");

    /**
     * @param config     the architecture
     * @param stateInit  how the model initialises s0: "like-init" (scaled truncated normal) or "zeros"
     * @param warnings   unknown fields, defaults filled in, settings LoopScope ignores
     */
    public record Result(HuginnConfig config, String stateInit, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private ConfigReader() {
    }

    /** Reads and validates a config.json file. */
    public static Result read(Path file) throws CheckpointException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CheckpointException(file + " is not UTF-8 text" + (utf16(file) ? " (it is UTF-16; save it as UTF-8)" : ""));
        } catch (IOException e) {
            throw new CheckpointException(file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    private static boolean utf16(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bom = in.readNBytes(2);
            return bom.length == 2 && ((bom[0] == (byte) 0xFE && bom[1] == (byte) 0xFF) || (bom[0] == (byte) 0xFF && bom[1] == (byte) 0xFE));
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses config.json text; source names it in messages. */
    public static Result parse(String json, String source) throws CheckpointException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CheckpointException(source + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new CheckpointException(source + " must hold a JSON object, found " + describe(root));
        return interpret(new ConfigFields(root, source));
    }

    private static Result interpret(ConfigFields f) throws CheckpointException {
        Integer hidden = f.requiredInt("n_embd", "hidden_size");
        Integer heads = f.requiredInt("num_attention_heads", "n_heads");
        Integer kvHeads = f.optionalInt("num_key_value_heads", heads);
        Integer intermediate = f.requiredInt("intermediate_size");
        Integer vocab = vocab(f);
        Integer prelude = f.requiredInt("n_layers_in_prelude");
        Integer core = f.requiredInt("n_layers_in_recurrent_block");
        Integer coda = f.requiredInt("n_layers_in_coda");
        Double normEps = f.defaultedDouble("norm_eps", DEFAULT_NORM_EPS);
        Double ropeBase = f.defaultedDouble("rope_base", DEFAULT_ROPE_BASE);
        Integer blockSize = f.defaultedInt("block_size", DEFAULT_BLOCK_SIZE);
        Boolean qkBias = f.defaultedBool("qk_bias", true);
        Boolean tie = f.defaultedBool("tie_embeddings", "tie_word_embeddings", true);
        Integer meanRecurrence = f.defaultedInt("mean_recurrence", DEFAULT_MEAN_RECURRENCE);

        Boolean bias = f.defaultedBool("bias", false);
        if (Boolean.TRUE.equals(bias)) f.problem("bias true is not supported (LoopScope runs Huginn's bias-free linear layers)");
        f.requireChoice("injection_type", "linear", "linear");
        f.requireChoice("block_class_name", "SandwichBlock", "SandwichBlock");
        f.requireChoice("norm_class_name", "RMSNorm_llama", "RMSNorm_llama", "RMSNorm");
        f.requireChoice("mlp_class_name", "GatedMLP", "GatedMLP");
        f.requireChoice("nonlin_name", "SiLU", "SiLU");
        String stateInit = f.requireChoice("state_init", "like-init", "like-init", "zeros");

        Integer headDim = f.optionalInt("head_dim", null);
        if (headDim != null && hidden != null && heads != null && heads > 0 && headDim * heads != hidden) {
            f.problem("head_dim " + headDim + " does not equal n_embd / num_attention_heads = " + hidden + " / " + heads);
        }
        Integer layers = f.optionalInt("n_layers", null);
        if (layers != null && prelude != null && core != null && coda != null && layers != prelude + core + coda) {
            f.warn("n_layers " + layers + " is not n_layers_in_prelude + n_layers_in_recurrent_block + n_layers_in_coda = "
                    + (prelude + core + coda) + "; the three per-part counts are used");
        }
        Double noise = f.optionalDouble("test_time_noise");
        if (noise != null && noise != 0) f.warn("test_time_noise " + noise + " is ignored (LoopScope adds no noise to the state)");
        SlrConfig slr = slr(f);

        f.warnAboutUnknownFields(IGNORED);
        f.throwIfProblems();
        HuginnConfig config;
        try {
            config = new HuginnConfig(hidden, heads, kvHeads, intermediate, vocab, prelude, core, coda, normEps, ropeBase,
                    blockSize, qkBias, tie, meanRecurrence, slr);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(f.source() + ": " + e.getMessage());
        }
        f.warnings().forEach(w -> LOG.debug(w));
        return new Result(config, stateInit, f.warnings());
    }

    /** The optional "slr" object: absent means plain Huginn; present, it must turn some stabiliser on. */
    private static SlrConfig slr(ConfigFields f) {
        JsonNode node = f.raw(SlrConfigReader.FIELD);
        if (node == null) return SlrConfig.NONE;
        if (!node.isObject()) {
            f.problem(SlrConfigReader.FIELD + " must be an object of stabilisers, got " + node);
            return null;
        }
        SlrConfig slr = SlrConfigReader.read(f.nested(SlrConfigReader.FIELD, node));
        if (slr != null && !slr.any()) {
            f.problem(SlrConfigReader.FIELD + " turns on no stabiliser (" + SlrConfigReader.TIMESTEP + ", " + SlrConfigReader.LORA_RANK
                    + " or " + SlrConfigReader.RESIDUAL + "); leave it out for plain Huginn");
        }
        return slr;
    }

    /** padded_vocab_size is the embedding's row count, so it wins over vocab_size when present. */
    private static Integer vocab(ConfigFields f) {
        Integer padded = f.optionalInt("padded_vocab_size", null);
        Integer plain = f.optionalInt("vocab_size", null);
        if (padded == null && plain == null && !f.hasProblemAbout("vocab_size") && !f.hasProblemAbout("padded_vocab_size")) {
            f.problem("vocab_size is missing (also looked for padded_vocab_size)");
        }
        if (padded != null && plain != null && plain > padded) {
            f.problem("vocab_size " + plain + " is larger than padded_vocab_size " + padded);
        }
        return padded != null ? padded : plain;
    }

    private static String describe(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
