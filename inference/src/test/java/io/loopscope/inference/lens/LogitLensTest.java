package io.loopscope.inference.lens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LogitLensTest {

    @Test
    void uniformLogitsHaveMaximalEntropyAndNoKlFromUniform() {
        LogitLens lens = new LogitLens(1, 8, 3);
        LensStep step = lens.observe(new float[8]);
        assertEquals(Math.log(8), step.entropy()[0], 1e-6);
        assertEquals(0, step.kl()[0], 1e-7);
    }

    @Test
    void klMatchesTheClosedFormForTwoOutcomes() {
        LogitLens lens = new LogitLens(1, 2, 1);
        lens.observe(new float[] {0, 0});                       // p = (1/2, 1/2)
        LensStep step = lens.observe(new float[] {(float) Math.log(3), 0}); // q = (3/4, 1/4)
        double expected = 0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25);
        assertEquals(expected, step.kl()[0], 1e-6);
        assertEquals(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), step.entropy()[0], 1e-6);
    }

    @Test
    void repeatedDistributionHasZeroKl() {
        LogitLens lens = new LogitLens(2, 5, 2);
        float[] logits = {1, 2, 3, 4, 5, 5, 4, 3, 2, 1};
        lens.observe(logits);
        LensStep again = lens.observe(logits);
        assertEquals(0, again.kl()[0], 1e-9);
        assertEquals(0, again.kl()[1], 1e-9);
        assertEquals(0, again.minpKl()[1], 1e-9);
    }

    @Test
    void topKIsSortedPerToken() {
        LogitLens lens = new LogitLens(2, 5, 3);
        LensStep step = lens.observe(new float[] {1, 5, 3, 4, 2, 9, 0, 0, 8, 7});
        assertArrayEquals(new int[] {1, 3, 2, 0, 3, 4}, step.topkIds());
        assertEquals(1, step.argmax(0));
        assertEquals(0, step.argmax(1));
        double z = Math.exp(1) + Math.exp(5) + Math.exp(3) + Math.exp(4) + Math.exp(2);
        assertEquals(Math.exp(5) / z, step.topkProbs()[0], 1e-6);
    }

    @Test
    void rejectsTopKLargerThanTheVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> new LogitLens(1, 4, 5));
    }
}
