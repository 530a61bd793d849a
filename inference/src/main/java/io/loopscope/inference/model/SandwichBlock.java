package io.loopscope.inference.model;

import io.loopscope.inference.checkpoint.BlockWeights;
import java.util.function.IntUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Huginn's sandwich block: every sub-layer is normalised both before and after its residual add.
 * <pre>
 *   x̂  = n2(x + attn(n1(x)))
 *   x' = n4(x̂ + mlp(n3(x̂)))
 * </pre>
 */
public final class SandwichBlock {
    /** Where norm_2 and norm_4 sit relative to the residual. */
    public enum NormPlacement {
        /** Huginn: x = n2(attn(n1(x)) + x); x = n4(mlp(n3(x)) + x), the norm over the residual sum. */
        OVER_SUM,
        /** Ouro: x = x + n2(attn(n1(x))); x = x + n4(mlp(n3(x))), the norm on the branch, residual outside. */
        ON_BRANCH
    }

    private final NormPlacement placement;
    private final RmsNorm norm1, norm2, norm3, norm4;
    private final Attention attention;
    private final GatedMlp mlp;

    public SandwichBlock(BlockWeights w, int heads, int kvHeads, int headDim, double eps, Rope rope) {
        this(w, heads, kvHeads, headDim, eps, rope, NormPlacement.OVER_SUM);
    }

    public SandwichBlock(BlockWeights w, int heads, int kvHeads, int headDim, double eps, Rope rope, NormPlacement placement) {
        this.placement = java.util.Objects.requireNonNull(placement, "placement");
        this.norm1 = new RmsNorm(w.norm1(), eps);
        this.norm2 = new RmsNorm(w.norm2(), eps);
        this.norm3 = new RmsNorm(w.norm3(), eps);
        this.norm4 = new RmsNorm(w.norm4(), eps);
        this.attention = new Attention(w.wqkv(), w.qkBias(), w.proj(), heads, kvHeads, headDim, rope);
        this.mlp = new GatedMlp(w.fc(), w.mlpProj());
    }

    /** x [S, H] → [S, H]. */
    public INDArray apply(INDArray x) {
        return apply(x, null);
    }

    /** As {@link #apply(INDArray)}, with SLR's loop-wise LoRA deltas on its linears (null: the plain block). */
    INDArray apply(INDArray x, BlockDelta delta) {
        INDArray attended = attention.apply(norm1.apply(x), delta == null ? null : delta.wqkv(), delta == null ? null : delta.attnProj());
        return around(x, attended, delta);
    }

    /** x [n, H] at positions [position, position + n) through a cache slot (see {@link Attention#applyCached}). */
    public INDArray applyCached(INDArray x, int position, KvCache cache, int slot, IntUnaryOperator earlierSlot) {
        return applyCached(x, position, cache, slot, earlierSlot, null);
    }

    /** As {@link #applyCached(INDArray, int, KvCache, int, IntUnaryOperator)}, with deltas (null: the plain block). */
    INDArray applyCached(INDArray x, int position, KvCache cache, int slot, IntUnaryOperator earlierSlot, BlockDelta delta) {
        INDArray attended = attention.applyCached(norm1.apply(x), position, cache, slot, earlierSlot,
                delta == null ? null : delta.wqkv(), delta == null ? null : delta.attnProj());
        return around(x, attended, delta);
    }

    /** The rest of the block once attention has read n1(x). */
    private INDArray around(INDArray x, INDArray attended, BlockDelta delta) {
        LowRank fc = delta == null ? null : delta.fc(), proj = delta == null ? null : delta.mlpProj();
        return switch (placement) {
            case OVER_SUM -> {
                INDArray afterAttention = norm2.apply(attended.addi(x));
                yield norm4.apply(mlp.apply(norm3.apply(afterAttention), fc, proj).addi(afterAttention));
            }
            case ON_BRANCH -> {
                INDArray afterAttention = norm2.apply(attended).addi(x);
                yield norm4.apply(mlp.apply(norm3.apply(afterAttention), fc, proj)).addi(afterAttention);
            }
        };
    }
}
