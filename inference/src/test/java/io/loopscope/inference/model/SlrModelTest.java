package io.loopscope.inference.model;

import static io.loopscope.inference.testing.SlrModels.BASE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.checkpoint.BlockWeights;
import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnWeights;
import io.loopscope.inference.checkpoint.LoraDelta;
import io.loopscope.inference.checkpoint.RandomWeights;
import io.loopscope.inference.checkpoint.SlrConfig;
import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import io.loopscope.inference.checkpoint.SlrConfig.Residual;
import io.loopscope.inference.checkpoint.SlrConfig.Timestep;
import io.loopscope.inference.testing.SlrModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The stabilisers of the SLR loop against what each one is defined to do. */
class SlrModelTest {
    private static final long[] IDS = {1, 7, 9, 4, 11};

    private static HuginnWeights plainOf(HuginnWeights w) {
        return new HuginnWeights(w.wte(), w.prelude(), w.adapter(), w.core(), w.coda(), w.lnF(), w.lmHead());
    }

    private static INDArray start(HuginnModel model) {
        return model.initialState(new StateInit.Random(5), IDS.length);
    }

    @Test
    void theSinusoidalEmbeddingIsTheTransformersFormulaAtTheStep() {
        // t = 3, H = 8: frequencies 10000^(−2i/8) = 1, 0.1, 0.01, 0.001
        float[] expected = {0.14112001f, -0.9899925f, 0.29552021f, 0.95533649f, 0.0299955f, 0.99955003f, 0.0029999955f, 0.9999955f};
        assertArrayEquals(expected, TimestepEmbedding.sinusoidal(3, 8), 1e-7f);
        assertArrayEquals(new float[] {(float) Math.sin(1), (float) Math.cos(1)}, TimestepEmbedding.sinusoidal(1, 2));
    }

    @Test
    void aTimestepEmbeddingIsAddedToTheStateBeforeThePlainStep() {
        for (SlrConfig slr : List.of(SlrConfig.timestep(Timestep.SINUSOIDAL, 0), SlrConfig.timestep(Timestep.LEARNED, 3))) {
            HuginnConfig c = BASE.withSlr(slr);
            HuginnWeights w = SlrModels.weights(c, 3);
            HuginnModel model = new HuginnModel(c, w), plain = new HuginnModel(BASE, plainOf(w));
            INDArray s = start(model), e = model.embed(IDS);
            for (int t : new int[] {1, 2, 3, 5, 40}) {
                INDArray tau = slr.timestep() == Timestep.SINUSOIDAL ? Nd4j.createFromArray(TimestepEmbedding.sinusoidal(t, c.hidden()))
                        : w.slr().timestep().getRow(Math.min(t, 3) - 1);          // beyond T = 3: the last row
                INDArray expected = plain.step(s.addRowVector(tau), e, s, t, null);
                assertClose(expected, model.step(s, e, s, t, null), 1e-6, slr.describe() + " at step " + t);
            }
        }
    }

    @Test
    void loraWithBAtZeroIsPlainHuginnExactly() {
        HuginnConfig c = BASE.withSlr(SlrModels.VARIANTS.get(2));
        HuginnWeights w = RandomWeights.create(c, 4);                             // B = 0, as training starts
        HuginnModel model = new HuginnModel(c, w), plain = new HuginnModel(BASE, plainOf(w));
        INDArray s0 = start(model);
        float[] a = model.recur(s0, model.embed(IDS), 6, StepListener.NONE).dup('c').data().asFloat();
        float[] b = plain.recur(s0, plain.embed(IDS), 6, StepListener.NONE).dup('c').data().asFloat();
        assertArrayEquals(b, a, "a zero delta adds exactly nothing");
    }

