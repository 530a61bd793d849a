package io.loopscope.inference.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.checkpoint.CheckpointLoader;
import io.loopscope.inference.checkpoint.LoadedCheckpoint;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.testing.RequiresFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second lens: lm_head(ln_f(s)) without the coda, recorded at every step beside the coda lens. */
@RequiresFixtures
class LogitLensRecordTest {

    @Test
    void theLogitLensIsTheHeadOfTheNormalisedStateWithoutTheCoda(@TempDir Path dir) throws Exception {
        Path f32 = Fixtures.huginnTiny().resolve("f32");
        ModelHandle model = ModelHandle.open(f32);
        long[] ids = {127, 208, 299, 131, 217};
        Trace trace = Tracer.run(model.subject(), new TraceRequest(ids, 4, new StateInit.Zeros(), 3, false, ExitThresholds.defaults(),
                TraceRequest.DEFAULT_MAX_ITERATIONS, null), List.of(), "test", s -> { }, () -> false);
        LensRecord logit = trace.logitLens();
        assertNotNull(logit);

        LoadedCheckpoint c = CheckpointLoader.load(f32);
        float[] lnF = c.weights().lnF().dup('c').data().asFloat();
        float[] head = c.weights().lmHead().dup('c').data().asFloat();   // [V, H]
        int h = model.model().hidden(), v = model.model().vocab(), tokens = ids.length;
        double eps = c.config().normEps();
        boolean differs = false;
        for (int step = 0; step <= 4; step++) {
            for (int t = 0; t < tokens; t++) {
                float[] s = trace.states().row(step, t);
                double ms = 0;
                for (float x : s) ms += (double) x * x;
                double scale = 1 / Math.sqrt(ms / h + eps);
                double[] logits = new double[v];
                int best = 0;
                for (int w = 0; w < v; w++) {
                    for (int j = 0; j < h; j++) logits[w] += s[j] * scale * lnF[j] * head[w * h + j];
                    if (logits[w] > logits[best]) best = w;
                }
                double max = logits[best], z = 0;
                for (double l : logits) z += Math.exp(l - max);
                int at = (step * tokens + t) * 3;
                assertEquals(best, logit.topkIds().data()[at], "top-1 at step " + step + ", token " + t);
                assertEquals(1 / z, logit.topkProbs().data()[at], 1e-4, "its probability");
                differs |= logit.topkIds().data()[at] != trace.lensTopkIds().data()[at];
            }
        }
        assertTrue(differs, "the coda changes the read-out somewhere: the two lenses are not the same lens");

        Path file = dir.resolve("t.npz");
        TraceFile.write(file, trace);
        assertEquals(logit, TraceFile.read(file).logitLens());
    }

    @Test
    void aFamilyWhoseLensIsAlreadyTheHeadRecordsOnlyOne() throws Exception {
        ModelHandle ouro = ModelHandle.open(Fixtures.ouroTiny().resolve("f32"));
        Trace trace = Tracer.run(ouro.subject(), new TraceRequest(new long[] {5, 17}, 2, new StateInit.Zeros()), List.of(), "test",
                s -> { }, () -> false);
        assertNull(trace.logitLens());
    }
}
