package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Causal multi-head self-attention with a fused Wqkv, an optional learned q/k bias added before RoPE,
 * and an output projection (no other biases), as in Huginn's CausalSelfAttention.
 */
public final class Attention {
    private final INDArray wqkv;  // [(nh + 2·nkv)·hd, H]
    private final INDArray qBias; // [nh·hd] or null
    private final INDArray kBias; // [nkv·hd] or null
    private final INDArray proj;  // [H, H]
    private final int heads, kvHeads, headDim;
    private final Rope rope;

    public Attention(INDArray wqkv, INDArray qkBias, INDArray proj, int heads, int kvHeads, int headDim, Rope rope) {
        this.wqkv = wqkv;
        this.proj = proj;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.rope = rope;
        if (qkBias == null) {
            this.qBias = null;
            this.kBias = null;
        } else {
            // qk_bias is [2, 1, nh, hd]: row 0 biases q, row 1 biases k (nkv heads of it).
            this.qBias = qkBias.get(NDArrayIndex.point(0)).reshape(heads * headDim).dup();
            this.kBias = qkBias.get(NDArrayIndex.point(1)).reshape(heads * headDim)
                    .get(NDArrayIndex.interval(0, kvHeads * headDim)).dup();
        }
    }

    /** x [S, H] (already normalised) → [S, H]. */
    public INDArray apply(INDArray x) {
        int tokens = (int) x.size(0);
        int qWidth = heads * headDim, kvWidth = kvHeads * headDim;
        INDArray qkv = Nd4j.gemm(x, wqkv, false, true);                                   // [S, qW + 2·kvW]
        INDArray q = qkv.get(NDArrayIndex.all(), NDArrayIndex.interval(0, qWidth)).dup();  // [S, nh·hd]
        INDArray k = qkv.get(NDArrayIndex.all(), NDArrayIndex.interval(qWidth, qWidth + kvWidth)).dup();
        INDArray v = qkv.get(NDArrayIndex.all(), NDArrayIndex.interval(qWidth + kvWidth, qWidth + 2 * kvWidth)).dup();
        if (qBias != null) {
            q.addiRowVector(qBias);
            k.addiRowVector(kBias);
        }
        q = rope.apply(q);
        k = rope.apply(k);

        INDArray qh = byHead(q, heads, tokens);                      // [nh, S, hd]
        INDArray kh = repeatHeads(byHead(k, kvHeads, tokens));       // [nh, S, hd]
        INDArray vh = repeatHeads(byHead(v, kvHeads, tokens));       // [nh, S, hd]

        INDArray scores = Nd4j.matmul(qh, kh, false, true, false);   // [nh, S, S]
        scores.muli(1.0 / Math.sqrt(headDim));
        scores.addi(causalMask(tokens).broadcast(heads, tokens, tokens));
        INDArray weights = Nd4j.exec(new SoftMax(scores, scores, 2))[0]; // rows sum to 1
        INDArray mixed = Nd4j.matmul(weights, vh);                   // [nh, S, hd]
        INDArray merged = mixed.permute(1, 0, 2).dup('c').reshape('c', tokens, qWidth); // [S, nh·hd]
        return Nd4j.gemm(merged, proj, false, true);                 // [S, H]
    }

    private INDArray byHead(INDArray x, int headCount, int tokens) {
        return x.reshape('c', tokens, headCount, headDim).permute(1, 0, 2).dup('c');
    }

    private INDArray repeatHeads(INDArray x) {
        return kvHeads == heads ? x : x.repeat(0, heads / kvHeads);
    }

    /** [S, S] with 0 on and below the diagonal and a large negative number above it. */
    private static INDArray causalMask(int tokens) {
        float[][] mask = new float[tokens][tokens];
        for (int i = 0; i < tokens; i++) {
            for (int j = i + 1; j < tokens; j++) mask[i][j] = -1e30f;
        }
        return Nd4j.createFromArray(mask);
    }
}
