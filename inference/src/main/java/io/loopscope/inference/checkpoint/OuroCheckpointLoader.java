package io.loopscope.inference.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loads an Ouro model folder (Hugging Face format: config.json with model_type "ouro", safetensors
 * single or sharded, F32/BF16), with the same header-first validation as {@link CheckpointLoader}.
 */
public final class OuroCheckpointLoader {

    /** @param warnings unknown config fields and unused tensors */
    public record Loaded(Path dir, OuroConfig config, OuroWeights weights, List<String> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    private OuroCheckpointLoader() {
    }

    public static Loaded load(Path dir) throws CheckpointException {
        return load(dir, MemoryBudget.current());
    }

    /** As {@link #load(Path)}, refusing weights that would not fit in budget before reading any. */
    public static Loaded load(Path dir, MemoryBudget budget) throws CheckpointException {
        return load(dir, budget, LoadListener.NONE);
    }

    /** As {@link #load(Path, MemoryBudget)}, telling listener about every tensor read and stopping when it cancels. */
    public static Loaded load(Path dir, MemoryBudget budget, LoadListener listener) throws CheckpointException {
        Path configFile = CheckpointLoader.configOf(dir);
        OuroConfigReader.Result cfg = OuroConfigReader.interpret(readJson(configFile), configFile.toString());
        OuroConfig config = cfg.config();
        List<String> warnings = new ArrayList<>(cfg.warnings());
        try (CheckpointTensors tensors = CheckpointTensors.open(dir)) {
            ConfigLimits.requireTensors(configFile.toString(), 4 + 11L * config.layers(), "num_hidden_layers", config.layers(),
                    tensors.entries().size());
            ConfigLimits.requireRopeTable(configFile.toString(), "max_position_embeddings", config.maxPositions(), config.headDim());
            Map<String, long[]> expected = new LinkedHashMap<>(OuroLayout.required(config));
            if (tensors.entries().containsKey(OuroLayout.LM_HEAD)) expected.put(OuroLayout.LM_HEAD, new long[] {config.vocab(), config.hidden()});
            List<String> names = CheckpointLoader.checkHeaders(expected, Set.of(), OuroLayout.LM_HEAD,
                    " (lm_head.weight is required because tie_word_embeddings is false)", name -> java.util.Optional.empty(), tensors, warnings);
            ConfigLimits.requireWeightsFit(tensors, names, OuroLayout::usedInPlace, budget);
            Map<String, INDArray> arrays = TensorReads.readAll(tensors, names, OuroLayout::usedInPlace, listener);
            // q/k/v and gate/up are freed as soon as each layer's are stacked: one layer's worth held twice, not the model
            return new Loaded(dir, config, OuroLayout.assemble(config, arrays::get, INDArray::close), warnings);
        }
    }

    /** config.json as JSON (the family was already told from it). */
    static JsonNode readJson(Path configFile) throws CheckpointException {
        try {
            JsonNode root = new ObjectMapper().readTree(configFile.toFile());
            if (root == null || !root.isObject()) throw new CheckpointException(configFile + " must hold a JSON object");
            return root;
        } catch (IOException e) {
            throw new CheckpointException(configFile + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
