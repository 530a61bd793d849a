package io.loopscope.inference.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplingTest {
    /** Probabilities 0.5, 0.25, 0.125, 0.0625, 0.0625 at temperature 1. */
    static final float[] LOGITS = {(float) Math.log(8), (float) Math.log(4), (float) Math.log(2), 0, 0};

    @Test
    void greedyTakesTheArgmaxAndTheLowestIdOnATie() {
        assertEquals(0, Sampling.GREEDY.start().next(LOGITS));
        assertEquals(1, Sampling.GREEDY.start().next(new float[] {0, 3, 3, 1}));
    }

    @Test
    void aDrawFollowsTheCumulativeDistribution() {
        Sampling s = new Sampling(1, 0, 1, 0, 0);
        assertEquals(0, s.draw(LOGITS, 0.49));
        assertEquals(1, s.draw(LOGITS, 0.51));
        assertEquals(2, s.draw(LOGITS, 0.80));
        assertEquals(4, s.draw(LOGITS, 0.99));
    }

    @Test
    void topKTopPAndMinPCutTheTail() {
        assertEquals(1, new Sampling(1, 2, 1, 0, 0).draw(LOGITS, 0.99));       // only ids 0 and 1 remain
        assertEquals(1, new Sampling(1, 0, 0.7, 0, 0).draw(LOGITS, 0.99));     // 0.5 + 0.25 reaches 0.7
        assertEquals(2, new Sampling(1, 0, 1, 0.2, 0).draw(LOGITS, 0.99));     // 0.0625 < 0.2 × 0.5 dropped
        assertEquals(0, new Sampling(1, 0, 0.3, 0, 0).draw(LOGITS, 0.99));     // the top id alone reaches 0.3
    }

    @Test
    void aHighTemperatureFlattensALowOneSharpens() {
        int[] hot = counts(new Sampling(100, 0, 1, 0, 1)), cold = counts(new Sampling(0.05, 0, 1, 0, 1));
        assertTrue(hot[4] > 1500, "near uniform: " + hot[4]);
        assertEquals(10000, cold[0], "near greedy");
    }

    @Test
    void theSameSeedDrawsTheSameSequence() {
        Sampling.Sampler a = new Sampling(1, 0, 1, 0, 42).start(), b = new Sampling(1, 0, 1, 0, 42).start();
        for (int i = 0; i < 100; i++) assertEquals(a.next(LOGITS), b.next(LOGITS));
    }

    @Test
    void optionsOutOfRangeAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sampling(-1, 0, 1, 0, 0)).getMessage().contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sampling(Double.NaN, 0, 1, 0, 0)).getMessage().contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sampling(1, -2, 1, 0, 0)).getMessage().contains("top-k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sampling(1, 0, 0, 0, 0)).getMessage().contains("top-p"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sampling(1, 0, 1, 1, 0)).getMessage().contains("min-p"));
    }

    private static int[] counts(Sampling s) {
        Sampling.Sampler sampler = s.start();
        int[] counts = new int[LOGITS.length];
        for (int i = 0; i < 10000; i++) counts[sampler.next(LOGITS)]++;
        return counts;
    }
}
