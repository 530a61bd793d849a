package io.loopscope.inference.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecurrenceSamplerTest {

    @Test
    void meanIsMeanRecurrencePlusOneWithAHeavyTail() {
        RecurrenceSampler sampler = new RecurrenceSampler(8, 0.5, 1000);
        SplittableRandom rng = new SplittableRandom(1);
        double sum = 0;
        int max = 0, n = 100_000;
        for (int i = 0; i < n; i++) {
            int r = sampler.sample(rng);
            assertTrue(r >= 1);
            sum += r;
            max = Math.max(max, r);
        }
        assertEquals(9.0, sum / n, 0.1);
        assertTrue(max > 25, "tail reaches well past the mean, max " + max);
    }

    @Test
    void capBoundsTheDraw() {
        RecurrenceSampler sampler = new RecurrenceSampler(50, 1.0, 10);
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 1000; i++) assertTrue(sampler.sample(rng) <= 10);
    }
}
