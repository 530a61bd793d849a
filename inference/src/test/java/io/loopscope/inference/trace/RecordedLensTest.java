package io.loopscope.inference.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.testing.RequiresFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** A loop layer's lens read again from layer_states: the last layer is the trace's own lens, layer 0 the decode of its output. */
class RecordedLensTest {

    @RequiresFixtures
    @Test
    void theLastLayersLensIsTheTracesOwnAndLayerZeroDecodesItsOutput() throws Exception {
        ModelHandle model = ModelHandle.open(Fixtures.huginnTiny().resolve("f32"));
        long[] ids = {127, 208, 299, 131};
        int r = 5, k = 4;
        Trace t = Tracer.run(model.subject(), new TraceRequest(ids, r, new StateInit.Random(3), k, false, ExitThresholds.defaults(),
                TraceRequest.DEFAULT_MAX_ITERATIONS, null, true, true), List.of(), "test", s -> { }, () -> false);
        int layers = t.layerStates().dim(1);
        assertTrue(layers >= 2, "the fixture's core has " + layers + " layers");

        RecordedLens.Lenses last = RecordedLens.layerLens(model.model(), t, layers - 1, k, () -> false);
        assertArrayEquals(t.lensTopkIds().data(), last.coda().topkIds().data(), "the last layer's output is the state: the same guesses");
        assertArrayEquals(t.lensTopkProbs().data(), last.coda().topkProbs().data());
        assertArrayEquals(t.lensEntropy().data(), last.coda().entropy().data());
        assertArrayEquals(t.lensKl().data(), last.coda().kl().data());
        assertArrayEquals(t.logitLens().topkIds().data(), last.logit().topkIds().data());
        assertArrayEquals(t.logitLens().topkProbs().data(), last.logit().topkProbs().data());

        RecordedLens.Lenses first = RecordedLens.layerLens(model.model(), t, 0, k, () -> false);
        int tokens = ids.length, hidden = t.hidden();
        for (int step = 1; step <= r; step++) {
            float[] h = java.util.Arrays.copyOfRange(t.layerStates().data(), ((step - 1) * layers) * tokens * hidden, ((step - 1) * layers + 1) * tokens * hidden);
            var state = Nd4j.create(h, new long[] {tokens, hidden}, 'c');
            var coda = model.model().decode(state);
            var logit = model.model().logitLens(state).orElseThrow();
            for (int p = 0; p < tokens; p++) {
                assertEquals(coda.getRow(p).argMax().getInt(0), first.coda().topkIds().get(step, p, 0), "coda lens of layer_states[" + (step - 1) + ", 0]");
                assertEquals(logit.getRow(p).argMax().getInt(0), first.logit().topkIds().get(step, p, 0), "logit lens of layer_states[" + (step - 1) + ", 0]");
            }
        }
        assertArrayEquals(java.util.Arrays.copyOf(t.lensTopkIds().data(), tokens * k), java.util.Arrays.copyOf(first.coda().topkIds().data(), tokens * k),
                "step 0 is s_0, which no layer made: as the block output's");
        assertTrue(!java.util.Arrays.equals(t.lensTopkProbs().data(), first.coda().topkProbs().data()), "layer 0 reads another state");
    }

    @RequiresFixtures
    @Test
    void whatCannotBeReadSaysWhy() throws Exception {
        ModelHandle model = ModelHandle.open(Fixtures.huginnTiny().resolve("f32"));
        long[] ids = {127, 208};
        Trace plain = Tracer.run(model.subject(), new TraceRequest(ids, 2, new StateInit.Zeros()), List.of(), "test", s -> { }, () -> false);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RecordedLens.layerLens(model.model(), plain, 0, 3, () -> false))
                .getMessage().startsWith("this trace has no layer states"));
        Trace layered = Tracer.run(model.subject(), new TraceRequest(ids, 2, new StateInit.Zeros(), 3, false, ExitThresholds.defaults(),
                TraceRequest.DEFAULT_MAX_ITERATIONS, null, true, true), List.of(), "test", s -> { }, () -> false);
        int c = layered.layerStates().dim(1);
        assertEquals("layer " + c + " is outside the trace's " + c + " loop layers (0.." + (c - 1) + ")",
                assertThrows(IllegalArgumentException.class, () -> RecordedLens.layerLens(model.model(), layered, c, 3, () -> false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordedLens.layerLens(model.model(), layered, -1, 3, () -> false));
        assertThrows(java.util.concurrent.CancellationException.class, () -> RecordedLens.layerLens(model.model(), layered, 0, 3, () -> true));
    }
}
