package io.loopscope.inference.checkpoint;

import io.loopscope.inference.io.AtomicFile;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link HuginnConfig} as a Huginn-0125 config.json: the same field names and the same
 * constant fields a real checkpoint carries, so the folder looks like (and reads back as) a real one.
 * auto_map is left out on purpose: it points at Python modules this folder does not ship.
 */
public final class ConfigWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    // two-space indent and "key": value, like Python's json.dump(indent=2) in the fixture
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private ConfigWriter() {
    }

    /** Writes config.json atomically, declaring the weights as float32. */
    public static void write(Path file, HuginnConfig config) throws IOException {
        write(file, config, "float32");
    }

    /** @param torchDtype what the safetensors beside it hold: "float32" or "bfloat16" */
    public static void write(Path file, HuginnConfig config, String torchDtype) throws IOException {
        byte[] bytes = (toJson(config, torchDtype) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, tmp -> Files.write(tmp, bytes));
    }

    /** The "slr" object of config.json ({} for plain Huginn). */
    public static ObjectNode slr(SlrConfig s) {
        return JSON.valueToTree(s.fields());
    }

    public static String toJson(HuginnConfig c, String torchDtype) {
        ObjectNode o = JSON.createObjectNode();   // alphabetical, like transformers' save_pretrained
        o.put("activation_checkpoint_impl", "per-iteration");
        o.put("architecture_class_name", "RecurrentGPT");
        o.putArray("architectures").add("RavenForCausalLM");
        o.put("bias", false);
        o.put("block_class_name", "SandwichBlock");
        o.put("block_size", c.blockSize());
        o.put("effective_expected_depth", RandomWeights.effectiveExpectedDepth(c));
        o.put("head_dim", c.headDim());
        o.put("init_orthogonal", false);
        o.put("init_strategy", "takase");
        ObjectNode init = o.putObject("init_values");
        init.put("embed_scale", c.embedScale());
        init.put("embedding", RandomWeights.initStd(c));
        init.put("out_proj", RandomWeights.outProjStd(c));
        init.put("std", RandomWeights.initStd(c));
        o.put("injection_type", "linear");
        o.put("intermediate_size", c.intermediate());
        o.put("mean_backprop_depth", Math.min(8, c.meanRecurrence()));
        o.put("mean_recurrence", c.meanRecurrence());
        o.put("mlp_class_name", "GatedMLP");
        o.put("model_type", "huginn_raven");
        o.put("n_embd", c.hidden());
        o.put("n_heads", c.heads());
        o.put("n_layers", c.preludeLayers() + c.coreLayers() + c.codaLayers());
        o.put("n_layers_in_coda", c.codaLayers());
        o.put("n_layers_in_prelude", c.preludeLayers());
        o.put("n_layers_in_recurrent_block", c.coreLayers());
        o.put("nonlin_name", "SiLU");
        o.put("norm_class_name", "RMSNorm_llama");
        o.put("norm_eps", c.normEps());
        o.put("num_key_value_heads", c.kvHeads());
        o.put("padded_vocab_size", c.vocab());
        o.put("padding_multiple", 4096);
        o.put("qk_bias", c.qkBias());
        o.put("rope_base", c.ropeBase());
        o.put("sampling_scheme", "poisson-lognormal-filling");
        if (c.slr().any()) o.set(SlrConfigReader.FIELD, slr(c.slr()));
        o.put("state_init", "like-init");
        o.put("test_time_noise", 0);
        o.put("test_time_noise_type", "fixed");
        o.put("tie_embeddings", c.tieEmbeddings());
        o.put("tie_word_embeddings", c.tieEmbeddings());
        o.put("torch_dtype", torchDtype);
        o.put("vocab_size", c.vocab());
        try {
            return JSON.writer(PRETTY).writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers cannot fail to serialise", e);
        }
    }
}
