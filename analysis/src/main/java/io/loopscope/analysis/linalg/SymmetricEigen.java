package io.loopscope.analysis.linalg;

import smile.linalg.UPLO;
import smile.tensor.DenseMatrix;
import smile.tensor.EVD;
import smile.tensor.ScalarType;

/**
 * Eigen-decomposition of a dense symmetric matrix by LAPACK's dsyevd (through Smile).
 *
 * <p>It replaced a plain-Java cyclic Jacobi solver. Measured here in one JVM on m × m Gram matrices of
 * m states (H = 96), 2 shared cores, median of 5 warm runs, Jacobi against dsyevd: m = 16: 0.15 / 0.07 ms,
 * 32: 0.53 / 0.19, 64: 7.6 / 0.58, 128: 31 / 1.4, 256: 251 / 4.9 — the same largest eigenvalue to 12
 * digits ({@code SmilePcaBenchmark}).
 *
 * @param values  eigenvalues, largest first
 * @param vectors vectors[k] is the unit eigenvector of values[k]
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    public SymmetricEigen {
        if (vectors.length != values.length) throw new IllegalArgumentException("one vector per value");
    }

    /** Decomposes the symmetric n×n matrix {@code a} (only read, never modified; its lower triangle is used). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        DenseMatrix m = DenseMatrix.zeros(ScalarType.Float64, n, n);
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) throw new IllegalArgumentException("matrix must be square");
            for (int j = 0; j < n; j++) m.set(i, j, a[i][j]);
        }
        return of(m, n);
    }

    /** Decomposes the symmetric n×n Smile matrix {@code m}, which LAPACK overwrites. */
    static SymmetricEigen of(DenseMatrix m, int n) {
        if (n == 0) return new SymmetricEigen(new double[0], new double[0][]);
        NativeLinalg.require();
        m.withUplo(UPLO.LOWER);
        EVD e = m.eigen(false, true);
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            int c = n - 1 - k; // dsyevd returns them ascending
            values[k] = e.wr().get(c);
            for (int i = 0; i < n; i++) vectors[k][i] = e.Vr().get(i, c);
        }
        return new SymmetricEigen(values, vectors);
    }
}
