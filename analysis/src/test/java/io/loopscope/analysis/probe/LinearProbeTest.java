package io.loopscope.analysis.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Probes on synthetic states whose decodability is known: noise at iteration 0, the label written in later. */
class LinearProbeTest {

    /** [3][n][h]: iteration 0 pure noise, iteration 1 the label weakly along one axis, iteration 2 strongly. */
    static double[][][] states(int[] labels, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][] x = new double[3][labels.length][h];
        for (int it = 0; it < 3; it++) {
            for (int i = 0; i < labels.length; i++) {
                for (int j = 0; j < h; j++) x[it][i][j] = r.nextGaussian();
                double signal = it == 0 ? 0 : it == 1 ? 0.6 : 4;
                x[it][i][labels[i]] += signal;                     // class c lifts coordinate c
            }
        }
        return x;
    }

    @Test
    void accuracyRisesWithTheSignalAndTheControlStaysAtChance() {
        int n = 240, k = 4;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % k;
        ProbeCurve c = LinearProbe.fit("answer", states(y, 12, 3), y, k, 5, 7, i -> { });
        assertEquals(0.25, c.chance());
        double noise = c.points().get(0).accuracy(), weak = c.points().get(1).accuracy(), strong = c.points().get(2).accuracy();
        assertTrue(Math.abs(noise - 0.25) < 0.1, "noise is not decodable: " + noise);
        assertTrue(weak > noise + 0.1 && strong > 0.95, noise + " < " + weak + " < " + strong);
        for (ProbeCurve.Point p : c.points()) assertTrue(Math.abs(p.controlAccuracy() - 0.25) < 0.1, "control at chance: " + p);
        assertEquals(2, c.firstReaching(0.9));
        assertEquals(c, LinearProbe.fit("answer", states(y, 12, 3), y, k, 5, 7, i -> { }), "deterministic for its seed");
    }

    @Test
    void theIterationProbeTellsMovingIterationsApartButNotASettledState() {
        // iterations 0..2 each lift their own axis; 3 and 4 sit at the same fixed point (axis 3)
        int n = 120, h = 8;
        SplittableRandom r = new SplittableRandom(5);
        double[][][] x = new double[5][n][h];
        for (int it = 0; it < 5; it++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < h; j++) x[it][i][j] = r.nextGaussian();
                x[it][i][Math.min(it, 3)] += 5;
            }
        }
        ProbeCurve c = LinearProbe.fitIteration(x, 5, 3, i -> { });
        assertEquals("iteration", c.label());
        assertEquals(5, c.classes());
        assertEquals(0.2, c.chance(), 1e-12);
        for (int it = 0; it < 3; it++) assertTrue(c.points().get(it).accuracy() > 0.95, "moving iteration " + it + ": " + c.points().get(it));
        double settled = c.points().get(3).accuracy() + c.points().get(4).accuracy();
        assertTrue(Math.abs(settled - 1) < 0.2, "3 and 4 look alike, so their recalls share one: " + settled);
        double control = 0;
        for (ProbeCurve.Point p : c.points()) control += p.controlAccuracy() / 5;
        assertTrue(Math.abs(control - 0.2) < 0.08, "control at chance on average: " + control);
        assertEquals(c, LinearProbe.fitIteration(x, 5, 3, i -> { }), "deterministic for its seed");
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.fitIteration(new double[1][n][h], 5, 3, i -> { }));
    }

    @Test
    void foldsAreBalancedAndCoverEveryExample() {
        int[] f = LinearProbe.folds(23, 5, 1);
        int[] size = new int[5];
        for (int x : f) size[x]++;
        for (int s : size) assertTrue(s == 4 || s == 5, java.util.Arrays.toString(size));
    }

    @Test
    void badInputsAreNamed() {
        int[] y = {0, 1, 0, 1};
        double[][][] x = states(y, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.fit("a", x, y, 2, 9, 1, i -> { }));
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.fit("a", x, new int[] {0, 1, 2, 1}, 2, 2, 1, i -> { }));
        var json = new ProbeCurve("answer", 2, 0.5, java.util.List.of(new ProbeCurve.Point(0, 0.5, 0.25))).toJson();
        assertTrue(json.contains("\"control_accuracy\" : 0.25") && json.contains("\"chance\" : 0.5"), json);
    }
}
