package io.loopscope.inference.train;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.SlrConfig;
import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import io.loopscope.inference.checkpoint.SlrLayout;
import io.loopscope.inference.model.TimestepEmbedding;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SLR's stabilisers in a SameDiff graph of {@code depth} consecutive loop iterations (window slot
 * w = 0..depth−1 is loop step firstStep + w) — the engine's maths
 * ({@code io.loopscope.inference.model.LoopStabilisers}) again, so it can be differentiated.
 *
 * <p>Which τ row and which LoRA delta a slot uses depends on the step, and the window moves with
 * the sampled recurrence; rebuilding the graph for each start would cost seconds a batch. Instead
 * each slot reads one-hot placeholders: a learned τ is {@code onehot [1, T] · W [T, H]}, a delta's A
 * is {@code onehot [1, T] · stack(A_1 … A_T) [T, r·in]} (a zero row: no delta), so every
 * iteration's parameters are in the graph and those the window selects get their gradient.
 * A sinusoidal τ has nothing to learn and is fed as values. {@link #feeds} fills them all.
 */
final class SdStabilisers {
    private final SameDiff sd;
    private final HuginnConfig c;
    private final SlrConfig slr;
    private final Function<String, SDVariable> weights;
    private final SDVariable onesCol;                                  // [N, 1]
    private final int depth;
    private final SDVariable s0;                                        // [N, H] the loop's start, or null
    private final Map<String, SDVariable> stacks = new HashMap<>();     // lora tensor prefix → [T, r·in] or [T, out·r]

    /** A slot's delta on one linear: A [r, in], B [out, r]. */
    record LowRank(SDVariable a, SDVariable b) {
    }

    SdStabilisers(SameDiff sd, HuginnConfig c, Function<String, SDVariable> weights, SDVariable onesCol, int depth, long rows) {
        this.sd = sd;
        this.c = c;
        this.slr = c.slr();
        this.weights = weights;
        this.onesCol = onesCol;
        this.depth = depth;
        this.s0 = slr.residual() == SlrConfig.Residual.S0 ? sd.placeHolder("s_zero", DataType.FLOAT, rows, c.hidden()) : null;
        for (int w = 0; w < depth; w++) {
            if (slr.timestep() == SlrConfig.Timestep.SINUSOIDAL) sd.placeHolder(tauName(w), DataType.FLOAT, 1, c.hidden());
            if (slr.timestep() == SlrConfig.Timestep.LEARNED) sd.placeHolder(tauSelectName(w), DataType.FLOAT, 1, slr.timestepSteps());
            if (slr.hasLora()) sd.placeHolder(loraSelectName(w), DataType.FLOAT, 1, slr.loraSteps());
        }
    }

    private static String tauName(int slot) {
        return "tau_" + slot;
    }

    private static String tauSelectName(int slot) {
        return "tau_select_" + slot;
    }

    private static String loraSelectName(int slot) {
        return "lora_select_" + slot;
    }

    /** x = s + τ of slot w: s [N, H] → [N, H] (s itself without a timestep embedding). */
    SDVariable enter(SDVariable s, int slot) {
        SDVariable row = switch (slr.timestep()) {                               // [1, H]
            case NONE -> null;
            case SINUSOIDAL -> sd.getVariable(tauName(slot));
            case LEARNED -> sd.getVariable(tauSelectName(slot)).mmul(weights.apply(SlrLayout.TIMESTEP));
        };
        return row == null ? s : s.add(onesCol.mmul(row));                        // the row on every position: an outer product
    }

    /** The deltas of core block j in slot w, by target; empty without LoRA. */
    Map<LoraTarget, LowRank> delta(int layer, int slot) {
        Map<LoraTarget, LowRank> out = new EnumMap<>(LoraTarget.class);
        if (!slr.hasLora()) return out;
        SDVariable select = sd.getVariable(loraSelectName(slot));                // [1, T]
        for (LoraTarget target : slr.loraTargets()) {
            int in = target.in(c), outWidth = target.out(c), r = slr.loraRank();
            SDVariable a = sd.reshape(select.mmul(stack(layer, target, "A", r * in)), r, in);             // [r, in]
            SDVariable b = sd.reshape(select.mmul(stack(layer, target, "B", outWidth * r)), outWidth, r); // [out, r]
            out.put(target, new LowRank(a, b));
        }
        return out;
    }

    /**
     * stack(X_1 … X_T) [T, size] of one core layer's target, A or B: the T matrices concatenated along
     * their rows are each a contiguous block, so one reshape makes every iteration a row. Two ops, made
     * once per graph and shared by its slots (SameDiff's cost here is per op, not per element).
     */
    private SDVariable stack(int layer, LoraTarget target, String which, long size) {
        return stacks.computeIfAbsent(layer + "." + target.key() + "." + which, k -> {
            SDVariable[] blocks = new SDVariable[slr.loraSteps()];
            for (int t = 1; t <= blocks.length; t++) {
                blocks[t - 1] = weights.apply(which.equals("A") ? SlrLayout.loraA(layer, target, t) : SlrLayout.loraB(layer, target, t));
            }
            SDVariable rows = blocks.length == 1 ? blocks[0] : sd.concat(0, blocks);   // [T·r, in] or [T·out, r]
            return sd.reshape(rows, blocks.length, size);
        });
    }

    /** s = h + α·ref: h, previous [N, H] → [N, H]. */
    SDVariable leave(SDVariable h, SDVariable previous) {
        return switch (slr.residual()) {
            case NONE -> h;
            case S0 -> h.add(slr.residualScale() == 1 ? s0 : s0.mul(slr.residualScale()));
            case PREVIOUS -> h.add(slr.residualScale() == 1 ? previous : previous.mul(slr.residualScale()));
        };
    }

    /**
     * The placeholders of a window whose slot 0 is loop step firstStep, plus s_0 [N, H] when the
     * residual reads it; nothing for plain Huginn.
     */
    Map<String, INDArray> feeds(int firstStep, INDArray start) {
        Map<String, INDArray> out = new HashMap<>();
        if (s0 != null) out.put("s_zero", start);
        for (int w = 0; w < depth; w++) {
            int step = firstStep + w;
            if (slr.timestep() == SlrConfig.Timestep.SINUSOIDAL) {
                out.put(tauName(w), Nd4j.create(TimestepEmbedding.sinusoidal(step, c.hidden()), new long[] {1, c.hidden()}, 'c'));
            }
            if (slr.timestep() == SlrConfig.Timestep.LEARNED) out.put(tauSelectName(w), oneHot(slr.timestepSteps(), slr.timestepRow(step)));
            if (slr.hasLora()) out.put(loraSelectName(w), oneHot(slr.loraSteps(), slr.loraIteration(step)));
        }
        return out;
    }

    /** [1, size] with a 1 at column index − 1 (index 0: all zero). */
    private static INDArray oneHot(int size, int index) {
        INDArray row = Nd4j.zeros(DataType.FLOAT, 1, size);
        if (index > 0) row.putScalar(0, index - 1, 1f);
        return row;
    }
}
