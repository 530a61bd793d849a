package io.loopscope.analysis.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Maps whose spectra are known: the estimate must find them. */
class LocalStabilityTest {
    static final int H = 12;

    /** f(s) = A s with A block-diagonal: a rotation by θ scaled by r, then the given real eigenvalues. */
    static UnaryOperator<double[]> linear(double r, double theta, double... others) {
        return s -> {
            double[] out = new double[H];
            out[0] = r * (Math.cos(theta) * s[0] - Math.sin(theta) * s[1]);
            out[1] = r * (Math.sin(theta) * s[0] + Math.cos(theta) * s[1]);
            for (int j = 2; j < H; j++) out[j] = others[(j - 2) % others.length] * s[j];
            return out;
        };
    }

    static double[] point() {
        double[] p = new double[H];
        for (int j = 0; j < H; j++) p[j] = 1 + 0.1 * j;
        return p;
    }

    @Test
    void aContractingRotationShowsItsPairInsideTheUnitCircle() {
        LocalStability s = LocalStability.of(linear(0.9, 0.4, 0.5, 0.2, -0.3), point(), H, 1e-3, 1);
        assertEquals(0.9, s.spectralRadius(), 1e-6);
        assertEquals(0.4, Math.abs(s.leadingAngle()), 1e-6);
        assertTrue(s.rotates());
    }

    @Test
    void aFlipShowsAnEigenvalueNearMinusOne() {
        LocalStability s = LocalStability.of(linear(0.3, 0.0, -0.99, 0.5), point(), H, 1e-3, 2);
        assertEquals(0.99, s.spectralRadius(), 1e-6);
        assertEquals(Math.PI, Math.abs(s.leadingAngle()), 1e-6);
        assertFalse(s.rotates());
    }

    @Test
    void aNonlinearMapIsLinearisedAtItsFixedPoint() {
        // f(s) = tanh(W s) with W = 0.5·I + a small rotation on the first plane: J at 0 is W itself
        UnaryOperator<double[]> f = s -> {
            double[] out = new double[H];
            out[0] = Math.tanh(0.5 * s[0] - 0.2 * s[1]);
            out[1] = Math.tanh(0.2 * s[0] + 0.5 * s[1]);
            for (int j = 2; j < H; j++) out[j] = Math.tanh(0.1 * s[j]);
            return out;
        };
        double[] zero = new double[H];
        zero[0] = 1e-9;                                         // |at| sets ε: a tiny but non-zero state
        LocalStability s = LocalStability.of(f, zero, 6, 1e3, 3);
        assertEquals(Math.hypot(0.5, 0.2), s.spectralRadius(), 1e-4);
        assertEquals(Math.atan2(0.2, 0.5), Math.abs(s.leadingAngle()), 1e-4);
    }

    @Test
    void aKrylovSpaceSmallerThanTheMapStillFindsTheLeadingPair() {
        LocalStability s = LocalStability.of(linear(0.95, 1.0, 0.1, 0.05), point(), 6, 1e-3, 4);
        assertEquals(0.95, s.spectralRadius(), 1e-3);
        assertTrue(s.krylov() <= 6);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LocalStability.of(linear(1, 0, 1), point(), 0, 1e-3, 0));
        assertThrows(IllegalArgumentException.class, () -> LocalStability.of(linear(1, 0, 1), point(), H + 1, 1e-3, 0));
        double[] nan = point();
        nan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> LocalStability.of(linear(1, 0, 1), nan, 4, 1e-3, 0));
    }
}
