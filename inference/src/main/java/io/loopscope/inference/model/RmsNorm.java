package io.loopscope.inference.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** RMSNorm as Llama (and Huginn's RMSNorm_llama) define it: x · rsqrt(mean(x²) + eps) · w. */
public final class RmsNorm {
    private final float[] weight; // [H]
    private final double eps;

    public RmsNorm(INDArray weight, double eps) {
        this.weight = weight.castTo(DataType.FLOAT).dup('c').data().asFloat();
        this.eps = eps;
    }

    /** x [S, H] → [S, H], a new array. */
    public INDArray apply(INDArray x) {
        return Kernels.rmsNorm(x, weight, eps);
    }
}
