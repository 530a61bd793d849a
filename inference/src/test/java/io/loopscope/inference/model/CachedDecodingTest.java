package io.loopscope.inference.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.checkpoint.CheckpointLoader;
import io.loopscope.inference.checkpoint.LoadedCheckpoint;
import io.loopscope.inference.io.Npy;
import io.loopscope.inference.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import io.loopscope.inference.testing.RequiresFixtures;

/**
 * The cached path (embedAt / stepAt / decodeAt over a KvCache) at a fixed R: the prompt as one
 * chunk, then every later position alone. It must equal the independent reference's generation
 * case G1 (fixed R, given s0) and the uncached forward of the whole sequence.
 */
@RequiresFixtures
class CachedDecodingTest {
    private static final Path ROOT = Fixtures.huginnTiny();

    @ParameterizedTest
    @ValueSource(strings = {"f32", "bf16"})
    void fixedRCachedDecodingEqualsTheReferenceAndTheUncachedForward(String variant) throws Exception {
        LoadedCheckpoint c = CheckpointLoader.load(ROOT.resolve(variant));
        HuginnModel model = new HuginnModel(c.config(), c.weights());
        Path gen = ROOT.resolve("generation/" + variant + "/G1_none_given");
        long[] ids = Npy.read(gen.resolve("ids.npy")).castTo(DataType.INT64).data().asLong();
        INDArray s0 = Npy.read(gen.resolve("s0.npy")).castTo(DataType.FLOAT);       // [P, H]
        INDArray expectedStates = Npy.read(gen.resolve("states.npy"));               // [R+1, P, H]
        INDArray expectedLogits = Npy.read(gen.resolve("logits.npy"));               // [P, V]
        int r = (int) expectedStates.size(0) - 1, positions = (int) expectedStates.size(1), prompt = 4;
        long[] fed = java.util.Arrays.copyOf(ids, positions);                        // the last generated id is never fed back

        KvCache cache = model.newCache(positions, r, KvSharing.SKIP);
        INDArray[] last = new INDArray[positions];
        INDArray[] finalState = new INDArray[positions];
        runChunk(model, cache, fed, 0, prompt, s0, r, last, finalState);
        for (int p = prompt; p < positions; p++) runChunk(model, cache, fed, p, 1, s0, r, last, finalState);

        INDArray states = Nd4j.vstack(finalState);                                   // [P, H]
        INDArray logits = Nd4j.vstack(last);                                         // [P, V]
        assertClose("states at R vs reference", expectedStates.get(NDArrayIndex.point(r)), states, 2e-4);
        assertClose("logits vs reference", expectedLogits, logits, 2e-4);

        INDArray e = model.embed(fed);
        INDArray uncached = model.recur(s0, e, r, StepListener.NONE);
        assertClose("states vs uncached forward", uncached, states, 1e-4);
        assertClose("logits vs uncached forward", model.decode(uncached), logits, 1e-4);
    }

    /** The same on random SLR models (each stabiliser, and all at once): the cache is per step, so a step-dependent loop changes nothing. */
    @org.junit.jupiter.api.Test
    void fixedRCachedDecodingOnSlrModelsEqualsTheUncachedForward() {
        long[] ids = {3, 14, 15, 9, 26, 5, 35, 8};
        int r = 5, prompt = 3;                                                      // r > T = 3: the beyond rules run too
        for (io.loopscope.inference.checkpoint.SlrConfig slr : io.loopscope.inference.testing.SlrModels.VARIANTS) {
            var config = io.loopscope.inference.testing.SlrModels.BASE.withSlr(slr);
            HuginnModel model = new HuginnModel(config, io.loopscope.inference.testing.SlrModels.weights(config, 11));
            INDArray s0 = model.initialState(new StateInit.Random(3), ids.length);
            KvCache cache = model.newCache(ids.length, r, KvSharing.SKIP);
            INDArray[] last = new INDArray[ids.length], finalState = new INDArray[ids.length];
            runChunk(model, cache, ids, 0, prompt, s0, r, last, finalState);
            for (int p = prompt; p < ids.length; p++) runChunk(model, cache, ids, p, 1, s0, r, last, finalState);
            INDArray uncached = model.recur(s0, model.embed(ids), r, StepListener.NONE);
            assertClose(slr.describe() + ": states", uncached, Nd4j.vstack(finalState), 1e-5);
            assertClose(slr.describe() + ": logits", model.decode(uncached), Nd4j.vstack(last), 1e-5);
        }
    }

    private static void runChunk(HuginnModel model, KvCache cache, long[] ids, int from, int n, INDArray s0, int r,
                                 INDArray[] logits, INDArray[] states) {
        INDArray e = model.embedAt(cache, java.util.Arrays.copyOfRange(ids, from, from + n), from);
        INDArray start = s0.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all()).dup(), s = start;
        model.decodeAt(cache, s, from);
        for (int k = 1; k <= r; k++) {
            s = model.stepAt(cache, s, e, start, from, k);
            INDArray out = model.decodeAt(cache, s, from);
            if (k == r) {
                for (int i = 0; i < n; i++) {
                    logits[from + i] = out.getRow(i).reshape(1, out.size(1)).dup();
                    states[from + i] = s.getRow(i).reshape(1, s.size(1)).dup();
                }
            }
        }
        cache.commit(from, n, r);
    }

    private static void assertClose(String what, INDArray expected, INDArray actual, double tolerance) {
        double error = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        System.out.printf("cached %-28s max |error| %.3e (tolerance %.1e)%n", what, error, tolerance);
        assertTrue(error <= tolerance, what + ": max |error| " + error + " > " + tolerance);
    }
}
