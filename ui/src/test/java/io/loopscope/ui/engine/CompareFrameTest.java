package io.loopscope.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.testing.Fixtures;
import io.loopscope.ui.testing.FakeServices;
import org.junit.jupiter.api.Test;
import io.loopscope.inference.testing.RequiresFixtures;

/** Compare draws run B in run A's PCA frame (the analysis module's projection), not in its own. */
@RequiresFixtures
class CompareFrameTest {

    @Test
    void runBIsProjectedOntoTheAxesOfRunA() throws Exception {
        RunPipeline p = new RunPipeline(new HuginnModelLoader(() -> null, "test"), new AnalysisAdapter());
        ModelRef fixture = ModelRef.folder(Fixtures.huginnTiny().resolve("f32"));
        RunResult a = p.run(new RunSpec(fixture, "1 2 3 4 5 6", 16, RunSpec.InitMode.RANDOM, 0, 5), (m, f) -> { }, () -> false);
        RunResult b = p.run(new RunSpec(fixture, "1 2 3 4 5 6", 16, RunSpec.InitMode.RANDOM, 1, 5), (m, f) -> { }, () -> false);
        RunAnalysis aOnA = p.analyzer().inFrameOf(a.analysis(), a.analysis());
        for (int t = 0; t < a.tokens(); t++) {
            for (int s = 0; s <= a.iterations(); s++) {
                assertEquals(a.analysis().projection(t, s, 0), aOnA.projection(t, s, 0), 1e-3, "A in its own frame is A");
            }
        }
        RunAnalysis bOnA = p.analyzer().inFrameOf(a.analysis(), b.analysis());
        assertNotNull(bOnA);
        assertEquals(a.analysis().explainedVariance(0), bOnA.explainedVariance(0), "axis labels are A's");
        assertEquals(b.analysis().motif(2), bOnA.motif(2), "motifs stay B's own");
        double diff = 0;
        for (int s = 0; s <= b.iterations(); s++) diff += Math.abs(bOnA.projection(2, s, 0) - b.analysis().projection(2, s, 0));
        assertTrue(diff > 1e-3, "B's own PCA and A's frame differ");
        assertNull(FakeServices.analyzer().inFrameOf(a.analysis(), b.analysis()), "analyses that are not the module's own: no common frame");
    }
}