    @Test
    void loraEqualsTheCoreWithWPlusBAFormedOut() {
        for (SlrConfig slr : List.of(SlrModels.VARIANTS.get(2), SlrModels.VARIANTS.get(3))) {   // beyond T: the last; none
            HuginnConfig c = BASE.withSlr(slr);
            HuginnWeights w = SlrModels.weights(c, 6);
            HuginnModel model = new HuginnModel(c, w);
            INDArray s = start(model), e = model.embed(IDS);
            for (int t = 1; t <= 5; t++) {
                HuginnModel formed = new HuginnModel(BASE, withDeltasFormed(w, slr.loraIteration(t)));
                assertClose(formed.step(s, e, s, t, null), model.step(s, e, s, t, null), 2e-5, slr.describe() + " at step " + t);
            }
            HuginnModel plain = new HuginnModel(BASE, plainOf(w));
            double moved = plain.step(s, e, s, 1, null).sub(model.step(s, e, s, 1, null)).amaxNumber().doubleValue();
            assertTrue(moved > 1e-3, "the deltas change the step: " + moved);
        }
    }

    /** The plain weights with W + B·A of LoRA iteration it in every core block (it = 0: the plain core). */
    private static HuginnWeights withDeltasFormed(HuginnWeights w, int it) {
        List<BlockWeights> core = new ArrayList<>();
        for (int j = 0; j < w.core().size(); j++) {
            BlockWeights b = w.core().get(j);
            core.add(new BlockWeights(b.norm1(), b.norm2(), b.norm3(), b.norm4(), formed(b.wqkv(), w, j, LoraTarget.ATTN_WQKV, it),
                    b.qkBias(), formed(b.proj(), w, j, LoraTarget.ATTN_PROJ, it), formed(b.fc(), w, j, LoraTarget.MLP_FC, it),
                    formed(b.mlpProj(), w, j, LoraTarget.MLP_PROJ, it)));
        }
        return new HuginnWeights(w.wte(), w.prelude(), w.adapter(), core, w.coda(), w.lnF(), w.lmHead());
    }

    private static INDArray formed(INDArray weight, HuginnWeights w, int layer, LoraTarget target, int it) {
        LoraDelta d = w.slr().delta(layer, target, it);
        return d == null ? weight : weight.add(d.b().mmul(d.a()));                 // [out, r]·[r, in]
    }

    @Test
    void withTheCoreSilencedTheResidualIsAClosedForm() {
        // norm_4 = 0 makes every core block output 0 whatever it reads, so s_t = α·ref:
        // ref = s_{t−1} gives α^t·s_0, ref = s_0 gives α·s_0 — whatever τ and the deltas do inside.
        for (Residual kind : new Residual[] {Residual.PREVIOUS, Residual.S0}) {
            SlrConfig slr = new SlrConfig(Timestep.LEARNED, 3, 2, java.util.EnumSet.allOf(LoraTarget.class), 3,
                    SlrConfig.LoraBeyond.LAST, kind, 0.5);
            HuginnConfig c = BASE.withSlr(slr);
            HuginnWeights w = silenced(SlrModels.weights(c, 9));
            HuginnModel model = new HuginnModel(c, w);
            INDArray s0 = start(model);
            List<INDArray> states = new ArrayList<>();
            model.recur(s0, model.embed(IDS), 6, (step, state) -> states.add(state.dup()));
            for (int t = 1; t <= 6; t++) {
                double factor = kind == Residual.PREVIOUS ? Math.pow(0.5, t) : 0.5;
                assertClose(s0.mul(factor), states.get(t), 1e-6, kind + " at step " + t);
            }
        }
    }

    private static HuginnWeights silenced(HuginnWeights w) {
        List<BlockWeights> core = w.core().stream().map(b -> new BlockWeights(b.norm1(), b.norm2(), b.norm3(),
                Nd4j.zeros(DataType.FLOAT, b.norm4().shape()), b.wqkv(), b.qkBias(), b.proj(), b.fc(), b.mlpProj())).toList();
        return new HuginnWeights(w.wte(), w.prelude(), w.adapter(), core, w.coda(), w.lnF(), w.lmHead(), w.slr());
    }

