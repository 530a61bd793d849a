package io.loopscope.analysis.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.model.LoopedModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** probe --layers on the embedded model (2 core layers): a probe per (iteration, layer), and what it refuses. */
class ProbeLayersRunTest {
    private static ModelHandle handle;
    private static final ProbeSettings SETTINGS = new ProbeSettings(new ProbeSource.TaskPrompts("sum", null, 40), ProbeLabel.ANSWER, null, 4, 4, 3);

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        handle = ModelHandle.open(EmbeddedModel.directory());
    }

    @Test
    void theLastCoreLayersProbeIsTheBlockOutputsProbe() throws Exception {
        ProbeSettings s = SETTINGS.withLayers(ProbeLayers.ALL);
        ProbeSet set = ProbeSet.of(s);
        long[] work = {0};
        ProbeCurve layered = Probe.run(handle, s, set, n -> work[0] += n, () -> false);
        assertEquals(s.work(set.size(), 2), work[0], "progress counts every prompt and every fit");
        assertEquals(List.of(0, 1), layered.layers());
        ProbeCurve plain = Probe.run(handle, SETTINGS, set, n -> { }, () -> false);
        for (int i = 0; i < plain.points().size(); i++) {
            ProbeCurve.Point p = plain.points().get(i), q = layered.points().get(i);
            assertEquals(p.accuracy(), q.accuracy(), "the block output's probe is unchanged by --layers");
            assertEquals(p.lensAccuracy(), q.lensAccuracy());
            if (i == 0) continue;
            assertEquals(p.accuracy(), q.layer(1).orElseThrow().accuracy(), "layer_states[i-1, -1] is states[i]: iteration " + i);
            assertEquals(p.controlAccuracy(), q.layer(1).orElseThrow().controlAccuracy(), "and the same control labels");
        }
        ProbeCurve one = Probe.run(handle, SETTINGS.withLayers(ProbeLayers.parse("0")), set, n -> { }, () -> false);
        for (int i = 1; i < one.points().size(); i++) {
            assertEquals(layered.points().get(i).layer(0), one.points().get(i).layer(0), "a listed layer reads as in all");
        }
    }

    @Test
    void layersTheModelLacksAreRefusedBeforeAnyPromptRuns() throws Exception {
        ProbeSettings s = SETTINGS.withLayers(ProbeLayers.parse("0,2"));
        int[] ran = {0};
        var e = assertThrows(IllegalArgumentException.class, () -> Probe.run(handle, s, ProbeSet.of(s), n -> ran[0] += n, () -> false));
        assertEquals("--layers 2 is outside the loop of the huginn model, which has 2 layers (0..1)", e.getMessage());
        assertEquals(0, ran[0]);
    }

    @Test
    void aLoopThatReportsNoLayersIsNamed() throws Exception {
        LoopedModel real = handle.model();
        // the same model, but its loop never tells a LayerListener anything (as a family without layer reporting)
        LoopedModel silent = (LoopedModel) Proxy.newProxyInstance(LoopedModel.class.getClassLoader(), new Class<?>[] {LoopedModel.class}, (p, m, args) -> {
            if (m.getName().equals("recur") && args.length == 5) args[4] = null;
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException x) {
                throw x.getCause();
            }
        });
        ProbeSettings s = SETTINGS.withLayers(ProbeLayers.ALL);
        var e = assertThrows(IllegalArgumentException.class, () -> Probe.run(silent, handle.tokenizer().orElseThrow(), s, ProbeSet.of(s), n -> { }, () -> false));
        assertEquals("the huginn model's loop reported no output of layer 0 at iteration 1: it records no loop layers to probe", e.getMessage());
    }
}
