package io.loopscope.inference.train;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnLayout;
import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import io.loopscope.inference.model.Rope;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Huginn forward pass as SameDiff ops, for training, with SLR's stabilisers when the config has
 * them ({@link SdStabilisers}). It is the engine's maths
 * ({@code io.loopscope.inference.model.HuginnModel}) written a second time so it can be differentiated;
 * SdHuginnParityTest proves the two equal on the same weights.
 *
 * <p>Activations are 2-D [N, H] with N = B·S (batch rows of S tokens each, S fixed per graph);
 * attention reshapes to heads. Weights are SameDiff variables named exactly like Huginn's tensors,
 * so a checkpoint is the variables' arrays under their own names.
 */
final class SdHuginn {
    private final SameDiff sd;
    private final HuginnConfig c;
    private final int batch;
    private final int seqLen;
    private final Map<String, SDVariable> weights = new HashMap<>();
    private final Map<String, SDVariable> rowBroadcasts = new HashMap<>();
    private final Map<String, Block> blocks = new HashMap<>();
    private final SDVariable cos;      // [B, S, nh, hd]  cos(pos·θ_i), each value twice (pairs)
    private final SDVariable sin;      // [B, S, nh, hd]  (−sin, +sin) per pair
    private final SDVariable swap;     // [hd, hd]  permutation swapping the two elements of each pair
    private final SDVariable mask;     // [B·nh, S, S]  0 on/below the diagonal, −1e30 above
    private final SDVariable onesRow;  // [1, H]
    private final SDVariable onesCol;  // [N, 1]
    private final SdStabilisers stabilisers;

    /**
     * Declares every tensor of params as a variable of sd (the arrays are used as they are, not copied),
     * for a graph of {@code depth} consecutive loop iterations (the slots of {@link #step}).
     *
     * <p>Why a fixed batch size B: SameDiff's backward of a broadcasting multiply is very slow here
     * (measured 35 ms per call at N = 2560, H = 128 — more than the matrix products), so every
     * broadcast is avoided: position tables and masks are full-size constants, and row/column
     * broadcasts are outer products (a matmul with a ones vector), whose backward is a GEMM.
     */
    SdHuginn(SameDiff sd, HuginnConfig config, Map<String, INDArray> params, int batch, int seqLen, int depth) {
        this.sd = sd;
        this.c = config;
        this.batch = batch;
        this.seqLen = seqLen;
        if (seqLen > config.blockSize()) throw new IllegalArgumentException("sequence length " + seqLen + " exceeds block_size " + config.blockSize());
        for (String name : HuginnLayout.required(config).keySet()) {
            INDArray arr = params.get(name);
            if (arr == null) throw new IllegalArgumentException("missing parameter " + name);
            weights.put(name, sd.var(name, arr));
            // The optimizer updates params in place; every graph must see those very arrays, not copies.
            if (sd.getArrForVarName(name) != arr) throw new IllegalStateException("SameDiff copied parameter " + name);
        }
        int hd = config.headDim();
        float[][] cosT = new float[seqLen][hd], sinT = new float[seqLen][hd];
        float[][][] table = Rope.table(hd, config.ropeBase(), seqLen);   // the engine's own angles
        for (int pos = 0; pos < seqLen; pos++) {
            for (int i = 0; i < hd / 2; i++) {
                float co = table[0][pos][i], si = table[1][pos][i];
                cosT[pos][2 * i] = co;
                cosT[pos][2 * i + 1] = co;
                sinT[pos][2 * i] = -si;
                sinT[pos][2 * i + 1] = si;
            }
        }
        float[][] swapT = new float[hd][hd];
        for (int i = 0; i < hd; i += 2) {
            swapT[i + 1][i] = 1;
            swapT[i][i + 1] = 1;
        }
        float[][] maskT = new float[seqLen][seqLen];
        for (int i = 0; i < seqLen; i++) for (int j = i + 1; j < seqLen; j++) maskT[i][j] = -1e30f;
        int nh = config.heads();
        this.cos = sd.constant("rope_cos", tile(Nd4j.createFromArray(cosT).reshape(1, seqLen, 1, hd), batch, 1, nh, 1));
        this.sin = sd.constant("rope_sin", tile(Nd4j.createFromArray(sinT).reshape(1, seqLen, 1, hd), batch, 1, nh, 1));
        this.swap = sd.constant("rope_swap", Nd4j.createFromArray(swapT));
        this.mask = sd.constant("causal_mask", tile(Nd4j.createFromArray(maskT).reshape(1, seqLen, seqLen), batch * nh, 1, 1));
        this.onesRow = sd.constant("ones_row", Nd4j.ones(DataType.FLOAT, 1, config.hidden()));
        this.onesCol = sd.constant("ones_col", Nd4j.ones(DataType.FLOAT, (long) batch * seqLen, 1));
        this.stabilisers = new SdStabilisers(sd, config, this::w, onesCol, depth, (long) batch * seqLen);
    }

