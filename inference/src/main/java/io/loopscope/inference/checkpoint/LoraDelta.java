package io.loopscope.inference.checkpoint;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One loop-wise LoRA delta B·A on a core linear W [out, in] at one iteration, float32, stored as
 * {@code transformer.core_block.J.TARGET.lora_A.T} and {@code ….lora_B.T} ({@link SlrLayout}).
 *
 * @param a [r, in]   the down projection
 * @param b [out, r]  the up projection (zero at the start of training: the delta starts as nothing)
 */
public record LoraDelta(INDArray a, INDArray b) {
    public LoraDelta {
        java.util.Objects.requireNonNull(a, "a");
        java.util.Objects.requireNonNull(b, "b");
    }
}
