package io.loopscope.inference.trace;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

    @Test
    void statesPlusSmallArraysPlusTheLensWorkingSetAndTheFullLensOnlyWhenAskedFor() {
        MemoryEstimate withoutLens = MemoryEstimate.of(100, 5280, 65536, 64, 5, false);
        MemoryEstimate withLens = MemoryEstimate.of(100, 5280, 65536, 64, 5, true);
        long states = 65L * 100 * 5280 * 4;
        long perStep = 65L * 100 * (4 + 4 + 5 * 8);
        long lensWorkingSet = 4L * 100 * 65536 * 8; // previous and current distributions, independent of R
        assertEquals(states + perStep + lensWorkingSet + 2L * 100 * 5280 * 4, withoutLens.bytes());
        assertEquals(65L * 100 * 65536 * 4, withLens.bytes() - withoutLens.bytes());
    }

    @Test
    void aRunThatDoesNotFitIsRefusedWithAdvice() {
        MemoryEstimate huge = MemoryEstimate.of(4096, 5280, 65536, 1024, 5, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> huge.requireFits(8L << 30));
        assertTrue(e.getMessage().contains("lower --iterations") && e.getMessage().contains("-Xmx"), e.getMessage());
        assertDoesNotThrow(() -> MemoryEstimate.of(8, 64, 300, 16, 5, false).requireFits(1L << 30));
    }
}
