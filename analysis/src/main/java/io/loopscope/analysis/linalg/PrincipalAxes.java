package io.loopscope.analysis.linalg;

import java.util.Random;

/**
 * The top-k principal axes of n points in d dimensions (rows of a float matrix).
 *
 * <p>Small problems (min(n, d) ≤ {@value #EXACT_LIMIT}) are solved exactly through the smaller of
 * the covariance and the Gram matrix. Large ones use randomized subspace iteration (Halko, Martinsson
 * & Tropp 2011, Alg. 4.4): a Gaussian sketch of l = k + oversampling columns, a few power iterations
 * with re-orthonormalisation, then the exact SVD of the l × d projection. Its cost is a handful of
 * thin n × d × l products instead of the d³ eigendecomposition of a 5280² covariance, and with power
 * iterations the leading variances come out accurate to a small fraction of a percent on the
 * fast-decaying spectra of loop states (checked against the exact solution in the tests).
 *
 * <p>{@link #fit} centres its input in place (x ← x − μ, computed in double): the float products of
 * the kernel then never cancel a large mean against small variations.
 *
 * @param mean          [d] the mean of the rows
 * @param totalVariance sum of the variances of all d coordinates (sample variance, n − 1)
 * @param variances     variance along each axis, largest first
 * @param axes          [k][d] orthonormal axes
 * @param method        "exact" or "randomized"
 */
public record PrincipalAxes(double[] mean, double totalVariance, double[] variances, double[][] axes, String method) {
    public static final int EXACT_LIMIT = 200;
    private static final int OVERSAMPLING = 8;
    private static final int POWER_ITERATIONS = 2;

    /** Fits the top k axes of the n rows of x [n × d]; x is centred in place. */
    public static PrincipalAxes fit(float[] x, int n, int d, int k, long seed) {
        if (n < 2) throw new IllegalArgumentException("PCA needs at least two states, got " + n);
        k = Math.min(k, Math.min(n - 1, d));
        double[] mean = new double[d];
        double[] columnTotals = new double[d];
        // column blocks in parallel: each thread owns its columns, so no partial sums need merging
        java.util.stream.IntStream.range(0, (d + 63) / 64).parallel().forEach(blk -> {
            int j0 = blk * 64, j1 = Math.min(d, j0 + 64);
            for (int i = 0; i < n; i++) for (int j = j0; j < j1; j++) mean[j] += x[i * d + j];
            for (int j = j0; j < j1; j++) mean[j] /= n;
            for (int i = 0; i < n; i++) {
                for (int j = j0; j < j1; j++) {
                    double c = x[i * d + j] - mean[j];
                    x[i * d + j] = (float) c;
                    columnTotals[j] += c * c;
                }
            }
        });
        double total = 0;
        for (double t : columnTotals) total += t;
        total /= (n - 1);
        PrincipalAxes fit = Math.min(n, d) <= EXACT_LIMIT ? exact(x, n, d, k) : randomized(x, n, d, k, seed);
        return new PrincipalAxes(mean, total, fit.variances, fixSigns(fit.axes), fit.method);
    }

    private static PrincipalAxes exact(float[] x, int n, int d, int k) {
        double[][] axes = new double[k][d];
        double[] variances = new double[k];
        if (d <= n) {
            double[][] cov = new double[d][d];
            double[] row = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) row[j] = x[i * d + j];
                for (int a = 0; a < d; a++) {
                    double ra = row[a];
                    for (int b = a; b < d; b++) cov[a][b] += ra * row[b];
                }
            }
            for (int a = 0; a < d; a++) for (int b = a; b < d; b++) cov[b][a] = cov[a][b] /= (n - 1);
            SymmetricEigen e = SymmetricEigen.of(cov);
            for (int c = 0; c < k; c++) {
                variances[c] = Math.max(0, e.values()[c]);
                axes[c] = e.vectors()[c].clone();
            }
        } else {
            double[][] centred = new double[n][d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) centred[i][j] = x[i * d + j];
            double[][] gram = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = a; b < n; b++) gram[a][b] = gram[b][a] = DenseKernels.dot(centred[a], 0, centred[b], 0, d);
            }
            SymmetricEigen e = SymmetricEigen.of(gram);
            for (int c = 0; c < k; c++) {
                double lambda = Math.max(0, e.values()[c]);
                variances[c] = lambda / (n - 1);
                double[] u = e.vectors()[c];
                for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) axes[c][j] += u[i] * centred[i][j];
                normalize(axes[c]);
            }
        }
        return new PrincipalAxes(null, 0, variances, axes, "exact");
    }

    private static PrincipalAxes randomized(float[] x, int n, int d, int k, long seed) {
        int l = Math.min(Math.max(16, k + OVERSAMPLING), Math.min(n, d));
        Random random = new Random(seed);
        float[] omega = new float[d * l];                        // [d][l]
        for (int i = 0; i < omega.length; i++) omega[i] = (float) random.nextGaussian();
        float[] xt = DenseKernels.transpose(x, n, d);            // [d][n]

        float[] q = orthonormalColumns(DenseKernels.multiply(x, n, d, omega, l), n, l); // [n][l], basis of range(XΩ)
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            float[] z = orthonormalColumns(DenseKernels.multiply(xt, d, n, q, l), d, l); // [d][l], range(XᵀQ)
            q = orthonormalColumns(DenseKernels.multiply(x, n, d, z, l), n, l);
        }
        double[] bt = DenseKernels.multiply(xt, d, n, q, l);     // Bᵀ = XᵀQ, [d][l]
        double[][] small = new double[l][l];                       // B Bᵀ = U Σ² Uᵀ
        for (int c = 0; c < d; c++) {
            for (int a = 0; a < l; a++) {
                double v = bt[c * l + a];
                for (int b = a; b < l; b++) small[a][b] += v * bt[c * l + b];
            }
        }
        for (int a = 0; a < l; a++) for (int b = 0; b < a; b++) small[a][b] = small[b][a];
        SymmetricEigen e = SymmetricEigen.of(small);
        double[][] axes = new double[k][d];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            variances[c] = Math.max(0, e.values()[c]) / (n - 1);
            double[] u = e.vectors()[c];
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int b = 0; b < l; b++) v += bt[j * l + b] * u[b];   // v = Bᵀu / σ (normalised below)
                axes[c][j] = v;
            }
            normalize(axes[c]);
        }
        return new PrincipalAxes(null, 0, variances, axes, "randomized");
    }

    /** An orthonormal basis of the columns of y [rows][cols], as floats in the same layout. */
    private static float[] orthonormalColumns(double[] y, int rows, int cols) {
        double[] t = new double[cols * rows];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = y[i * cols + j];
        DenseKernels.orthonormalizeRows(t, cols, rows);
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out[i * cols + j] = (float) t[j * rows + i];
        return out;
    }

    private static void normalize(double[] v) {
        double norm = Math.sqrt(DenseKernels.dot(v, 0, v, 0, v.length));
        if (norm > 0) for (int j = 0; j < v.length; j++) v[j] /= norm;
    }

    /** Eigenvectors have no sign of their own; make the largest coefficient positive so results are reproducible. */
    private static double[][] fixSigns(double[][] axes) {
        for (double[] a : axes) {
            int arg = 0;
            for (int j = 1; j < a.length; j++) if (Math.abs(a[j]) > Math.abs(a[arg])) arg = j;
            if (a[arg] < 0) for (int j = 0; j < a.length; j++) a[j] = -a[j];
        }
        return axes;
    }
}
