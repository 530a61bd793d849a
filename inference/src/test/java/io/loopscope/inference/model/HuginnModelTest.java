package io.loopscope.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.checkpoint.BlockWeights;
import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnWeights;
import io.loopscope.inference.checkpoint.RandomWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Properties of the engine that the fixture (one head layout, no GQA) does not pin down. */
class HuginnModelTest {
    static final HuginnConfig MHA = new HuginnConfig(32, 4, 4, 48, 50, 1, 2, 1, 1e-6, 50000, 16, true, true, 8);
    static final HuginnConfig GQA = new HuginnConfig(32, 4, 2, 48, 50, 1, 2, 1, 1e-6, 50000, 16, true, true, 8);

    @Test
    void oneStepEqualsOneIterationOfTheLoop() {
        HuginnModel model = new HuginnModel(MHA, RandomWeights.create(MHA, 3));
        long[] ids = {1, 7, 9, 4};
        INDArray e = model.embed(ids);
        INDArray s0 = model.initialState(new StateInit.Random(5), ids.length);
        INDArray viaStep = model.step(s0, e);
        INDArray viaLoop = model.recur(s0, e, 1, StepListener.NONE);
        assertTrue(viaStep.equalsWithEps(viaLoop, 1e-6));
    }

    /** Grouped-query attention equals full attention whose key/value heads are the shared ones repeated. */
    @Test
    void groupedQueryAttentionEqualsRepeatedKeyValueHeads() {
        HuginnWeights gqa = RandomWeights.create(GQA, 11);
        HuginnWeights expanded = new HuginnWeights(gqa.wte(), expand(gqa.prelude()), gqa.adapter(), expand(gqa.core()),
                expand(gqa.coda()), gqa.lnF(), gqa.lmHead());
        HuginnModel grouped = new HuginnModel(GQA, gqa), full = new HuginnModel(MHA, expanded);
        long[] ids = {3, 1, 4, 1, 5};
        INDArray s0 = grouped.initialState(new StateInit.Random(2), ids.length);
        INDArray a = grouped.decode(grouped.recur(s0, grouped.embed(ids), 3, StepListener.NONE));
        INDArray b = full.decode(full.recur(s0, full.embed(ids), 3, StepListener.NONE));
        assertTrue(a.equalsWithEps(b, 1e-5), "GQA logits equal the expanded MHA logits");
    }

    @Test
    void theListenerSeesEveryStateAndCanCancel() {
        HuginnModel model = new HuginnModel(MHA, RandomWeights.create(MHA, 3));
        long[] ids = {1, 2};
        INDArray e = model.embed(ids), s0 = model.initialState(new StateInit.Zeros(), 2);
        List<Integer> seen = new ArrayList<>();
        model.recur(s0, e, 4, (step, state) -> seen.add(step));
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
        assertThrows(CancellationException.class, () -> model.recur(s0, e, 100, (step, state) -> {
            if (step == 3) throw new CancellationException("stop");
        }));
    }

    @Test
    void causalityALaterTokenDoesNotChangeEarlierStates() {
        HuginnModel model = new HuginnModel(MHA, RandomWeights.create(MHA, 8));
        long[] shortIds = {4, 8, 15}, longIds = {4, 8, 15, 16, 23};
        INDArray a = model.recur(model.initialState(new StateInit.Zeros(), 3), model.embed(shortIds), 3, StepListener.NONE);
        INDArray b = model.recur(model.initialState(new StateInit.Zeros(), 5), model.embed(longIds), 3, StepListener.NONE);
        assertTrue(a.equalsWithEps(b.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()), 1e-5));
    }

    @Test
    void randomInitIsSeededTruncatedAndScaledLikeHuginn() {
        float[] s0 = new StateInit.Random(1).create(64, 256);
        assertArrayEquals(s0, new StateInit.Random(1).create(64, 256));
        double std = Math.sqrt(2.0 / (5 * 256)) * Math.sqrt(256), sumSq = 0, max = 0;
        for (float v : s0) {
            sumSq += v * v;
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= 3 * std + 1e-6, "cut at 3σ");
        double measured = Math.sqrt(sumSq / s0.length);
        assertEquals(std * 0.9866, measured, std * 0.03, "std of a normal truncated at ±3σ is 0.9866σ");
    }

    @Test
    void badInputsAreExplained() {
        HuginnModel model = new HuginnModel(MHA, RandomWeights.create(MHA, 3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.embed(new long[0])).getMessage().contains("no tokens"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.embed(new long[17])).getMessage().contains("block_size) is 16"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.embed(new long[] {-1})).getMessage().contains("outside the vocabulary"));
    }

    private static List<BlockWeights> expand(List<BlockWeights> blocks) {
        List<BlockWeights> out = new ArrayList<>();
        for (BlockWeights b : blocks) {
            int hd = 8;
            INDArray q = b.wqkv().get(NDArrayIndex.interval(0, 32), NDArrayIndex.all());
            INDArray k = b.wqkv().get(NDArrayIndex.interval(32, 48), NDArrayIndex.all());
            INDArray v = b.wqkv().get(NDArrayIndex.interval(48, 64), NDArrayIndex.all());
            INDArray wqkv = Nd4j.vstack(q, repeatHeads(k, hd), repeatHeads(v, hd));
            INDArray qkBias = b.qkBias() == null ? null : expandBias(b.qkBias(), hd);
            out.add(new BlockWeights(b.norm1(), b.norm2(), b.norm3(), b.norm4(), wqkv, qkBias, b.proj(), b.fc(), b.mlpProj()));
        }
        return out;
    }

    /** Rows of 2 kv heads [2·hd, H] → 4 heads [h0, h0, h1, h1]. */
    private static INDArray repeatHeads(INDArray kv, int hd) {
        INDArray h0 = kv.get(NDArrayIndex.interval(0, hd), NDArrayIndex.all());
        INDArray h1 = kv.get(NDArrayIndex.interval(hd, 2 * hd), NDArrayIndex.all());
        return Nd4j.vstack(h0, h0, h1, h1);
    }

    /** qk_bias [2, 1, 4, hd]: the k row's first two heads are the kv heads' biases → repeat them. */
    private static INDArray expandBias(INDArray bias, int hd) {
        INDArray out = bias.dup();
        INDArray k = bias.get(NDArrayIndex.point(1), NDArrayIndex.point(0));
        out.get(NDArrayIndex.point(1), NDArrayIndex.point(0)).assign(Nd4j.vstack(k.getRow(0), k.getRow(0), k.getRow(1), k.getRow(1)));
        return out;
    }
}
