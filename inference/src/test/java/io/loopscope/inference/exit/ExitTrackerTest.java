package io.loopscope.inference.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.lens.LensStep;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitTrackerTest {

    /** A state that approaches (1, 1) geometrically: the relative step halves every iteration. */
    @Test
    void latentDiffFiresWhenTheRelativeStepDropsBelowTheThreshold() {
        ExitTracker tracker = new ExitTracker(ExitThresholds.defaults(), 1, 2);
        int firstBelow = -1;
        float[] previous = null;
        for (int i = 0; i <= 20; i++) {
            float x = (float) (1 + Math.pow(0.5, i));
            float[] s = {x, x};
            if (previous != null && firstBelow < 0) {
                double rel = Math.hypot(s[0] - previous[0], s[1] - previous[1]) / Math.hypot(s[0], s[1]);
                if (rel < 0.03) firstBelow = i;
            }
            tracker.observe(i, s, null);
            previous = s;
        }
        Map<ExitCriterion, int[]> steps = tracker.firstSteps();
        assertEquals(firstBelow, steps.get(ExitCriterion.LATENT_DIFF)[0]);
        assertEquals(20, steps.get(ExitCriterion.NONE)[0]);
        assertEquals(-1, steps.get(ExitCriterion.KL)[0], "no lens given: kl cannot fire");
    }

    @Test
    void argmaxStabilityNeedsKUnchangedSteps() {
        ExitTracker tracker = new ExitTracker(ExitThresholds.parse("argmax-stability=3"), 1, 1);
        int[] argmax = {4, 2, 2, 2, 7, 7, 7, 7, 7};
        for (int i = 0; i < argmax.length; i++) {
            LensStep lens = new LensStep(new float[] {1}, new float[] {1}, new float[] {1}, new int[] {argmax[i]}, new float[] {1}, 1);
            tracker.observe(i, new float[] {i + 1}, lens);
        }
        assertEquals(7, tracker.firstSteps().get(ExitCriterion.ARGMAX_STABILITY)[0]);
    }

    @Test
    void klFiresAtTheFirstSmallKl() {
        ExitTracker tracker = new ExitTracker(ExitThresholds.defaults(), 2, 1);
        float[][] kl = {{1, 1}, {0.1f, 1e-5f}, {1e-4f, 1e-5f}, {1e-6f, 1}};
        for (int i = 0; i < kl.length; i++) {
            LensStep lens = new LensStep(new float[2], kl[i], new float[] {1, 1}, new int[] {0, 0}, new float[2], 1);
            tracker.observe(i, new float[] {1, 1}, lens);
        }
        int[] steps = tracker.firstSteps().get(ExitCriterion.KL);
        assertEquals(2, steps[0]);
        assertEquals(1, steps[1]);
    }

    @Test
    void thresholdsParseAndRejectNonsense() {
        ExitThresholds t = ExitThresholds.parse("kl=1e-4, latent-diff=0.05");
        assertEquals(1e-4, t.of(ExitCriterion.KL));
        assertEquals(0.05, t.of(ExitCriterion.LATENT_DIFF));
        assertEquals(1e-3, t.of(ExitCriterion.ENTROPY_DIFF));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ExitThresholds.parse("klx=1"));
        assertTrue(unknown.getMessage().contains("known: kl, entropy-diff"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExitThresholds.parse("kl=-1"));
        assertThrows(IllegalArgumentException.class, () -> ExitThresholds.parse("argmax-stability=2.5"));
        assertThrows(IllegalArgumentException.class, () -> ExitThresholds.parse("kl=abc"));
    }
}
