package io.loopscope.analysis.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TestTraces;
import io.loopscope.analysis.TraceData;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptGroupsTest {

    /** Token 0 reaches (4, 1, 2) from every seed; token 1 ends at a seed-dependent point. rate = contraction per step. */
    static TraceData run(String name, int seed, double rate, long... ids) {
        int r = 30;
        double[][] a = new double[r + 1][3], b = new double[r + 1][3];
        for (int i = 0; i <= r; i++) {
            double f = Math.pow(rate, i);
            a[i] = new double[] {4 + f * (seed + 1), 1 - f, 2};
            b[i] = new double[] {4, 1 + 10 * f, 2 + seed * 0.5}; // the seed shifts the end point sideways
        }
        return TestTraces.builder(name, TestTraces.byStep(a, b)).ids(ids).build();
    }

    @Test
    void groupsByIdsAndLeavesOutTracesWithoutThem() {
        TraceData noIds = TestTraces.builder("n", TestTraces.byStep(new double[][] {{1, 1, 1}, {1, 1, 1}})).build();
        List<TraceData> all = List.of(run("a", 0, 0.5, 1, 2), run("x", 0, 0.5, 3, 4), run("b", 1, 0.5, 1, 2), noIds, run("c", 2, 0.5, 1, 2));
        List<PromptComparison> groups = PromptGroups.compare(all, null, 0.05);
        assertEquals(1, groups.size(), "only prompt [1, 2] has several runs");
        PromptComparison g = groups.getFirst();
        assertEquals(List.of("a", "b", "c"), g.sources());
        assertEquals(StateSpace.RAW, g.space(), "no ln_f_weight → raw");
        assertNull(g.unavailable());
        assertTrue(g.attractors().get(0).sameAttractor());
        assertFalse(g.attractors().get(1).sameAttractor());
        assertEquals(1.0, g.attractors().get(1).setDistance(), 1e-6, "seeds 0 and 2 settle 1.0 apart");
        assertEquals(1, g.sameCount());
        assertEquals(List.of("n"), PromptGroups.withoutIds(all));
        assertTrue(g.notes().isEmpty(), g.notes().toString());
    }

    @Test
    void flagsPrematureVerdictsAndImpossibleComparisons() {
        List<PromptComparison> slow = PromptGroups.compare(List.of(run("a", 0, 0.97, 1, 1), run("b", 1, 0.97, 1, 1)), null, 0.05);
        assertTrue(slow.getFirst().notes().stream().anyMatch(n -> n.startsWith("tokens [1] end apart but are still moving")), slow.getFirst().notes().toString());

        TraceData broken = run("nan", 1, 0.5, 1, 1);
        double[][][] s = new double[31][2][3];
        for (int i = 0; i <= 30; i++) for (int t = 0; t < 2; t++) s[i][t] = broken.state(i, t, StateSpace.RAW);
        s[30][1][0] = Double.NaN;
        TraceData withNaN = TestTraces.builder("nan", s).ids(new long[] {1, 1}).build();
        PromptComparison g = PromptGroups.compare(List.of(run("a", 0, 0.5, 1, 1), withNaN), null, 0.05).getFirst();
        assertEquals("nan has NaN/Inf states; path independence needs finite runs", g.unavailable());
        assertTrue(g.attractors().isEmpty());
    }
}
