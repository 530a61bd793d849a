package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** RMSNorm as Llama (and Huginn's RMSNorm_llama) define it: x · rsqrt(mean(x²) + eps) · w. */
public final class RmsNorm {
    private final INDArray weight; // [H]
    private final double eps;

    public RmsNorm(INDArray weight, double eps) {
        this.weight = weight;
        this.eps = eps;
    }

    /** x [S, H] → [S, H], a new array. */
    public INDArray apply(INDArray x) {
        INDArray meanSquare = x.mul(x).mean(true, 1);                 // [S, 1]
        INDArray inverseRms = Transforms.pow(meanSquare.addi(eps), -0.5, false); // [S, 1]
        return x.mulColumnVector(inverseRms).muliRowVector(weight);
    }
}
