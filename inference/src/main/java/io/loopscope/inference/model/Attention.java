package io.loopscope.inference.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Causal multi-head self-attention with a fused Wqkv, an optional learned q/k bias added before RoPE,
 * and an output projection (no other biases), as in Huginn's CausalSelfAttention.
 */
public final class Attention {
    private final Linear wq, wk, wv;   // [nh·hd, H], [nkv·hd, H], [nkv·hd, H]: row blocks of the fused Wqkv
    private final INDArray qBias;      // [nh·hd] or null
    private final INDArray kBias;      // [nkv·hd] or null
    private final Linear proj;         // [H, H]
    private final int heads, kvHeads, headDim;
    private final Rope rope;
    private final Map<Integer, INDArray> masks = new ConcurrentHashMap<>(); // S → [nh, S, S]

    public Attention(INDArray wqkv, INDArray qkBias, INDArray proj, int heads, int kvHeads, int headDim, Rope rope) {
        int qWidth = heads * headDim, kvWidth = kvHeads * headDim;
        // Row-block views of Wqkv (no copy: BLAS reads them in place) so q, k and v each come out of
        // their own GEMM contiguous, with no strided slicing of a fused output.
        Linear fused = Linear.of(wqkv);
        this.wq = fused.rows(0, qWidth);
        this.wk = fused.rows(qWidth, qWidth + kvWidth);
        this.wv = fused.rows(qWidth + kvWidth, qWidth + 2 * kvWidth);
        this.proj = Linear.of(proj);
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.rope = rope;
        if (qkBias == null) {
            this.qBias = null;
            this.kBias = null;
        } else {
            // qk_bias is [2, 1, nh, hd]: row 0 biases q, row 1 biases k.
            this.qBias = qkBias.get(NDArrayIndex.point(0)).reshape(heads * headDim).dup();
            this.kBias = qkBias.get(NDArrayIndex.point(1)).reshape(heads * headDim)
                    .get(NDArrayIndex.interval(0, kvWidth)).dup();
        }
    }

    /** q, k, v of x [n, H] at positions [position, position + n): Wqkv (plus its delta when given), bias, then RoPE. */
    private INDArray[] project(INDArray x, int position, LowRank delta) {
        INDArray q = wq.apply(x); // [n, nh·hd]
        INDArray k = wk.apply(x); // [n, nkv·hd]
        INDArray v = wv.apply(x); // [n, nkv·hd]
        if (delta != null) {
            long qWidth = q.size(1), kvWidth = k.size(1);
            INDArray down = delta.down(x);          // [n, r], shared by the q, k and v row blocks
            delta.addUp(q, down, 0, qWidth);
            delta.addUp(k, down, qWidth, qWidth + kvWidth);
            delta.addUp(v, down, qWidth + kvWidth, qWidth + 2 * kvWidth);
        }
        if (qBias != null) {
            q.addiRowVector(qBias);
            k.addiRowVector(kBias);
        }
        rope.applyInPlace(q, position);
        rope.applyInPlace(k, position);
        return new INDArray[] {q, k, v};
    }

    /** x [S, H] (already normalised), positions 0..S-1, causal → [S, H]. */
    public INDArray apply(INDArray x) {
        return apply(x, null, null);
    }

    /** As {@link #apply(INDArray)}, with low-rank deltas on Wqkv and proj (either may be null). */
    INDArray apply(INDArray x, LowRank qkvDelta, LowRank projDelta) {
        int tokens = (int) x.size(0);
        INDArray[] qkv = project(x, 0, qkvDelta);
        INDArray q = qkv[0], k = qkv[1], v = qkv[2];

        INDArray qh = byHead(q, heads, tokens);                    // [nh, S, hd]
        INDArray kh = repeatHeads(byHead(k, kvHeads, tokens));     // [nh, S, hd]
        INDArray vh = repeatHeads(byHead(v, kvHeads, tokens));     // [nh, S, hd]

        INDArray scores = Nd4j.matmul(qh, kh, false, true, false); // [nh, S, S]
        scores.muli(1.0 / Math.sqrt(headDim)).addi(causalMask(tokens));
        INDArray weights = Nd4j.exec(new SoftMax(scores, scores, 2))[0]; // each row sums to 1
        INDArray mixed = Nd4j.matmul(weights, vh);                 // [nh, S, hd]
        INDArray merged = mixed.permute(1, 0, 2).dup('c').reshape('c', tokens, heads * headDim); // [S, nh·hd]
        return output(merged, projDelta);                          // [S, H]
    }

