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
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import io.loopscope.inference.testing.RequiresFixtures;

/**
 * One model definition: the SameDiff forward the trainer differentiates equals (1) the independent
 * float64 reference of the huginn-tiny fixture and (2) the inference engine, on the same weights.
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
            for (int i = 1; i <= r; i++) {
                s = graph.step(s, e);
                assertClose(states.get(NDArrayIndex.point(i)), s, "state " + i + " of " + c[0]);
            }
            assertClose(logits, graph.decode(s), "logits " + c[0]);
            INDArray select = Nd4j.zeros(DataType.FLOAT, 1, tokens);
            select.putScalar(0, tokens - 1, 1);
            assertClose(logits.getRow(tokens - 1).reshape(1, -1), graph.decodeAt(s, select), "logits at the last position " + c[0]);
        }
    }

    @Test
    void matchesTheEngineOnABatchWithPadding() {
        HuginnConfig config = new HuginnConfig(32, 2, 2, 88, CharVocab.standard().size(), 1, 2, 1, 1e-6, 50000, 16, true, true, 4);
        HuginnWeights weights = RandomWeights.create(config, 7);
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
        for (int i = 1; i <= r; i++) sdStates[i] = s = graph.step(s, e);
        INDArray sdLogits = graph.decode(s);                                                        // [B·S, V]

        for (int b = 0; b < batch; b++) {
            int n = prompts[b].length, offset = b * seqLen;
            INDArray rows = s0.get(NDArrayIndex.interval(offset, offset + n), NDArrayIndex.all()).dup();
            INDArray[] engineStates = new INDArray[r + 1];
            INDArray last = engine.recur(rows, engine.embed(prompts[b]), r, (i, state) -> engineStates[i] = state.dup());
            for (int i = 0; i <= r; i++) {
                assertClose(engineStates[i], sdStates[i].get(NDArrayIndex.interval(offset, offset + n), NDArrayIndex.all()),
                        "row " + b + " state " + i);
            }
            assertClose(engine.decode(last), sdLogits.get(NDArrayIndex.interval(offset, offset + n), NDArrayIndex.all()), "row " + b + " logits");
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
