package io.loopscope.inference.trace;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

    @Test
    void statesDominateAndTheFullLensOnlyCountsWhenAskedFor() {
        MemoryEstimate withoutLens = MemoryEstimate.of(100, 5280, 65536, 64, 5, false);
        MemoryEstimate withLens = MemoryEstimate.of(100, 5280, 65536, 64, 5, true);
        long states = 65L * 100 * 5280 * 4;
        assertTrue(withoutLens.bytes() >= states && withoutLens.bytes() < states * 1.5, "≈ (R+1)·S·H·4 plus small arrays");
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
