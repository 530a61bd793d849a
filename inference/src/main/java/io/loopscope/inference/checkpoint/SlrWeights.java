package io.loopscope.inference.checkpoint;

import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stabilisers' weights of an SLR model ({@link SlrConfig}), float32; {@link #NONE} for plain Huginn.
 *
 * @param timestep [T, H]  the learned timestep embedding (transformer.timestep_embedding.weight), or null
 * @param lora     per core layer j (index j), per target, the deltas of iterations 1..T (index t − 1); empty without LoRA
 */
public record SlrWeights(INDArray timestep, List<Map<LoraTarget, List<LoraDelta>>> lora) {
    public static final SlrWeights NONE = new SlrWeights(null, List.of());

    public SlrWeights {
        lora = lora.stream().map(layer -> {
            Map<LoraTarget, List<LoraDelta>> copy = new EnumMap<>(LoraTarget.class);
            layer.forEach((target, deltas) -> copy.put(target, List.copyOf(deltas)));
            return java.util.Collections.unmodifiableMap(copy);
        }).toList();
    }

    /** The delta of a target in core layer j at LoRA iteration t (1-based), or null when it has none. */
    public LoraDelta delta(int layer, LoraTarget target, int iteration) {
        if (iteration < 1 || layer >= lora.size()) return null;
        List<LoraDelta> deltas = lora.get(layer).get(target);
        return deltas == null || iteration > deltas.size() ? null : deltas.get(iteration - 1);
    }
}
