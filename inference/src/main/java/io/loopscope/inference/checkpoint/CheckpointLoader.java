package io.loopscope.inference.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a Huginn-format model folder (config.json + safetensors). Everything that can be checked
 * from the headers — every expected name, shape and dtype — is checked before a single weight is
 * read, and all problems are reported together; then each tensor is read once, straight to float32,
 * and rejected if it holds NaN or Inf.
 */
public final class CheckpointLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLoader.class);
    public static final String CONFIG_FILE = "config.json";
    /** Longer lists are cut: a folder of the wrong model would otherwise list hundreds of tensors. */
    private static final int MAX_LISTED = 25;

    private CheckpointLoader() {
    }

    /** The config.json of a model folder, or an error saying what the folder lacks. */
    public static Path configOf(Path modelDir) throws CheckpointException {
        if (!Files.exists(modelDir)) throw new CheckpointException(modelDir + " does not exist");
        if (!Files.isDirectory(modelDir)) throw new CheckpointException(modelDir + " is not a folder (a model is a folder holding config.json and *.safetensors)");
        Path configFile = modelDir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new CheckpointException("no config.json in " + modelDir + " — is this a Huginn- or Ouro-format model folder?");
        }
        return configFile;
    }

    /** config.json's model_type ("" when it has none or is not a JSON object; the family's reader reports the rest). */
    public static String modelType(Path modelDir) throws CheckpointException {
        Path configFile = configOf(modelDir);
        try {
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(configFile.toFile());
            return root != null && root.path("model_type").isTextual() ? root.path("model_type").asText() : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    public static LoadedCheckpoint load(Path modelDir) throws CheckpointException {
        return load(modelDir, MemoryBudget.current());
    }

    /** As {@link #load(Path)}, refusing weights that would not fit in budget before reading any. */
    public static LoadedCheckpoint load(Path modelDir, MemoryBudget budget) throws CheckpointException {
        return load(modelDir, budget, LoadListener.NONE);
    }

    /** As {@link #load(Path, MemoryBudget)}, telling listener about every tensor read and stopping when it cancels. */
    public static LoadedCheckpoint load(Path modelDir, MemoryBudget budget, LoadListener listener) throws CheckpointException {
        Path configFile = configOf(modelDir);
        ConfigReader.Result cfg = ConfigReader.read(configFile);
        HuginnConfig config = cfg.config();
        List<String> warnings = new ArrayList<>(cfg.warnings());
        try (CheckpointTensors tensors = CheckpointTensors.open(modelDir)) {
            requireSomeFamily(tensors);
            int perBlock = config.qkBias() ? 9 : 8;
            long layers = (long) config.preludeLayers() + config.coreLayers() + config.codaLayers();
            ConfigLimits.requireTensors(configFile.toString(), 3 + layers * perBlock, "n_layers (prelude + core + coda)", layers,
                    tensors.entries().size());
            if (config.slr().hasLora()) {
                ConfigLimits.requireTensors(configFile.toString(), 3 + layers * perBlock + SlrLayout.tensorCount(config),
                        "slr.loop_lora_steps", config.slr().loraSteps(), tensors.entries().size());
            }
            ConfigLimits.requireRopeTable(configFile.toString(), "block_size", config.blockSize(), config.headDim());
            List<String> toRead = checkHeaders(config, tensors, warnings);
            ConfigLimits.requireWeightsFit(tensors, toRead, HuginnLayout::usedInPlace, budget);
            Map<String, INDArray> arrays = TensorReads.readAll(tensors, toRead, HuginnLayout::usedInPlace, listener);
            HuginnWeights weights = HuginnLayout.assemble(config, arrays::get);
            // callers show warnings (the CLI as "warning:" lines, the workbench in its status): logged once, at debug
            warnings.subList(cfg.warnings().size(), warnings.size()).forEach(w -> LOG.debug(w));
            LOG.info("loaded {} ({} tensors from {})", modelDir, toRead.size(), tensors.files());
            return new LoadedCheckpoint(modelDir, config, weights, warnings);
        }
    }

    /**
     * Compares the headers with what the config requires. Returns the names to read; throws with every
     * missing, mis-shaped or unreadable tensor; adds unexpected tensors to warnings.
     */
    static List<String> checkHeaders(HuginnConfig config, CheckpointTensors tensors, List<String> warnings) throws CheckpointException {
        Map<String, long[]> expected = new java.util.LinkedHashMap<>(HuginnLayout.required(config));
        boolean hasHead = tensors.entries().containsKey(HuginnLayout.LM_HEAD);
        if (hasHead || !config.tieEmbeddings()) expected.put(HuginnLayout.LM_HEAD, HuginnLayout.lmHeadShape(config));
        String why = config.tieEmbeddings() ? "" : " (lm_head.weight is required because tie_embeddings is false)";
        java.util.Set<String> tolerated = new java.util.HashSet<>(java.util.Set.of(HuginnLayout.FREQS_CIS));
        // stabiliser tensors the config does not ask for: most likely a config.json that lost its "slr" object
        List<String> unasked = tensors.entries().keySet().stream().filter(n -> !expected.containsKey(n) && SlrLayout.isStabiliser(n)).toList();
        if (!unasked.isEmpty()) {
            warnings.add(unasked.size() + " tensor" + (unasked.size() == 1 ? " of SLR stabilisers is" : "s of SLR stabilisers are")
                    + " ignored because config.json " + (config.slr().any() ? "does not ask for them" : "has no \"slr\" object")
                    + ", so the model runs without them: " + cut(unasked));
            tolerated.addAll(unasked);
        }
        return checkHeaders(expected, tolerated, HuginnLayout.LM_HEAD, why, name -> SlrLayout.promise(config, name), tensors, warnings);
    }

    /**
     * A checkpoint without Huginn's embedding and core blocks is another model, not a damaged Huginn:
     * say which family its names point to (Ouro under another model_type) or that they match neither,
     * instead of listing every Huginn tensor as missing.
     */
    static void requireSomeFamily(CheckpointTensors tensors) throws CheckpointException {
        java.util.Set<String> names = tensors.entries().keySet();
        boolean huginn = names.contains(HuginnLayout.WTE) || names.stream().anyMatch(n -> n.startsWith(HuginnLayout.CORE));
        if (huginn) return;
        boolean ouro = names.contains(OuroLayout.EMBED) && names.contains(OuroLayout.GATE_WEIGHT);
        String sample = cut(names.stream().sorted().limit(MAX_LISTED).toList());
        if (ouro) {
            throw new CheckpointException(tensors.files() + " holds an Ouro checkpoint (model.embed_tokens, model.early_exit_gate) but config.json's "
                    + "model_type is not \"" + OuroConfigReader.MODEL_TYPE + "\"; set it to load the model as Ouro");
        }
        throw new CheckpointException(tensors.files() + ": its tensor names match neither family LoopScope loads — Huginn ("
                + HuginnLayout.WTE + ", " + HuginnLayout.CORE + "N.…) nor Ouro (" + OuroLayout.EMBED + ", model.layers.N.…, "
                + OuroLayout.GATE_WEIGHT + "); it holds " + sample);
    }

    /**
     * Compares the headers with the expected names and shapes (any family). Returns the names to
     * read; throws with every missing, mis-shaped or unreadable tensor; adds unexpected tensors
     * (other than the tolerated ones) to warnings. headHint explains a missing headName; a missing
     * tensor that promise explains (the config field that asks for it) is reported on its own.
     */
    static List<String> checkHeaders(Map<String, long[]> expected, java.util.Set<String> tolerated, String headName, String headHint,
                                     java.util.function.Function<String, java.util.Optional<String>> promise,
                                     CheckpointTensors tensors, List<String> warnings) throws CheckpointException {
        Map<String, SafetensorsEntry> present = tensors.entries();
        List<String> missing = new ArrayList<>();
        List<String> promisedMissing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            SafetensorsEntry found = present.get(e.getKey());
            if (found == null) {
                java.util.Optional<String> promised = promise.apply(e.getKey());
                if (promised.isPresent()) {
                    promisedMissing.add("tensor \"" + e.getKey() + "\" " + Arrays.toString(e.getValue()) + " is missing from " + tensors.files()
                            + ": " + promised.get());
                } else {
                    missing.add(e.getKey() + " " + Arrays.toString(e.getValue()));
                }
            } else if (!Arrays.equals(found.shape(), e.getValue())) {
                problems.add("tensor \"" + e.getKey() + "\" in " + tensors.fileOf(e.getKey()).getFileName() + " has shape "
                        + found.shapeString() + " but the config needs " + Arrays.toString(e.getValue()));
            } else if (!found.dtype().readableAsFloat()) {
                problems.add("tensor \"" + e.getKey() + "\" in " + tensors.fileOf(e.getKey()).getFileName() + " has dtype "
                        + found.dtype() + ", which cannot be read as weights (supported: " + SafetensorsDType.readableList() + ")");
            }
        }
        problems.addAll(0, promisedMissing.subList(0, Math.min(MAX_LISTED, promisedMissing.size())));
        if (promisedMissing.size() > MAX_LISTED) problems.add(MAX_LISTED, "… and " + (promisedMissing.size() - MAX_LISTED) + " more missing tensors of the stabilisers");
        if (!missing.isEmpty()) {
            String why = missing.stream().anyMatch(m -> m.startsWith(headName + " ")) ? headHint : "";
            problems.addFirst(missing.size() + " tensor" + (missing.size() == 1 ? " is" : "s are") + " missing from " + tensors.files()
                    + why + ": " + cut(missing));
        }
        List<String> unexpected = present.keySet().stream().filter(n -> !expected.containsKey(n) && !tolerated.contains(n)).toList();
        if (!unexpected.isEmpty()) {
            warnings.add(unexpected.size() + " tensor" + (unexpected.size() == 1 ? " is" : "s are")
                    + " not used by LoopScope and ignored: " + cut(unexpected));
        }
        if (!problems.isEmpty()) throw new CheckpointException(problems);
        return List.copyOf(expected.keySet());
    }

    private static String cut(List<String> items) {
        if (items.size() <= MAX_LISTED) return String.join(", ", items);
        return String.join(", ", items.subList(0, MAX_LISTED)) + " … and " + (items.size() - MAX_LISTED) + " more";
    }
}