    private static INDArray tile(INDArray x, int... reps) {
        return x.repeat(0, reps[0]).repeat(1, reps[1]).repeat(2, reps[2]).dup('c').reshape(shapeTimes(x, reps)).dup('c');
    }

    private static long[] shapeTimes(INDArray x, int... reps) {
        long[] shape = x.shape().clone();
        for (int i = 0; i < reps.length; i++) shape[i] *= reps[i];
        return shape;
    }

    int seqLen() {
        return seqLen;
    }

    int batch() {
        return batch;
    }

    SameDiff sameDiff() {
        return sd;
    }

    /** e = prelude(onehot(ids)·wte·√H): ids [B, S] int → [N, H]. One-hot × matrix, not gather (see STACK.md). */
    SDVariable embed(SDVariable ids) {
        SDVariable oneHot = sd.oneHot(ids, c.vocab(), -1, 1.0, 0.0, DataType.FLOAT); // [B, S, V]
        SDVariable x = sd.reshape(oneHot, -1, c.vocab()).mmul(w(HuginnLayout.WTE)).mul(c.embedScale()); // [N, H]
        for (int i = 0; i < c.preludeLayers(); i++) x = block(HuginnLayout.PRELUDE + i + ".").apply(x, Map.of());
        return x;
    }

    /**
     * One loop iteration in window slot {@code slot} (its step's τ and deltas come from
     * {@link #feeds}): x = s + τ, h = core(adapter([x; e])), s' = h + α·ref.  s, e [N, H] → [N, H].
     */
    SDVariable step(SDVariable s, SDVariable e, int slot) {
        SDVariable x = stabilisers.enter(s, slot);                                                // [N, H]
        SDVariable h = sd.mmul(sd.concat(1, x, e), w(HuginnLayout.ADAPTER), false, true, false); // [N, 2H]·[H, 2H]ᵀ
        for (int i = 0; i < c.coreLayers(); i++) h = block(HuginnLayout.CORE + i + ".").apply(h, stabilisers.delta(i, slot));
        return stabilisers.leave(h, s);
    }

    /** The stabilisers' placeholders for a window whose slot 0 is loop step firstStep, with the loop's start s0 [N, H]. */
    Map<String, INDArray> feeds(int firstStep, INDArray s0) {
        return stabilisers.feeds(firstStep, s0);
    }

    /** ln_f(coda(ln_f(s))) [N, H]: everything of decode but the head. */
    SDVariable decodeLatent(SDVariable s) {
        SDVariable x = rmsNorm(s, w(HuginnLayout.LN_F));
        for (int i = 0; i < c.codaLayers(); i++) x = block(HuginnLayout.CODA + i + ".").apply(x, Map.of());
        return rmsNorm(x, w(HuginnLayout.LN_F));
    }

    /** Logits at every position: s [N, H] → [N, V] (tied head: wteᵀ). */
    SDVariable decode(SDVariable s) {
        return sd.mmul(decodeLatent(s), w(HuginnLayout.WTE), false, true, false);
    }

    /**
     * Logits at one position per row: s [N, H], select [B, S] one-hot over positions → [B, V].
     * The coda still sees every position (it attends causally); only the head is narrowed.
     */
    SDVariable decodeAt(SDVariable s, SDVariable select) {
        return decodeAt(s, select, 1);
    }

