package io.loopscope.inference.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a model folder {@link CheckpointLoader} (and Huginn's own code) can read: model.safetensors
 * with Huginn's tensor names, then config.json. Data goes first and the config last, so a folder with
 * a config.json is always complete; if the config cannot be written, the new data file is removed again.
 */
public final class HuginnCheckpointWriter {
    private HuginnCheckpointWriter() {
    }

    /** Writes F32 weights. */
    public static void write(Path dir, HuginnConfig config, HuginnWeights weights) throws IOException {
        write(dir, config, weights, SafetensorsDType.F32);
    }

    /** @param dtype F32 or BF16 */
    public static void write(Path dir, HuginnConfig config, HuginnWeights weights, SafetensorsDType dtype) throws IOException {
        Map<String, INDArray> tensors = HuginnLayout.flatten(config, weights);
        checkShapes(config, tensors);
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException("cannot write a checkpoint to " + dir + ": it is a file, not a folder");
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(CheckpointTensors.INDEX_FILE))) {
            throw new IOException(dir + " holds a sharded checkpoint (" + CheckpointTensors.INDEX_FILE + "); write to an empty folder instead");
        }
        Path data = dir.resolve(CheckpointTensors.SINGLE_FILE);
        Path configFile = dir.resolve(CheckpointLoader.CONFIG_FILE);
        boolean dataExisted = Files.exists(data);
        SafetensorsWriter.write(data, tensors, dtype, Map.of());
        try {
            ConfigWriter.write(configFile, config, dtype == SafetensorsDType.BF16 ? "bfloat16" : "float32");
        } catch (IOException | RuntimeException e) {
            // without its config the new data would be an orphan (or, over an old checkpoint, a mismatch)
            if (!dataExisted) Files.deleteIfExists(data);
            throw e;
        }
    }

    /** Refuses weights that do not match the config, before anything touches the disk. */
    private static void checkShapes(HuginnConfig config, Map<String, INDArray> tensors) {
        Map<String, long[]> required = HuginnLayout.required(config);
        List<String> problems = new ArrayList<>();
        required.forEach((name, shape) -> {
            INDArray a = tensors.get(name);
            if (a == null) problems.add(name + " is missing");
            else if (!Arrays.equals(a.shape(), shape)) problems.add(name + " has shape " + Arrays.toString(a.shape()) + ", config needs " + Arrays.toString(shape));
        });
        INDArray head = tensors.get(HuginnLayout.LM_HEAD);
        if (head != null && !Arrays.equals(head.shape(), HuginnLayout.lmHeadShape(config))) {
            problems.add(HuginnLayout.LM_HEAD + " has shape " + Arrays.toString(head.shape()) + ", config needs " + Arrays.toString(HuginnLayout.lmHeadShape(config)));
        }
        tensors.keySet().stream().filter(n -> !required.containsKey(n) && !n.equals(HuginnLayout.LM_HEAD))
                .forEach(n -> problems.add(n + " is not part of this config (" + (SlrLayout.isStabiliser(n)
                        ? "its slr object does not ask for this stabiliser tensor" : "qk_bias false but a block has one?") + ")"));
        if (!problems.isEmpty()) throw new IllegalArgumentException("weights do not match the config: " + String.join("; ", problems));
    }
}
