package io.loopscope.ui.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.ui.testing.FakeModel;
import io.loopscope.ui.testing.FakeServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generate through the pipeline on the scripted model: tokens stream in order, stops, and bad stop strings. */
class GenerationPipelineTest {

    private static RunSpec spec(String prompt, int r, int maxNew, List<String> stops) {
        return new RunSpec(ModelRef.embeddedModel(), prompt, r, RunSpec.InitMode.RANDOM, 0, 5,
                new GenerateSettings(maxNew, ExitCriterion.KL, 5e-4, KvSharing.LATEST, false, Sampling.GREEDY, stops));
    }

    private static final class Recorder implements RunPipeline.Progress {
        final List<StreamedToken> tokens = new ArrayList<>();
        final List<Double> fractions = new ArrayList<>();
        List<String> prompt;

        @Override public void update(String message, double fraction) { fractions.add(fraction); }
        @Override public void prompt(List<String> p) { prompt = p; }
        @Override public void token(StreamedToken t) { tokens.add(t); }
    }

    @Test
    void tokensStreamAsTheyAreChosenAndMatchTheTrace() throws Exception {
        RunPipeline p = new RunPipeline(ref -> new FakeModel(0), FakeServices.analyzer());
        Recorder rec = new Recorder();
        RunResult r = p.run(spec("abc", 16, 5, List.of()), rec, () -> false);
        assertEquals(List.of("a", "b", "c"), rec.prompt);
        assertEquals(5, rec.tokens.size());
        long[] ids = rec.tokens.stream().mapToLong(StreamedToken::id).toArray();
        assertArrayEquals(r.trace().generation().generatedIds(), ids, "the streamed tokens are the generated ones");
        assertEquals(List.of("d", "e", "f", "g", "h"), rec.tokens.stream().map(StreamedToken::text).toList());
        assertEquals(2, rec.tokens.getFirst().position(), "token 0 is read off the prompt's last position");
        assertEquals(16, rec.tokens.getFirst().steps());
        for (int i = 1; i < 5; i++) {
            StreamedToken t = rec.tokens.get(i);
            assertEquals(3 + i - 1, t.position());
            assertEquals(r.trace().stepsOf(t.position()), t.steps(), "each token reports the steps of the position that chose it");
        }
        assertEquals("max-new-tokens", r.trace().generation().settings().stopReason());
        for (int i = 1; i < rec.fractions.size(); i++) {
            assertTrue(rec.fractions.get(i) >= rec.fractions.get(i - 1) || rec.fractions.get(i - 1) < 0, "progress never goes back");
        }
        assertEquals(7, r.tokens());
        assertEquals(7, r.analysis().tokens(), "every position that ran is analysed");
    }

    @Test
    void aStopStringEndsTheTextAndAnUnwritableOneIsRefused() throws Exception {
        RunPipeline p = new RunPipeline(ref -> new FakeModel(0), FakeServices.analyzer());
        RunResult r = p.run(spec("abc", 8, 20, List.of("fg")), new Recorder(), () -> false);
        assertEquals("stop-string", r.trace().generation().settings().stopReason());
        assertEquals(4, r.trace().generation().generatedIds().length, "d e f g: the token completing the stop string is kept");
        Exception e = assertThrows(IllegalArgumentException.class, () -> p.run(spec("abc", 8, 4, List.of("Q!")), new Recorder(), () -> false));
        assertTrue(e.getMessage().startsWith("the stop string \"Q!\" can never be generated: "), e.getMessage());
    }
}
