package io.loopscope.analysis.linalg;

/**
 * Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations.
 *
 * <p>Written in plain Java on purpose: the matrices met here are tiny (the l×l core of a randomized
 * PCA, the m×m Gram matrix of a trajectory window, m ≤ a few hundred), Jacobi is accurate to machine
 * precision on them, and it keeps the analysis free of native LAPACK, which Smile would load through
 * FFM and which a fresh machine does not have.
 *
 * @param values  eigenvalues, largest first
 * @param vectors vectors[k] is the unit eigenvector of values[k]
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    public SymmetricEigen {
        if (vectors.length != values.length) throw new IllegalArgumentException("one vector per value");
    }

    /** Decomposes the symmetric n×n matrix {@code a} (only read, never modified). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) throw new IllegalArgumentException("matrix must be square");
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int p = 0; p < n; p++) {
                diag += m[p][p] * m[p][p];
                for (int q = p + 1; q < n; q++) off += m[p][q] * m[p][q];
            }
            if (off <= 1e-30 * diag || off == 0) break;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0) rotate(m, v, p, q);
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            int c = order[k];
            values[k] = m[c][c];
            for (int i = 0; i < n; i++) vectors[k][i] = v[i][c];
        }
        return new SymmetricEigen(values, vectors);
    }

    /** One Jacobi rotation zeroing m[p][q]; v accumulates the rotations (columns are eigenvectors). */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        int n = m.length;
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p], mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k], mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
