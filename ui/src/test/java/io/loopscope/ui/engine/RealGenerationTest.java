package io.loopscope.ui.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.trace.Generated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Generate in the workbench's pipeline on the shipped model: the real engine, the real analysis. */
class RealGenerationTest {

    @Test
    void generatesTheSumAndAnalysesEveryPositionOverItsOwnSteps() throws Exception {
        Assumptions.assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        RunPipeline p = io.loopscope.ui.testing.TestRuns.embeddedPipeline();
        List<StreamedToken> streamed = new ArrayList<>();
        RunSpec spec = new RunSpec(ModelRef.embeddedModel(), "47+85=", 32, RunSpec.InitMode.RANDOM, 0, 5,
                new GenerateSettings(4, ExitCriterion.KL, 5e-4, KvSharing.LATEST, false, Sampling.GREEDY, List.of()));
        RunResult r = p.run(spec, new RunPipeline.Progress() {
            @Override public void update(String message, double fraction) { }
            @Override public void token(StreamedToken t) { streamed.add(t); }
        }, () -> false);

        Generated g = r.trace().generation();
        assertArrayEquals(g.generatedIds(), streamed.stream().mapToLong(StreamedToken::id).toArray());
        assertEquals("132", g.settings().text(), "47 + 85 = 132, and then it stops");
        assertEquals("end-token", g.settings().stopReason(), "the model ends its answer by itself");
        assertEquals(g.settings().text() + io.loopscope.inference.train.CharVocab.END, String.join("", streamed.stream().map(StreamedToken::text).toList()),
                "the stream shows the end marker as its last token; the text leaves it out");
        ReportBacked report = (ReportBacked) r.analysis();
        for (int t = 0; t < r.tokens(); t++) {
            assertEquals(r.trace().stepsOf(t), report.data().ranSteps(t), "position " + t);
            if (t >= 6) {
                assertTrue(r.trace().stepsOf(t) < 32, "a generated token stops before R under kl");
                assertEquals(r.trace().stepsOf(t), r.analysis().exitStep(ExitCriterion.KL, 5e-4, t).getAsInt(),
                        "the offline exit at the run's threshold is where it stopped online");
            }
        }
    }
}
