package io.loopscope.analysis.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Smile's histogram and KS test on exit steps: the counts, the gap D, and what a never-exited position counts as. */
class ExitDifferenceTest {

    private static List<Integer> repeat(int times, Integer... steps) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < times; t++) out.addAll(Arrays.asList(steps));
        return out;
    }

    @Test
    void histogramCountsEveryStepOnceAndLeavesNeverApart() {
        ExitDistribution d = ExitDistribution.of(Arrays.asList(7, 3, null, 3, 12, null, 7, 7));
        assertEquals(Map.of(3, 2, 7, 3, 12, 1), d.counts());
        assertEquals(2, d.never());
        assertEquals(8, d.tokens());
        assertEquals((3 + 3 + 7 + 7 + 7 + 12) / 6.0, d.mean(), 1e-12);
        assertEquals(7.0, d.median());
        assertEquals(Map.of(5, 4), ExitDistribution.of(repeat(4, 5)).counts(), "one step only: one bin");
        assertEquals(Arrays.asList(3, 3, 7, 7, 7, 12, null, null), d.steps());
        ExitDistribution none = ExitDistribution.of(Arrays.asList(null, null));
        assertEquals(null, none.mean());
        assertTrue(none.counts().isEmpty());
    }

    @Test
    void identicalDistributionsDoNotDiffer() {
        ExitDistribution a = ExitDistribution.of(repeat(10, 3, 4, 5, null));
        ExitDifference same = ExitDifference.between(a, ExitDistribution.of(repeat(10, 5, null, 4, 3)));
        assertEquals(0, same.statistic());
        assertEquals(1, same.pValue(), 1e-12);
    }

    /** x = 1..5 and y = 3..7: the empirical CDFs are furthest apart (0.4) at 1..2 and 5..6. */
    @Test
    void theGapIsTheLargestDistanceBetweenTheEmpiricalDistributions() {
        ExitDifference d = ExitDifference.between(ExitDistribution.of(List.of(1, 2, 3, 4, 5)), ExitDistribution.of(List.of(3, 4, 5, 6, 7)));
        assertEquals(0.4, d.statistic(), 1e-12);
        assertTrue(d.pValue() > 0.5, "five positions each cannot tell a shift of two steps: p = " + d.pValue());
        assertEquals(List.of(5, 5), Arrays.stream(d.sizes()).boxed().toList());
    }

    @Test
    void aClearShiftIsSignificant() {
        ExitDifference d = ExitDifference.between(ExitDistribution.of(repeat(20, 3, 4, 5)), ExitDistribution.of(repeat(20, 9, 10, 11)));
        assertEquals(1, d.statistic(), 1e-12);
        assertTrue(d.pValue() < 1e-6, "p = " + d.pValue());
    }

    @Test
    void neverCountsAsLaterThanEveryStep() {
        // the same exited steps, but half of b never exits: b's CDF stays at 0.5 while a's reaches 1
        ExitDistribution a = ExitDistribution.of(repeat(20, 4, 6));
        ExitDistribution b = ExitDistribution.of(repeat(20, 4, null));
        assertEquals(0.5, ExitDifference.between(a, b).statistic(), 1e-12);
        ExitDistribution allNever = ExitDistribution.of(new ArrayList<>(Collections.nCopies(30, (Integer) null)));
        assertEquals(1, ExitDifference.between(a, allNever).statistic(), 1e-12, "never exiting differs from always exiting");
        assertEquals(0, ExitDifference.between(allNever, allNever).statistic());
    }

    @Test
    void anEmptySideIsAnError() {
        ExitDistribution empty = ExitDistribution.of(List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExitDifference.between(empty, ExitDistribution.of(List.of(3))));
        assertEquals("a KS test needs positions on both sides, got 0 and 1", e.getMessage());
    }
}