    /** merged [n, nh·hd] → proj (plus its delta) → [n, H]. */
    private INDArray output(INDArray merged, LowRank projDelta) {
        INDArray out = proj.apply(merged);
        if (projDelta != null) projDelta.addTo(out, merged);
        return out;
    }

    /**
     * x [n, H] at positions [position, position + n) against a cache: their K/V go into {@code slot},
     * and each attends causally to its own chunk in that slot and to every earlier position t in
     * the slot {@code earlierSlot.applyAsInt(t)} names (-1: left out). → [n, H].
     */
    public INDArray applyCached(INDArray x, int position, KvCache cache, int slot, IntUnaryOperator earlierSlot) {
        return applyCached(x, position, cache, slot, earlierSlot, null, null);
    }

    /** As {@link #applyCached(INDArray, int, KvCache, int, IntUnaryOperator)}, with low-rank deltas on Wqkv and proj (either may be null). */
    INDArray applyCached(INDArray x, int position, KvCache cache, int slot, IntUnaryOperator earlierSlot, LowRank qkvDelta,
                         LowRank projDelta) {
        int n = (int) x.size(0), width = kvHeads * headDim, group = heads / kvHeads;
        INDArray[] qkv = project(x, position, qkvDelta);
        float[] q = Kernels.dense(qkv[0]).data().asFloat();           // [n, nh·hd]
        cache.write(slot, position, Kernels.dense(qkv[1]).data().asFloat(), Kernels.dense(qkv[2]).data().asFloat(), n);

        int visible = position + n;
        int[] rowSlot = new int[visible];                             // which slot holds row t, -1 = left out
        for (int t = 0; t < visible; t++) rowSlot[t] = t < position ? earlierSlot.applyAsInt(t) : slot;
        float[] mixed = new float[n * heads * headDim];               // [n, nh·hd]
        double scale = 1.0 / Math.sqrt(headDim);
        double[] weights = new double[visible];
        for (int i = 0; i < n; i++) {
            int last = position + i;                                  // causal: rows 0..last
            for (int h = 0; h < heads; h++) {
                int qOff = (i * heads + h) * headDim, kvOff = (h / group) * headDim;
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t <= last; t++) {
                    if (rowSlot[t] < 0) continue;
                    float[] keys = cache.keys(rowSlot[t]);
                    double dot = 0;
                    for (int d = 0, at = t * width + kvOff; d < headDim; d++) dot += q[qOff + d] * keys[at + d];
                    weights[t] = dot * scale;
                    max = Math.max(max, weights[t]);
                }
                double sum = 0;
                for (int t = 0; t <= last; t++) if (rowSlot[t] >= 0) sum += weights[t] = Math.exp(weights[t] - max);
                for (int t = 0; t <= last; t++) {
                    if (rowSlot[t] < 0) continue;
                    float[] vals = cache.values(rowSlot[t]);
                    float w = (float) (weights[t] / sum);
                    for (int d = 0, at = t * width + kvOff; d < headDim; d++) mixed[qOff + d] += w * vals[at + d];
                }
            }
        }
        return output(Nd4j.create(mixed, new long[] {n, (long) heads * headDim}, 'c'), projDelta); // [n, H]
    }

    private INDArray byHead(INDArray x, int headCount, int tokens) {
        return x.reshape('c', tokens, headCount, headDim).permute(1, 0, 2).dup('c');
    }

    private INDArray repeatHeads(INDArray x) {
        return kvHeads == heads ? x : x.repeat(0, heads / kvHeads);
    }

    /** [nh, S, S]: 0 on and below the diagonal, a large negative number above it (built once per S). */
    private INDArray causalMask(int tokens) {
        return masks.computeIfAbsent(tokens, s -> Scratch.outside(() -> {
            float[][][] mask = new float[heads][s][s];
            for (float[][] head : mask) {
                for (int i = 0; i < s; i++) {
                    for (int j = i + 1; j < s; j++) head[i][j] = -1e30f;
                }
            }
            return Nd4j.createFromArray(mask);
        }));
    }
}
