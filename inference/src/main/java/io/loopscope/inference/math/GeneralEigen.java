package io.loopscope.inference.math;

import org.bytedeco.openblas.global.openblas;

/**
 * Eigenvalues of a small dense real matrix (not symmetric), through LAPACK's dgeev in the OpenBLAS
 * that ND4J already ships: Smile 6 asks for a system LAPACK by an unversioned name, which a fresh
 * machine lacks, and a general eigen-solver is not a thing to write by hand.
 */
public final class GeneralEigen {
    private GeneralEigen() {
    }

    /** {re, im} of the eigenvalues of a [n][n]; complex pairs come as conjugates, in LAPACK's order. */
    public static double[][] eigenvalues(double[][] a) {
        int n = a.length;
        if (n == 0) return new double[][] {new double[0], new double[0]};
        double[] m = new double[n * n];                       // column-major, as LAPACK expects
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) throw new IllegalArgumentException("the matrix must be square, row " + i + " has " + a[i].length);
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) throw new IllegalArgumentException("the matrix holds a non-finite value at (" + i + ", " + j + ")");
                m[j * n + i] = a[i][j];
            }
        }
        double[] re = new double[n], im = new double[n], unused = new double[1];
        int info = openblas.LAPACKE_dgeev(openblas.LAPACK_COL_MAJOR, (byte) 'N', (byte) 'N', n, m, n, re, im, unused, 1, unused, 1);
        if (info != 0) throw new ArithmeticException("LAPACK dgeev did not converge (info " + info + ")");
        return new double[][] {re, im};
    }
}
