package io.loopscope.inference.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.testing.RequiresFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where chosen tokens rank under each lens at every step and layer. */
class RankTrajectoryTest {

    @Test
    void aRankCountsTheLogitsAboveIt() {
        float[] logits = {0.5f, 3f, -1f, 3f, 2f,    9f, 1f, 1f, 0f, 8f};   // two rows of V = 5
        assertEquals(1, RankRecorder.rank(logits, 0, 5, 1), "the top logit ranks 1");
        assertEquals(1, RankRecorder.rank(logits, 0, 5, 3), "a tie shares the better rank");
        assertEquals(3, RankRecorder.rank(logits, 0, 5, 4));
        assertEquals(5, RankRecorder.rank(logits, 0, 5, 2), "the lowest ranks V");
        assertEquals(3, RankRecorder.rank(logits, 1, 5, 1), "rows are positions");
    }

    @Test
    void idsOutsideTheVocabularyOrListedTwiceAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RankRecorder(new long[] {300}, 2, 1, 300, 0));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> new TraceRequest(new long[] {1}, 2, new StateInit.Zeros(), 3,
                false, ExitThresholds.defaults(), 8, null, true, false, new long[] {4, 4}));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    }

    @RequiresFixtures
    @Test
    void ranksUnderBothLensesAgreeWithTheRecordedTopKAndSurviveTheFile(@TempDir Path dir) throws Exception {
        ModelHandle model = ModelHandle.open(Fixtures.huginnTiny().resolve("f32"));
        long[] ids = {127, 208, 299, 131, 217}, chosen = {17, 208, 3};
        int r = 4;
        Trace t = Tracer.run(model.subject(), new TraceRequest(ids, r, new StateInit.Random(1), 5, true, ExitThresholds.defaults(),
                TraceRequest.DEFAULT_MAX_ITERATIONS, null, true, true, chosen), List.of(), "test", s -> { }, () -> false);
        Trace.Ranks ranks = t.ranks();
        assertArrayEquals(new int[] {r + 1, ids.length, 3}, ranks.coda().shape());
        int v = model.model().vocab();
        float[] full = t.lens().data();                                           // [R+1, S, V] (--full-lens)
        for (int step = 0; step <= r; step++) {
            for (int p = 0; p < ids.length; p++) {
                float[] row = java.util.Arrays.copyOfRange(full, (step * ids.length + p) * v, (step * ids.length + p + 1) * v);
                for (int k = 0; k < chosen.length; k++) {
                    assertEquals(RankRecorder.rank(row, 0, v, chosen[k]), ranks.coda().data()[(step * ids.length + p) * 3 + k]);
                }
                int top = t.lensTopkIds().data()[(step * ids.length + p) * 5];
                for (int k = 0; k < chosen.length; k++) {
                    if (chosen[k] == top) assertEquals(1, ranks.coda().data()[(step * ids.length + p) * 3 + k], "the top-1 ranks first");
                }
                int logitTop = t.logitLens().topkIds().data()[(step * ids.length + p) * 5];
                for (int k = 0; k < chosen.length; k++) {
                    int rank = ranks.logit().data()[(step * ids.length + p) * 3 + k];
                    assertTrue(rank >= 1 && rank <= v);
                    if (chosen[k] == logitTop) assertEquals(1, rank, "the logit lens's top-1 ranks first under it");
                }
            }
        }
        assertArrayEquals(new int[] {r, 2, ids.length, 3}, ranks.layerCoda().shape());
        for (int step = 1; step <= r; step++) {
            for (int i = 0; i < ids.length * 3; i++) {
                assertEquals(ranks.coda().data()[step * ids.length * 3 + i], ranks.layerCoda().data()[((step - 1) * 2 + 1) * ids.length * 3 + i],
                        "the last layer's rank is the step's");
                assertEquals(ranks.logit().data()[step * ids.length * 3 + i], ranks.layerLogit().data()[((step - 1) * 2 + 1) * ids.length * 3 + i]);
            }
        }
        Path file = dir.resolve("ranks.npz");
        TraceFile.write(file, t);
        Trace.Ranks back = TraceFile.read(file).ranks();
        assertArrayEquals(chosen, back.ids());
        assertArrayEquals(ranks.coda().data(), back.coda().data());
        assertArrayEquals(ranks.layerLogit().data(), back.layerLogit().data());

        Trace plain = Tracer.run(model.subject(), new TraceRequest(ids, r, new StateInit.Random(1)), List.of(), "test", s -> { }, () -> false);
        assertNull(plain.ranks());
        assertNotNull(plain.logitLens());
    }

    @RequiresFixtures
    @Test
    void tokensChosenAfterTheRunRankAsIfTheRunHadAskedForThem() throws Exception {
        ModelHandle model = ModelHandle.open(Fixtures.huginnTiny().resolve("f32"));
        long[] ids = {127, 208, 299, 131}, chosen = {208, 5, 299};
        int r = 6;
        Trace asked = Tracer.run(model.subject(), new TraceRequest(ids, r, new StateInit.Random(2), 5, false, ExitThresholds.defaults(),
                TraceRequest.DEFAULT_MAX_ITERATIONS, null, true, true, chosen), List.of(), "test", s -> { }, () -> false);
        Trace plain = Tracer.run(model.subject(), new TraceRequest(ids, r, new StateInit.Random(2), 5, false, ExitThresholds.defaults(),
                TraceRequest.DEFAULT_MAX_ITERATIONS, null, true, true), List.of(), "test", s -> { }, () -> false);
        Trace.Ranks replayed = RankReplay.of(model.model(), plain, chosen, true, () -> false);
        Trace.Ranks recorded = asked.ranks();
        assertArrayEquals(chosen, replayed.ids());
        assertArrayEquals(recorded.coda().shape(), replayed.coda().shape());
        assertArrayEquals(recorded.coda().data(), replayed.coda().data(), "the coda lens read again ranks as it did in the run");
        assertArrayEquals(recorded.logit().data(), replayed.logit().data());
        assertArrayEquals(recorded.layerCoda().shape(), replayed.layerCoda().shape());
        assertArrayEquals(recorded.layerCoda().data(), replayed.layerCoda().data(), "and so does every core layer");
        assertArrayEquals(recorded.layerLogit().data(), replayed.layerLogit().data());

        Trace.Ranks blockOnly = RankReplay.of(model.model(), plain, chosen, false, () -> false);
        assertNull(blockOnly.layerCoda(), "layers only when asked for");
        assertArrayEquals(recorded.coda().data(), blockOnly.coda().data());
    }

    @RequiresFixtures
    @Test
    void whatCannotBeReadAgainSaysWhy() throws Exception {
        ModelHandle model = ModelHandle.open(Fixtures.huginnTiny().resolve("f32"));
        long[] ids = {127, 208};
        Trace t = Tracer.run(model.subject(), new TraceRequest(ids, 3, new StateInit.Zeros()), List.of(), "test", s -> { }, () -> false);
        IllegalArgumentException noLayers = assertThrows(IllegalArgumentException.class, () -> RankReplay.of(model.model(), t, new long[] {3}, true, () -> false));
        assertTrue(noLayers.getMessage().contains("no layer states"), noLayers.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> RankReplay.of(model.model(), t, new long[] {3, 3}, false, () -> false));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RankReplay.of(model.model(), t, new long[] {model.model().vocab()}, false, () -> false));
        Trace generated = new Trace(t.info(), t.ids(), t.states(), t.finalLatent(), t.logits(), t.lensEntropy(), t.lensKl(), t.lensMinpKl(),
                t.lensTopkIds(), t.lensTopkProbs(), null, t.lnFWeight(),
                new Generated(new int[] {3, 2}, new long[] {5, 6}, new Generated.Settings(1, "kl", 5e-4, "latest", false, "greedy", List.of(), "max-new-tokens", "x")));
        IllegalArgumentException generation = assertThrows(IllegalArgumentException.class, () -> RankReplay.of(model.model(), generated, new long[] {3}, false, () -> false));
        assertTrue(generation.getMessage().contains("generation"), generation.getMessage());
        assertThrows(java.util.concurrent.CancellationException.class, () -> RankReplay.of(model.model(), t, new long[] {3}, false, () -> true));
    }
}
