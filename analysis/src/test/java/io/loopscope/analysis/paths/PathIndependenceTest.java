package io.loopscope.analysis.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TestTraces;
import io.loopscope.analysis.TraceData;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathIndependenceTest {
    static final int R = 40;

    /** One run from seed-dependent s0: token 0 contracts to (5, 0, 0); token 1 circles (phase set by the seed); token 2 goes to a seed-dependent point. */
    static TraceData run(int seed) {
        double[][] fixed = new double[R + 1][3], orbit = new double[R + 1][3], split = new double[R + 1][3];
        double phase = seed * 1.3;
        for (int i = 0; i <= R; i++) {
            double f = Math.pow(0.7, i);
            fixed[i] = new double[] {5 + 3 * f * (seed + 1), -2 * f, f * seed};
            double phi = 2 * Math.PI * i / 8 + phase;
            orbit[i] = new double[] {5 + Math.cos(phi), Math.sin(phi), 0};
            split[i] = new double[] {5, 0, seed + f};
        }
        return TestTraces.builder("seed" + seed, TestTraces.byStep(fixed, orbit, split)).build();
    }

    @Test
    void tellsSameAttractorsFromDifferentOnes() {
        List<TokenAttractor> result = PathIndependence.compare(List.of(run(0), run(1), run(2)), StateSpace.RAW, PathIndependence.DEFAULT_TOLERANCE);
        TokenAttractor fixed = result.get(0), orbit = result.get(1), split = result.get(2);
        assertTrue(fixed.sameAttractor(), fixed.toString());
        assertTrue(fixed.finalSpread() < 1e-5 && fixed.initialSpread() > 3, fixed.toString());
        assertTrue(orbit.sameAttractor(), "same cycle at different phases: " + orbit);
        assertTrue(orbit.finalSpread() > 0.5, "final states differ by phase: " + orbit);
        assertFalse(split.sameAttractor(), split.toString());
        assertEquals(2, split.setDistance(), 1e-5, "seeds 0 and 2 end 2 apart");
    }

    @Test
    void needsTwoCompatibleRuns() {
        assertThrows(IllegalArgumentException.class, () -> PathIndependence.compare(List.of(run(0)), StateSpace.RAW, 0.05));
        TraceData other = TestTraces.builder("o", new double[][][] {{{1, 2, 3}}, {{1, 2, 3}}}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathIndependence.compare(List.of(run(0), other), StateSpace.RAW, 0.05));
        assertTrue(e.getMessage().contains("not runs of the same prompt and model"), e.getMessage());
    }
}
