package io.loopscope.inference.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GeneralEigenTest {

    @Test
    void aScaledRotationHasAConjugatePairAndADiagonalItsEntries() {
        double r = 0.9, th = 0.3;
        double[][] a = {{r * Math.cos(th), -r * Math.sin(th), 0}, {r * Math.sin(th), r * Math.cos(th), 0}, {0, 0, -0.5}};
        double[][] e = GeneralEigen.eigenvalues(a);
        double[] moduli = new double[3];
        for (int i = 0; i < 3; i++) moduli[i] = Math.hypot(e[0][i], e[1][i]);
        Arrays.sort(moduli);
        assertEquals(0.5, moduli[0], 1e-12);
        assertEquals(0.9, moduli[2], 1e-12);
        double maxIm = Math.max(Math.abs(e[1][0]), Math.max(Math.abs(e[1][1]), Math.abs(e[1][2])));
        assertEquals(0.9 * Math.sin(0.3), maxIm, 1e-12);
    }

    @Test
    void nonFiniteAndNonSquareInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GeneralEigen.eigenvalues(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> GeneralEigen.eigenvalues(new double[][] {{Double.NaN}}));
    }
}
