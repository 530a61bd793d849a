package io.loopscope.analysis.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TestTraces;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.linalg.PrincipalAxes;
import io.loopscope.analysis.linalg.SymmetricEigen;
import org.junit.jupiter.api.Test;

class PcaTest {

    @Test
    void lanczosAgreesWithTheExactSolution() {
        int n = 640, d = 300, k = 10;
        float[] x = PcaBenchmark.lowRankPlusNoise(n, d, 32, 3);
        // exact reference: eigen-decomposition of the full d × d covariance
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
        double[][] cov = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double ca = x[i * d + a] - mean[a];
                for (int b = 0; b < d; b++) cov[a][b] += ca * (x[i * d + b] - mean[b]) / (n - 1);
            }
        }
        SymmetricEigen exact = SymmetricEigen.of(cov);
        PrincipalAxes fit = PrincipalAxes.fit(x.clone(), n, d, k);
        assertEquals("lanczos", fit.method());
        for (int c = 0; c < 5; c++) {
            assertEquals(exact.values()[c], fit.variances()[c], 2e-3 * exact.values()[c], "variance of component " + c);
            double cos = 0;
            for (int j = 0; j < d; j++) cos += exact.vectors()[c][j] * fit.axes()[c][j];
            assertEquals(1, Math.abs(cos), 1e-3, "axis " + c);
        }
        double trace = 0;
        for (int a = 0; a < d; a++) trace += cov[a][a];
        assertEquals(trace, fit.totalVariance(), 1e-6 * trace);
    }

    /**
     * Fewer states than dimensions (the Gram path) on a plane, asked for more axes than the data has:
     * the plane's two variances are the points' own, and the axes beyond it still form an orthonormal set.
     */
    @Test
    void moreAxesThanTheDataHasAreCompletedOrthonormally() {
        int n = 6, d = 20, k = 4;
        float[] x = new float[n * d];
        double[] a = {3, -3, 0, 0, 1, -1}, b = {0, 0, 2, -2, 0, 0}; // mean 0
        for (int i = 0; i < n; i++) {
            x[i * d + 4] = (float) a[i];
            x[i * d + 9] = (float) b[i];
        }
        PrincipalAxes fit = PrincipalAxes.fit(x, n, d, k);
        assertEquals("exact", fit.method());
        assertEquals(20.0 / 5, fit.variances()[0], 1e-12, "Σa²/(n−1)");
        assertEquals(8.0 / 5, fit.variances()[1], 1e-12, "Σb²/(n−1)");
        assertEquals(0, fit.variances()[2], 1e-12);
        assertEquals(1, fit.axes()[0][4], 1e-12);
        assertEquals(1, fit.axes()[1][9], 1e-12);
        assertOrthonormal(fit.axes());
        PrincipalAxes still = PrincipalAxes.fit(new float[n * d], n, d, k);
        assertEquals(0, still.totalVariance());
        assertOrthonormal(still.axes());
    }

    private static void assertOrthonormal(double[][] axes) {
        for (int p = 0; p < axes.length; p++) {
            for (int q = 0; q < axes.length; q++) {
                double dot = 0;
                for (int j = 0; j < axes[p].length; j++) dot += axes[p][j] * axes[q][j];
                assertEquals(p == q ? 1 : 0, dot, 1e-12, "axes " + p + " · " + q);
            }
        }
    }

    /** Token 0 circles with radius 2 in the (e0, e1) plane of H = 8; token 1 sits still at the centre. */
    @Test
    void projectsACircleOntoItsPlane() {
        int r = 24;
        double[][] circle = new double[r + 1][8], still = new double[r + 1][8];
        for (int s = 0; s <= r; s++) {
            double phi = 2 * Math.PI * s / 6;
            circle[s][0] = 2 * Math.cos(phi);
            circle[s][1] = 2 * Math.sin(phi);
            for (int j = 0; j < 8; j++) still[s][j] = j == 5 ? 1e-3 * (s % 2) : 0;
        }
        TraceData data = TestTraces.builder("circle", TestTraces.byStep(circle, still)).build();
        PcaResult pca = Pca.fit(data, PcaOptions.all(StateSpace.RAW).withComponents(3));
        assertEquals("exact", pca.method());
        assertEquals(2 * (r + 1), pca.fittedStates());
        double[] ratio = pca.explainedVarianceRatio();
        assertEquals(1.0, ratio[0] + ratio[1], 1e-6, "the circle's plane holds all variance but the tiny wobble");
        for (int s = 0; s <= r; s++) {
            assertEquals(2, radiusAroundCentre(pca, s), 1e-5, "every state lies on the radius-2 circle in the PC1–PC2 plane");
        }
        double[] com = pca.centreOfMass()[0];
        // steps 1..24 are four whole turns, so the centre of mass is the circle's centre, the origin; the fitted
        // mean is 2/50 off it along e0 (s0 = (2, 0) is the one point counted beyond whole turns)
        assertEquals(2.0 / 50, Math.abs(com[0]), 1e-6);
        assertEquals(0, com[1], 1e-6);
    }

    private static double radiusAroundCentre(PcaResult pca, int step) {
        double[] p = pca.projection(0, step), centre = pca.centreOfMass()[0];
        return Math.hypot(p[0] - centre[0], p[1] - centre[1]);
    }

    @Test
    void fitsOnATokenWindowAndProjectsEveryToken() {
        double[][] a = new double[11][4], b = new double[11][4];
        for (int s = 0; s <= 10; s++) {
            a[s][0] = s;       // token 0 moves along e0
            b[s][2] = 3 * s;   // token 1 along e2
        }
        TraceData data = TestTraces.builder("w", TestTraces.byStep(a, b)).build();
        PcaResult pca = Pca.fit(data, PcaOptions.all(StateSpace.RAW).withComponents(1).withTokenWindow(0, 1));
        assertEquals(11, pca.fittedStates());
        assertEquals(1, Math.abs(pca.axes()[0][0]), 1e-9, "fitted on token 0 only: the axis is e0");
        assertEquals(-5, pca.projection(1, 10)[0], 1e-6, "token 1 moves orthogonally to the axis: it stays at 0 − mean(token 0)");
        assertEquals(-5, pca.projection(1, 0)[0], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(data, PcaOptions.all(StateSpace.RAW).withTokenWindow(1, 5)));
    }

    @Test
    void optionsRejectMoreThanTenComponents() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PcaOptions.all(StateSpace.RAW).withComponents(11));
        assertEquals("PCA keeps 1..10 components, got 11", e.getMessage());
    }

    /** Token 0 circles in the (e0, e1) plane of H = 8 with a drift along e2; token 1 wobbles along e3. */
    private static double[][][] circleAndWobble(int r) {
        double[][] circle = new double[r + 1][8], wobble = new double[r + 1][8];
        for (int s = 0; s <= r; s++) {
            double phi = 2 * Math.PI * s / 7;
            circle[s][0] = 2 * Math.cos(phi) + 1;
            circle[s][1] = 2 * Math.sin(phi);
            circle[s][2] = 0.1 * s;
            wobble[s][3] = 0.5 * Math.sin(s);
        }
        return TestTraces.byStep(circle, wobble);
    }

    @Test
    void projectingTheFittedTraceReproducesItsProjections() {
        TraceData data = TestTraces.builder("c", circleAndWobble(20)).build();
        for (PcaOptions o : new PcaOptions[] {PcaOptions.all(StateSpace.RAW).withComponents(3), PcaOptions.all(StateSpace.RAW).withComponents(2).withTokenWindow(0, 1)}) {
            PcaResult pca = Pca.fit(data, o);
            double[][][] again = Pca.project(pca, data, StateSpace.RAW);
            assertTrue(java.util.Arrays.deepEquals(pca.projections(), again), "bit for bit, " + o);
        }
    }

    @Test
    void projectsARotatedShiftedCopyAsExpected() {
        int r = 20;
        double[][][] states = circleAndWobble(r);
        TraceData data = TestTraces.builder("c", states).build();
        PcaResult pca = Pca.fit(data, PcaOptions.all(StateSpace.RAW).withComponents(3));
        double[][] axes = pca.axes();
        double[] mean = pca.mean();
        // the copy: every state rotated by θ about the mean within the plane of axes 0 and 1, then shifted by
        // 3·axis0 − 2·axis1 + 5·e7 (no state varies along e7, so e7 is orthogonal to every axis)
        double theta = 0.7, cos = Math.cos(theta), sin = Math.sin(theta);
        double[][][] moved = new double[r + 1][2][8];
        double[][][] expected = new double[2][r + 1][];
        for (int s = 0; s <= r; s++) {
            for (int t = 0; t < 2; t++) {
                double[] x = states[s][t], y = moved[s][t], q = pca.projection(t, s);
                double q0 = cos * q[0] - sin * q[1], q1 = sin * q[0] + cos * q[1];
                for (int j = 0; j < 8; j++) y[j] = x[j] + (q0 - q[0] + 3) * axes[0][j] + (q1 - q[1] - 2) * axes[1][j];
                y[7] += 5;
                expected[t][s] = new double[] {q0 + 3, q1 - 2, q[2]};
            }
        }
        moved[4][1][2] = Double.NaN;
        TraceData copy = TestTraces.builder("moved", moved).build();
        double[][][] p = Pca.project(pca, copy);
        assertEquals(2, p.length);
        assertEquals(r + 1, p[0].length);
        assertEquals(3, p[0][0].length);
        for (int s = 0; s <= r; s++) {
            for (int t = 0; t < 2; t++) {
                if (s == 4 && t == 1) {
                    for (double v : p[t][s]) assertTrue(Double.isNaN(v), "non-finite state → NaN");
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[t][s][c], p[t][s][c], 1e-4, "token " + t + " step " + s + " component " + c);
                }
            }
        }
    }

    @Test
    void projectionChecksHiddenSizeAndSpace() {
        PcaResult pca = Pca.fit(TestTraces.builder("c", circleAndWobble(10)).build(), PcaOptions.all(StateSpace.RAW).withComponents(2));
        TraceData wide = TestTraces.builder("wide", new double[3][2][16]).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pca.project(pca, wide));
        assertEquals("the PCA was fitted on states of H = 8; wide has H = 16", e.getMessage());
        TraceData same = TestTraces.builder("same", circleAndWobble(3)).build();
        e = assertThrows(IllegalArgumentException.class, () -> Pca.project(pca, same, StateSpace.NORMALIZED));
        assertEquals("the PCA was fitted on raw states; cannot project normalized states of same onto it", e.getMessage());
    }
}
