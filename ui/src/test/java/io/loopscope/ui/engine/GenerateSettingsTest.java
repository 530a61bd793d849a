package io.loopscope.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.ui.testing.TestRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generate settings are checked by the engine's own records, and read back from a recorded generation. */
class GenerateSettingsTest {

    private static GenerateSettings with(int maxNew, ExitCriterion c, double threshold, Sampling sampling, List<String> stops) {
        return new GenerateSettings(maxNew, c, threshold, KvSharing.LATEST, false, sampling, stops);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void badValuesAreRejectedWithTheEnginesMessages() {
        assertNotNull(GenerateSettings.DEFAULTS);
        assertTrue(message(() -> with(0, ExitCriterion.KL, 5e-4, Sampling.GREEDY, List.of())).contains("max-new-tokens must be >= 1"));
        assertTrue(message(() -> with(8, ExitCriterion.KL, 0, Sampling.GREEDY, List.of())).contains("threshold of kl must be a positive number"));
        assertTrue(message(() -> with(8, ExitCriterion.KL, Double.NaN, Sampling.GREEDY, List.of())).contains("positive number"));
        assertTrue(message(() -> with(8, ExitCriterion.KL, 5e-4, Sampling.GREEDY, List.of(""))).contains("stop string must not be empty"));
        assertTrue(message(() -> new Sampling(0.8, 0, 1.5, 0, 0)).contains("top-p must be in (0, 1]"));
        assertEquals(0, with(8, ExitCriterion.NONE, 7, Sampling.GREEDY, List.of()).threshold(), "none has no threshold");
        GenerateSettings ok = with(8, ExitCriterion.LATENT_DIFF, 0.03, new Sampling(0.8, 40, 0.9, 0.05, 3), List.of("=="));
        assertTrue(message(() -> new RunSpec(ModelRef.embeddedModel(), "1+2=", 0, RunSpec.InitMode.RANDOM, 0, 5, ok))
                .contains("iterations must be >= 1 to generate"), "R is checked against the generation's rules too");
        assertEquals("latent-diff < 0.03", ok.exitLabel());
        assertEquals("kl < 0.0005", GenerateSettings.DEFAULTS.exitLabel());
        assertEquals("none (always R)", with(8, ExitCriterion.NONE, 0, Sampling.GREEDY, List.of()).exitLabel());
    }

    @Test
    void samplingReadsBackFromItsDescription() {
        Sampling s = new Sampling(0.8, 40, 0.9, 0.05, 3);
        assertEquals(s, GenerateSettings.parseSampling(s.describe()));
        assertEquals(Sampling.GREEDY, GenerateSettings.parseSampling("greedy"));
        assertEquals(Sampling.GREEDY, GenerateSettings.parseSampling(null));
        assertThrows(IllegalArgumentException.class, () -> GenerateSettings.parseSampling("temperature=hot"));
    }

    @Test
    void aRecordedGenerationGivesBackItsSettingsAndItsTypedPrompt() {
        RunResult r = TestRuns.generated("abc", 8, 4);
        assertEquals(3 + 4 - 1, r.tokens(), "the prompt and the tokens fed back");
        RunSpec spec = LoadedRuns.specOf(r.trace());
        assertEquals("abc", spec.prompt(), "only the prompt was typed, not the generated positions");
        assertEquals(r.spec().generate(), spec.generate());
        assertEquals(8, spec.iterations());
    }
}