    /** Logits at P positions per row: s [N, H], select [B, P, S] (one-hot rows, or zero rows) → [B·P, V]. */
    SDVariable decodeAt(SDVariable s, SDVariable select, int positions) {
        SDVariable x = sd.reshape(decodeLatent(s), batch, seqLen, c.hidden());                  // [B, S, H]
        SDVariable picked = sd.mmul(sd.reshape(select, batch, positions, seqLen), x);             // [B, P, H]
        return sd.mmul(sd.reshape(picked, (long) batch * positions, c.hidden()), w(HuginnLayout.WTE), false, true, false); // [B·P, V]
    }

    private SDVariable w(String name) {
        return weights.get(name);
    }

    private SDVariable rmsNorm(SDVariable x, SDVariable weight) {
        SDVariable meanSquare = x.mul(x).mean(true, 1);                               // [N, 1]
        SDVariable inverseRms = sd.math.rsqrt(meanSquare.add(c.normEps())).mmul(onesRow); // [N, H] (outer product)
        return x.mul(inverseRms).mul(rows(weight));
    }

    /** w [H] repeated on every row: [N, H], made once per weight and graph. */
    private SDVariable rows(SDVariable w) {
        return rowBroadcasts.computeIfAbsent(w.name(), k -> onesCol.mmul(sd.reshape(w, 1, c.hidden())));
    }

    private Block block(String prefix) {
        return blocks.computeIfAbsent(prefix, Block::new);
    }

    /** One sandwich block; its weight slices are made once and shared by every iteration that applies it. */
    private final class Block {
        final SDVariable n1, n2, n3, n4, wq, wk, wv, qBias, kBias, proj, gate, up, down;

        Block(String p) {
            int q = c.heads() * c.headDim(), kv = c.kvHeads() * c.headDim(), inter = c.intermediate();
            n1 = w(p + "norm_1.weight");
            n2 = w(p + "norm_2.weight");
            n3 = w(p + "norm_3.weight");
            n4 = w(p + "norm_4.weight");
            SDVariable wqkv = w(p + "attn.Wqkv.weight");                                          // [q+2kv, H]
            wq = wqkv.get(SDIndex.interval(0, q), SDIndex.all());
            wk = wqkv.get(SDIndex.interval(q, q + kv), SDIndex.all());
            wv = wqkv.get(SDIndex.interval(q + kv, q + 2 * kv), SDIndex.all());
            if (c.qkBias()) {
                SDVariable bias = sd.reshape(w(p + "attn.qk_bias"), 2, q);                        // [2, 1, nh, hd] → [2, nh·hd]
                qBias = bias.get(SDIndex.point(0));                                                // [nh·hd]
                kBias = bias.get(SDIndex.point(1), SDIndex.interval(0, kv));                       // [nkv·hd]
            } else {
                qBias = null;
                kBias = null;
            }
            proj = w(p + "attn.proj.weight");                                                      // [H, H]
            SDVariable fc = w(p + "mlp.fc.weight");                                                // [2I, H]
            gate = fc.get(SDIndex.interval(0, inter), SDIndex.all());
            up = fc.get(SDIndex.interval(inter, 2 * inter), SDIndex.all());
            down = w(p + "mlp.proj.weight");                                                       // [H, I]
        }

        /**
         * x̂ = n2(x + attn(n1(x))); x' = n4(x̂ + mlp(n3(x̂))), each targeted linear with its low-rank
         * delta (empty: the plain block).  x [N, H] → [N, H].
         */
        SDVariable apply(SDVariable x, Map<LoraTarget, SdStabilisers.LowRank> delta) {
            SDVariable mid = rmsNorm(attention(rmsNorm(x, n1), delta).add(x), n2);
            return rmsNorm(mlp(rmsNorm(mid, n3), delta).add(mid), n4);
        }

