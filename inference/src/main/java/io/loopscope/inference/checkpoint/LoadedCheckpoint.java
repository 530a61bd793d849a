package io.loopscope.inference.checkpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model folder, read and validated.
 *
 * @param dir      the folder it came from
 * @param config   its architecture
 * @param weights  all tensors as float32, shapes checked against config
 * @param warnings things that did not stop loading but a user may want to know (unknown config
 *                 fields, defaults filled in, unexpected tensors)
 */
public record LoadedCheckpoint(Path dir, HuginnConfig config, HuginnWeights weights, List<String> warnings) {
    public LoadedCheckpoint {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(weights, "weights");
        warnings = List.copyOf(warnings);
    }
}
