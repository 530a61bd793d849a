package io.loopscope.inference.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.checkpoint.CheckpointLoader;
import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnLayout;
import io.loopscope.inference.checkpoint.HuginnWeights;
import io.loopscope.inference.checkpoint.LoadedCheckpoint;
import io.loopscope.inference.checkpoint.RandomWeights;
import io.loopscope.inference.io.Npy;
import io.loopscope.inference.model.HuginnModel;
import io.loopscope.inference.testing.Fixtures;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import io.loopscope.inference.checkpoint.SlrConfig;
import io.loopscope.inference.model.StepListener;
import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.testing.SlrModels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import io.loopscope.inference.testing.RequiresFixtures;

/**
 * One model definition: the SameDiff forward the trainer differentiates equals (1) the independent
 * float64 reference of the huginn-tiny fixture and (2) the inference engine, on the same weights —
 * plain Huginn and with every SLR stabiliser.
 */
@RequiresFixtures
class SdHuginnParityTest {
    private static final double ATOL = 1e-5;

    @Test
    void matchesTheFixtureReference() throws Exception {
        Path fixture = Fixtures.huginnTiny();
        LoadedCheckpoint checkpoint = CheckpointLoader.load(fixture.resolve("f32"));
        Map<String, INDArray> params = params(checkpoint.config(), checkpoint.weights());
        for (String[] c : new String[][] {{"A", "16"}, {"B", "4"}}) {
            INDArray ids = Npy.read(fixture.resolve("inputs/" + c[0] + "_ids.npy")).castTo(DataType.INT);
            int tokens = (int) ids.length(), r = Integer.parseInt(c[1]);
            INDArray s = Npy.read(fixture.resolve("inputs/" + c[0] + "_s0.npy")).castTo(DataType.FLOAT);     // [S, H]
            String dir = "expected/f32/" + c[0] + "_s0_r" + r + "/";
            INDArray states = Npy.read(fixture.resolve(dir + "states.npy")).castTo(DataType.FLOAT);         // [r+1, S, H]
            INDArray logits = Npy.read(fixture.resolve(dir + "logits.npy")).castTo(DataType.FLOAT);         // [S, V]

            ForwardGraph graph = new ForwardGraph(checkpoint.config(), params, 1, tokens);
            INDArray e = graph.embed(ids.reshape(1, tokens));
            assertClose(Npy.read(fixture.resolve("expected/f32/" + c[0] + "_prelude.npy")), e, "prelude " + c[0]);
            INDArray s0 = s;
            for (int i = 1; i <= r; i++) {
                s = graph.step(s, e, s0, i);
                assertClose(states.get(NDArrayIndex.point(i)), s, "state " + i + " of " + c[0]);
            }
            assertClose(logits, graph.decode(s), "logits " + c[0]);
            INDArray select = Nd4j.zeros(DataType.FLOAT, 1, tokens);
            select.putScalar(0, tokens - 1, 1);
            assertClose(logits.getRow(tokens - 1).reshape(1, -1), graph.decodeAt(s, select), "logits at the last position " + c[0]);
        }
    }

