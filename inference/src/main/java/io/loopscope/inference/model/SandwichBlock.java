package io.loopscope.inference.model;

import io.loopscope.inference.checkpoint.BlockWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Huginn's sandwich block: every sub-layer is normalised both before and after its residual add.
 * <pre>
 *   x̂  = n2(x + attn(n1(x)))
 *   x' = n4(x̂ + mlp(n3(x̂)))
 * </pre>
 */
public final class SandwichBlock {
    private final RmsNorm norm1, norm2, norm3, norm4;
    private final Attention attention;
    private final GatedMlp mlp;

    public SandwichBlock(BlockWeights w, int heads, int kvHeads, int headDim, double eps, Rope rope) {
        this.norm1 = new RmsNorm(w.norm1(), eps);
        this.norm2 = new RmsNorm(w.norm2(), eps);
        this.norm3 = new RmsNorm(w.norm3(), eps);
        this.norm4 = new RmsNorm(w.norm4(), eps);
        this.attention = new Attention(w.wqkv(), w.qkBias(), w.proj(), heads, kvHeads, headDim, rope);
        this.mlp = new GatedMlp(w.fc(), w.mlpProj());
    }

    /** x [S, H] → [S, H]. */
    public INDArray apply(INDArray x) {
        INDArray afterAttention = norm2.apply(attention.apply(norm1.apply(x)).addi(x));
        return norm4.apply(mlp.apply(norm3.apply(afterAttention)).addi(afterAttention));
    }
}
