package io.loopscope.inference.model;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.LoraDelta;
import io.loopscope.inference.checkpoint.SlrConfig;
import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import io.loopscope.inference.checkpoint.SlrWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SLR's stabilisers around one Huginn loop step t (see {@link SlrConfig}), each a no-op when off:
 * <pre>
 *   enter(s_{t−1}, t)          = s_{t−1} + τ_t                 before the adapter
 *   delta(j, t)                = B_t·A_t of core block j        inside the core (null: plain block)
 *   leave(h, s_{t−1}, s_0)     = h + α·ref, ref = s_0 | s_{t−1}  after the core
 * </pre>
 */
final class LoopStabilisers {
    private final SlrConfig config;
    private final int hidden;
    private final float[][] learnedRows;                 // [T][H], or null
    private final List<List<BlockDelta>> deltas;         // [LoRA iteration − 1][core layer]
    private final Map<Integer, float[]> sinusoidal = new ConcurrentHashMap<>();

    LoopStabilisers(HuginnConfig c, SlrWeights w) {
        this.config = c.slr();
        this.hidden = c.hidden();
        this.learnedRows = w.timestep() == null ? null : w.timestep().castTo(DataType.FLOAT).toFloatMatrix();
        this.deltas = new ArrayList<>();
        for (int t = 1; t <= config.loraSteps(); t++) {
            List<BlockDelta> layers = new ArrayList<>();
            for (int j = 0; j < c.coreLayers(); j++) {
                layers.add(new BlockDelta(lowRank(w, j, LoraTarget.ATTN_WQKV, t), lowRank(w, j, LoraTarget.ATTN_PROJ, t),
                        lowRank(w, j, LoraTarget.MLP_FC, t), lowRank(w, j, LoraTarget.MLP_PROJ, t)));
            }
            deltas.add(List.copyOf(layers));
        }
        if (config.timestep() == SlrConfig.Timestep.LEARNED && learnedRows == null) {
            throw new IllegalArgumentException("a learned timestep embedding needs its weights (" + config.describe() + ")");
        }
    }

    private static LowRank lowRank(SlrWeights w, int layer, LoraTarget target, int iteration) {
        LoraDelta d = w.delta(layer, target, iteration);
        return d == null ? null : new LowRank(d.a(), d.b());
    }

    /** τ_t [H], or null without a timestep embedding. */
    float[] timestep(int step) {
        return switch (config.timestep()) {
            case NONE -> null;
            case SINUSOIDAL -> sinusoidal.computeIfAbsent(step, t -> TimestepEmbedding.sinusoidal(t, hidden));
            case LEARNED -> learnedRows[config.timestepRow(step) - 1];
        };
    }

    /** x = s_{t−1} + τ_t: state [S, H] → [S, H] (the state itself without a timestep embedding). */
    INDArray enter(INDArray state, int step) {
        float[] tau = timestep(step);
        return tau == null ? state : Kernels.plusRow(state, tau);
    }

    /** The deltas of core block j at step t, or null for the plain block. */
    BlockDelta delta(int layer, int step) {
        int iteration = config.loraIteration(step);
        return iteration == 0 ? null : deltas.get(iteration - 1).get(layer);
    }

    /** s_t = h + α·ref: h [S, H] (the core's fresh output, reused) → [S, H]. */
    INDArray leave(INDArray h, INDArray previous, INDArray s0) {
        return switch (config.residual()) {
            case NONE -> h;
            case S0 -> Kernels.addScaled(h, s0, (float) config.residualScale());
            case PREVIOUS -> Kernels.addScaled(h, previous, (float) config.residualScale());
        };
    }
}