    /** Plain Huginn, then each SLR stabiliser on its own and all together (random LoRA B, so the deltas act). */
    static java.util.stream.Stream<SlrConfig> stabilisers() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(SlrConfig.NONE), SlrModels.VARIANTS.stream());
    }

    @ParameterizedTest
    @MethodSource("stabilisers")
    void matchesTheEngineOnABatchWithPadding(SlrConfig slr) {
        HuginnConfig config = new HuginnConfig(32, 2, 2, 88, CharVocab.standard().size(), 1, 2, 1, 1e-6, 50000, 16, true, true, 4)
                .withSlr(slr);
        HuginnWeights weights = SlrModels.weights(config, 7);
        HuginnModel engine = new HuginnModel(config, weights);
        int batch = 2, seqLen = 8, r = 6;
        long[][] prompts = {{5, 9, 13, 2, 40, 41, 7, 8}, {12, 3, 30, 4, 6}};          // the second is padded to 8
        int[][] ids = new int[batch][seqLen];
        for (int b = 0; b < batch; b++) for (int t = 0; t < prompts[b].length; t++) ids[b][t] = (int) prompts[b][t];
        INDArray s0 = Trainer.likeInit(new SplittableRandom(3), batch * seqLen, config.hidden());   // [B·S, H]

        ForwardGraph graph = new ForwardGraph(config, params(config, weights), batch, seqLen);
        INDArray e = graph.embed(Nd4j.createFromArray(ids));
        INDArray s = s0;
        INDArray[] sdStates = new INDArray[r + 1];
        sdStates[0] = s;
        for (int i = 1; i <= r; i++) sdStates[i] = s = graph.step(s, e, s0, i);   // r = 6 > T = 3: past the trained steps too
        INDArray sdLogits = graph.decode(s);                                                        // [B·S, V]

        for (int b = 0; b < batch; b++) {
            int n = prompts[b].length, offset = b * seqLen;
            INDArray rows = s0.get(NDArrayIndex.interval(offset, offset + n), NDArrayIndex.all()).dup();
            INDArray[] engineStates = new INDArray[r + 1];
            INDArray last = engine.recur(rows, engine.embed(prompts[b]), r, (i, state) -> engineStates[i] = state.dup());
            for (int i = 0; i <= r; i++) {
                assertClose(engineStates[i], sdStates[i].get(NDArrayIndex.interval(offset, offset + n), NDArrayIndex.all()),
                        slr.describe() + ": row " + b + " state " + i);
            }
            assertClose(engine.decode(last), sdLogits.get(NDArrayIndex.interval(offset, offset + n), NDArrayIndex.all()),
                    slr.describe() + ": row " + b + " logits");
        }
    }

    /**
     * The trainer's way: steps 1..r−k in the forward graph, then the differentiated window r−k+1..r,
     * whose τ rows and deltas are chosen by what is fed. Its logits at the supervised positions equal
     * the engine's after r steps, for every stabiliser.
     */
    @ParameterizedTest
    @MethodSource("stabilisers")
    void theTrainingWindowMatchesTheEngine(SlrConfig slr) {
        CharVocab vocab = CharVocab.standard();
        HuginnConfig config = new HuginnConfig(32, 2, 2, 88, vocab.size(), 1, 2, 1, 1e-6, 50000, 24, true, true, 4).withSlr(slr);
        HuginnWeights weights = SlrModels.weights(config, 8);
        Map<String, INDArray> params = params(config, weights);
        int seqLen = 24, r = 5, k = 2;
        Batch batch = Batch.of(List.of(new Example("hops", 2, "f>b a>c c>f a>>", 'f'), new Example("add", 2, "47+85=", "132")), vocab, seqLen);
        INDArray s0 = Trainer.likeInit(new SplittableRandom(4), 2 * seqLen, config.hidden());
        ForwardGraph forward = new ForwardGraph(config, params, 2, seqLen);
        INDArray e = forward.embed(batch.ids()), s = s0;
        for (int i = 1; i <= r - k; i++) s = forward.step(s, e, s0, i);
        INDArray logits = new TrainGraph(config, params, 2, seqLen, k, batch.positions())
                .run(batch.ids(), s, s0, r, batch.select(), batch.labels()).getOutputs().get("logits");      // [B·P, V]

        HuginnModel engine = new HuginnModel(config, weights);
        for (int b = 0; b < 2; b++) {
            long[] ids = new long[seqLen];
            for (int t = 0; t < seqLen; t++) ids[t] = batch.ids().getInt(b, t);
            INDArray rows = s0.get(NDArrayIndex.interval(b * seqLen, (b + 1) * seqLen), NDArrayIndex.all()).dup();
            INDArray expected = engine.decode(engine.recur(rows, engine.embed(ids), r, StepListener.NONE));     // [S, V]
            for (int j = 0; j < batch.positions(); j++) {
                INDArray slot = batch.select().get(NDArrayIndex.point(b), NDArrayIndex.point(j), NDArrayIndex.all());
                if (slot.sumNumber().intValue() == 0) continue;
                assertClose(expected.getRow(slot.argMax().getInt(0)).reshape(1, -1), logits.getRow((long) b * batch.positions() + j)
                        .reshape(1, -1), slr.describe() + ": row " + b + " position " + j);
            }
        }
    }

    static Map<String, INDArray> params(HuginnConfig config, HuginnWeights weights) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        HuginnLayout.flatten(config, weights).forEach((k, v) -> out.put(k, v.castTo(DataType.FLOAT).dup('c')));
        return out;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        expected = expected.castTo(DataType.FLOAT);
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
        double err = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(err <= ATOL, what + ": max abs error " + err + " > " + ATOL);
    }
}