    @Test
    void theLastLayerAStepReportsIsItsStateAfterTheResidual() {
        HuginnConfig c = BASE.withSlr(SlrModels.VARIANTS.getLast());
        HuginnModel model = new HuginnModel(c, SlrModels.weights(c, 2));
        INDArray s0 = start(model);
        List<float[]> lastLayer = new ArrayList<>(), states = new ArrayList<>();
        model.recur(s0, model.embed(IDS), 4, (step, state) -> states.add(state.dup('c').data().asFloat()), (step, layer, out) -> {
            if (layer == c.coreLayers() - 1) lastLayer.add(out.dup('c').data().asFloat());   // the array lives in the step's workspace
        });
        for (int t = 1; t <= 4; t++) assertArrayEquals(states.get(t), lastLayer.get(t - 1), "step " + t);
    }

    @Test
    void theFamilySummaryAndDescriptionNameTheStabilisers() {
        HuginnConfig c = BASE.withSlr(SlrModels.VARIANTS.getLast());
        HuginnModel model = new HuginnModel(c, SlrModels.weights(c, 2));
        assertEquals("slr", model.family());
        assertEquals("SLR (timestep learned (T 3) · loop LoRA r 2 on all core linears (T 3, then the last) · residual s0 ×0.7) · H 32 · "
                + "prelude/core/coda 1/2/1 · vocab 50", model.describe());
        Map<String, Object> summary = model.summary();
        assertEquals(List.of("timestep-learned", "loop-lora", "loop-residual-s0"), summary.get("stabilisers"));
        assertEquals("s0", summary.get("slr.loop_residual"));
        assertEquals(0.7, summary.get("slr.loop_residual_scale"));
        assertEquals(List.of("attn.Wqkv", "attn.proj", "mlp.fc", "mlp.proj"), summary.get("slr.loop_lora_targets"));
        assertEquals(c.parameterCount(), summary.get("parameters"));
        HuginnModel plain = new HuginnModel(BASE, RandomWeights.create(BASE, 2));
        assertEquals("huginn", plain.family());
        assertFalse(plain.summary().containsKey("stabilisers"));
        assertTrue(model.stepFlops(5) > plain.stepFlops(5), "the deltas' matmuls count");
    }

    @Test
    void aTokensLoopMapIsItsStepWithItsOwnStartAndIndex() {
        HuginnConfig c = BASE.withSlr(SlrModels.VARIANTS.getLast());                // learned τ, LoRA, residual to s_0
        HuginnModel model = new HuginnModel(c, SlrModels.weights(c, 2));
        INDArray s0 = start(model), e = model.embed(IDS);
        INDArray held = model.recur(s0, e, 2, StepListener.NONE);
        double[][] states = held.castTo(DataType.DOUBLE).toDoubleMatrix(), starts = s0.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] mapped = new TokenLoopMap(model, IDS, states, starts, 3, 3).apply(states[3]);
        INDArray expected = model.step(held, e, s0, 3, null).getRow(3);
        assertClose(expected, Nd4j.createFromArray(mapped), 1e-6, "the map of step 3");
        double[] first = new TokenLoopMap(model, IDS, states, starts, 3, 1).apply(states[3]);
        assertTrue(Nd4j.createFromArray(first).sub(Nd4j.createFromArray(mapped)).amaxNumber().doubleValue() > 1e-4,
                "step 1 is another map: its own τ row and LoRA delta");
    }

    @Test
    void stepsCountFromOne() {
        HuginnModel model = new HuginnModel(BASE, RandomWeights.create(BASE, 2));
        INDArray s = start(model), e = model.embed(IDS);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.step(s, e, s, 0, null)).getMessage().contains("from 1, got 0"));
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        double error = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(error <= tolerance, what + ": max |error| " + error + " > " + tolerance);
    }
}
