package io.loopscope.inference.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.testing.RequiresFixtures;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --layers: every loop layer's output at every step, whose last layer is the step's state. */
@RequiresFixtures
class LayerStatesRecordTest {

    private static Trace trace(ModelHandle model, long[] ids, int r, boolean layers) {
        return Tracer.run(model.subject(), new TraceRequest(ids, r, new StateInit.Random(3), 3, false, ExitThresholds.defaults(),
                TraceRequest.DEFAULT_MAX_ITERATIONS, null, true, layers), List.of(), "test", s -> { }, () -> false);
    }

    @Test
    void huginnRecordsEachCoreBlockAndItsLastIsTheState(@TempDir Path dir) throws Exception {
        ModelHandle model = ModelHandle.open(Fixtures.huginnTiny().resolve("f32"));
        long[] ids = {127, 208, 299, 131, 217};
        int r = 5;
        Trace with = trace(model, ids, r, true), without = trace(model, ids, r, false);
        FloatTensor layers = with.layerStates();
        assertArrayEquals(new int[] {r, 2, ids.length, 64}, layers.shape(), "[R, C, S, H] with the fixture's two core blocks");
        assertArrayEquals(without.states().data(), with.states().data(), "recording the layers changes nothing else");
        assertNull(without.layerStates());
        boolean differs = false;
        for (int step = 1; step <= r; step++) {
            for (int t = 0; t < ids.length; t++) {
                float[] last = row(layers, step - 1, 1, t), first = row(layers, step - 1, 0, t);
                assertArrayEquals(with.states().row(step, t), last, "the last core block's output is s_" + step);
                differs |= !Arrays.equals(first, last);
            }
        }
        assertTrue(differs, "the first core block's output is not the state");

        Path file = dir.resolve("layers.npz");
        TraceFile.write(file, with);
        assertArrayEquals(layers.data(), TraceFile.read(file).layerStates().data());
    }

    @Test
    void ouroReportsEveryLayerOfTheStackWithTheFinalNormOnTheLast() throws Exception {
        ModelHandle ouro = ModelHandle.open(Fixtures.ouroTiny().resolve("f32"));
        long[] ids = {5, 17, 3};
        Trace t = trace(ouro, ids, 3, true);
        int layers = ouro.model().loopLayers();
        assertEquals(layers, t.layerStates().dim(1));
        for (int step = 1; step <= 3; step++) {
            for (int k = 0; k < ids.length; k++) assertArrayEquals(t.states().row(step, k), row(t.layerStates(), step - 1, layers - 1, k));
        }
    }

    @Test
    void layerStatesOfTheWrongShapeAreRejected() throws Exception {
        ModelHandle model = ModelHandle.open(Fixtures.huginnTiny().resolve("f32"));
        Trace t = trace(model, new long[] {1, 2}, 2, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trace(t.info(), t.ids(), t.states(), t.finalLatent(),
                t.logits(), t.lensEntropy(), t.lensKl(), t.lensMinpKl(), t.lensTopkIds(), t.lensTopkProbs(), t.lens(), t.lnFWeight(),
                null, null, t.logitLens(), new FloatTensor(new int[] {3, 2, 2, 64}, new float[3 * 2 * 2 * 64])));
        assertEquals("layer_states must be [2, C, 2, 64], got " + new FloatTensor(new int[] {3, 2, 2, 64}, new float[3 * 2 * 2 * 64]), e.getMessage());
    }

    /** layer_states[step][layer][token], [H]. */
    private static float[] row(FloatTensor layers, int step, int layer, int token) {
        int c = layers.dim(1), s = layers.dim(2), h = layers.dim(3);
        int from = ((step * c + layer) * s + token) * h;
        return Arrays.copyOfRange(layers.data(), from, from + h);
    }
}