        private SDVariable attention(SDVariable x, Map<LoraTarget, SdStabilisers.LowRank> delta) {
            int nh = c.heads(), nkv = c.kvHeads(), hd = c.headDim();
            SDVariable q = sd.mmul(x, wq, false, true, false);   // [N, nh·hd]
            SDVariable k = sd.mmul(x, wk, false, true, false);   // [N, nkv·hd]
            SDVariable v = sd.mmul(x, wv, false, true, false);   // [N, nkv·hd]
            SdStabilisers.LowRank qkv = delta.get(LoraTarget.ATTN_WQKV);
            if (qkv != null) {
                long qw = (long) nh * hd, kvw = (long) nkv * hd;
                SDVariable low = sd.mmul(x, qkv.a(), false, true, false);               // [N, r], shared by q, k and v
                q = q.add(rowBlockDelta(low, qkv.b(), 0, qw));
                k = k.add(rowBlockDelta(low, qkv.b(), qw, qw + kvw));
                v = v.add(rowBlockDelta(low, qkv.b(), qw + kvw, qw + 2 * kvw));
            }
            if (qBias != null) {
                q = q.add(qBias);
                k = k.add(kBias);
            }
            if (nkv != nh) throw new UnsupportedOperationException("grouped-query attention is not trained here");
            SDVariable qh = heads(rope(q, nh), nh);             // [B·nh, S, hd]
            SDVariable kh = heads(rope(k, nkv), nkv);
            SDVariable vh = heads(sd.reshape(v, batch, seqLen, nkv, hd), nkv);
            SDVariable scores = sd.mmul(qh, kh, false, true, false).mul(1.0 / Math.sqrt(hd)).add(mask); // [B·nh, S, S]
            SDVariable mixed = sd.mmul(sd.nn.softmax(scores, 2), vh);                                   // [B·nh, S, hd]
            SDVariable merged = sd.reshape(sd.permute(sd.reshape(mixed, batch, nh, seqLen, hd), 0, 2, 1, 3), batch * seqLen, nh * hd); // [N, H]
            return withDelta(sd.mmul(merged, proj, false, true, false), merged, delta.get(LoraTarget.ATTN_PROJ));
        }

        /** low [N, r] · B[from, to)ᵀ → [N, to − from]: the delta of a row block of W. */
        private SDVariable rowBlockDelta(SDVariable low, SDVariable b, long from, long to) {
            return sd.mmul(low, b.get(SDIndex.interval(from, to), SDIndex.all()), false, true, false);
        }

        /** y + (x·Aᵀ)·Bᵀ, or y without a delta. */
        private SDVariable withDelta(SDVariable y, SDVariable x, SdStabilisers.LowRank d) {
            if (d == null) return y;
            return y.add(sd.mmul(sd.mmul(x, d.a(), false, true, false), d.b(), false, true, false));
        }

        /** Interleaved-pair RoPE: x·cos + swap(x)·(∓sin). x [N, n·hd] → [B, S, n, hd] (n = nh: tables are per head). */
        private SDVariable rope(SDVariable x, int n) {
            int hd = c.headDim();
            SDVariable x4 = sd.reshape(x, batch, seqLen, n, hd);
            SDVariable swapped = sd.reshape(sd.reshape(x, -1, hd).mmul(swap), batch, seqLen, n, hd);
            return x4.mul(cos).add(swapped.mul(sin));
        }

        /** [B, S, n, hd] → [B·n, S, hd]. */
        private SDVariable heads(SDVariable x4, int n) {
            return sd.reshape(sd.permute(x4, 0, 2, 1, 3), batch * n, seqLen, c.headDim());
        }

        private SDVariable mlp(SDVariable x, Map<LoraTarget, SdStabilisers.LowRank> delta) {
            SDVariable g = sd.mmul(x, gate, false, true, false); // [N, I]
            SDVariable u = sd.mmul(x, up, false, true, false);   // [N, I]
            SdStabilisers.LowRank fc = delta.get(LoraTarget.MLP_FC);
            if (fc != null) {
                long width = c.intermediate();
                SDVariable low = sd.mmul(x, fc.a(), false, true, false);                 // [N, r], shared by gate and up
                g = g.add(rowBlockDelta(low, fc.b(), 0, width));
                u = u.add(rowBlockDelta(low, fc.b(), width, 2 * width));
            }
            SDVariable silu = g.mul(sd.nn.sigmoid(g));
            SDVariable gated = silu.mul(u);                                               // [N, I]
            return withDelta(sd.mmul(gated, down, false, true, false), gated, delta.get(LoraTarget.MLP_PROJ)); // [N, H]
        }
    }
}
