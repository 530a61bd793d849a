package io.loopscope.inference.ouro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.Generator;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.loopscope.inference.testing.RequiresFixtures;

/** Generation on an Ouro model: its KV cache (one slot per loop and layer) and its gate as the exit criterion. */
@RequiresFixtures
class OuroGenerationTest {
    static ModelHandle model;

    @BeforeAll
    static void open() throws Exception {
        model = ModelHandle.open(Fixtures.ouroTiny().resolve("f32"));
    }

    private static Trace generate(ExitCriterion exit, double threshold, int loops) {
        return Generator.run(model.subject(), new GenerationRequest(new long[] {5, 17, 3, 9}, 6, loops, exit, threshold, KvSharing.LATEST,
                new StateInit.Zeros(), false), id -> "#" + id, "test", GenerationListener.NONE, () -> false);
    }

    @Test
    void cachedGenerationAtFixedLoopsEqualsAWholeSequencePass() {
        Trace generated = generate(ExitCriterion.NONE, 0, 4);
        Trace pass = Tracer.run(model.subject(), new TraceRequest(generated.ids(), 4, new StateInit.Zeros()), List.of(), "test",
                step -> { }, () -> false);
        assertEquals("embedding", generated.info().init(), "Ouro's loop starts at the token embeddings");
        assertTrue(maxError(pass.states().data(), generated.states().data()) < 1e-5);
        assertTrue(maxError(pass.logits().data(), generated.logits().data()) < 1e-5);
        assertTrue(maxError(pass.exitGate().lambda().data(), generated.exitGate().lambda().data()) < 1e-5);
    }

    @Test
    void eachGeneratedTokenStopsWhereItsGateReachesTheThreshold() {
        double q = 0.5;
        Trace trace = generate(ExitCriterion.GATE, q, 8);
        int prompt = 4, loops = 8, tokens = trace.tokenCount();
        float[] lambda = trace.exitGate().lambda().data();          // [R, S]
        boolean someEarly = false;
        for (int t = prompt; t < tokens; t++) {
            double survive = 1;
            int expected = loops;
            for (int i = 0; i < loops; i++) {
                survive *= 1 - lambda[i * tokens + t];
                if (1 - survive >= q) {
                    expected = i + 1;
                    break;
                }
            }
            assertEquals(expected, trace.generation().stepsAt(t), "position " + t);
            someEarly |= expected < loops;
            for (int i = expected; i < loops; i++) assertTrue(Float.isNaN(lambda[i * tokens + t]), "no λ past the exit");
        }
        assertTrue(someEarly, "at q = 0.5 some generated token exits before loop 8");
    }

    private static double maxError(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
