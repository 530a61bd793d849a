package io.loopscope.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.probe.Probe;
import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeSet;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.analysis.probe.ProbeSource;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ModelHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The Probes view's pipeline on the shipped model: the command line's probe, through the workbench's loader. */
class RealProbeTest {

    @Test
    void theAnswerOfASumBecomesDecodableAsTheCommandLineFindsIt() throws Exception {
        Assumptions.assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        ProbePipeline p = new ProbePipeline(new HuginnModelLoader(() -> {
            try {
                return EmbeddedModel.directory();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "test"));
        ProbeSettings s = new ProbeSettings(new ProbeSource.TaskPrompts("sum", null, 100), ProbeLabel.ANSWER, null, 5, 4, 0);
        ProbeResult r = p.run(ModelRef.embeddedModel(), s, (m, f) -> { }, () -> false);
        ProbeCurve c = r.curve();
        assertEquals(100, r.prompts());
        assertEquals("embedded", r.model());
        assertEquals(6, c.points().size(), "iterations 0..5");
        assertTrue(c.points().getFirst().accuracy() < 0.25, "s0 carries no answer: " + c.points().getFirst());
        assertTrue(c.points().getLast().accuracy() > c.points().getFirst().accuracy() + 0.1, "the answer becomes decodable: " + c.points());
        assertTrue(c.maxControl() < 0.3, "the control stays near chance (0.10): " + c.maxControl());
        assertTrue(c.points().getLast().lensAccuracy() > 0.8, "the lens answers by iteration 5: " + c.points().getLast());
        assertTrue(r.summary().contains("the lens gets it right (≥ 0.5) at iteration " + c.firstLensReaching(ProbeResult.LEVEL)), r.summary());

        ModelHandle handle = ModelHandle.open(EmbeddedModel.directory());
        assertEquals(Probe.run(handle, s, ProbeSet.of(s), n -> { }, () -> false), c, "the same curve as loopscope probe: deterministic for its seed");
    }
}
