package io.loopscope.analysis.linalg;

import java.util.stream.IntStream;
import smile.tensor.ARPACK;
import smile.tensor.DenseMatrix;
import smile.tensor.SVD;
import smile.tensor.ScalarType;

/**
 * The top-k principal axes of n points in d dimensions (rows of a float matrix), by Smile's native
 * linear algebra ({@link NativeLinalg}).
 *
 * <p>Small problems (min(n, d) ≤ {@value #EXACT_LIMIT}) are solved exactly: the d × d covariance
 * (d ≤ n) or the n × n Gram matrix through BLAS, then LAPACK's dsyevd. Large ones take the top k
 * singular triplets of the centred data from ARPACK's implicitly restarted Lanczos (Smile's
 * {@code ARPACK.svd}, tolerance 0 = machine precision), which touches the data only through
 * matrix-vector products instead of decomposing a 5280² covariance.
 *
 * <p>Why these two, measured here in one JVM ({@code SmilePcaBenchmark}: top 10 of float32 states,
 * 2 cores shared with a training job, methods interleaved, median of 7 warm rounds; error = worst
 * relative error of the top-5 variances / worst 1 − |cos| of the top-5 axes against double dgesdd):
 * <pre>
 * states × H          plain Java (before)   covariance/Gram+dsyevd   ARPACK     dgesdd    Smile PCA.fit
 * 528 × 96 (embedded)  16.8 ms  1e-8/0        5.4 ms  1e-15          8.0 ms    14.2 ms    6.2 ms
 * 1040 × 96            29.9 ms  4e-9/0        7.6 ms                12.8 ms    33.2 ms   31.4 ms
 * 3120 × 96            19.3 ms  7e-9/0        4.7 ms                17.2 ms    19.3 ms   27.1 ms
 * 165 × 5280 (Huginn)  98.6 ms  4e-10/0       14.4 ms               15.4 ms    68.9 ms
 * 330 × 5280            157 ms  8e-6/4e-7     146 ms                  46 ms     343 ms   (minutes: a 5280² covariance in Java loops)
 * 660 × 5280            262 ms  6e-6/4e-7     446 ms                 284 ms    1.8 s
 * 2000 × 5280           612 ms  3e-6/1e-7     3.6 s                  488 ms    11.8 s
 * 6400 × 5280           2.0 s   6e-7/2e-8     —                      1.75 s    —
 * </pre>
 * Every Smile path is exact to 1e-15. The plain-Java solver was exact (Jacobi) below the limit and
 * randomized subspace iteration (Halko et al. 2011) above it; the new code, run through the same
 * benchmark at 165 × 5280, took 27 ms (its Gram path). At 660 × 5280 the two are within the
 * noise (three runs: 134/79, 199/319, 262/284 ms plain Java/ARPACK); everywhere else Smile is faster.
 *
 * <p>{@link #fit} centres its input in place (x ← x − μ, μ computed in double): callers project the
 * centred rows afterwards.
 *
 * <p>Deterministic for the same input to rounding: ARPACK draws its start vector from a generator
 * that advances between calls, so two fits of the same states agree to ~1e-15, not bit for bit; the
 * exact path is bit-identical.
 *
 * @param mean          [d] the mean of the rows
 * @param totalVariance sum of the variances of all d coordinates (sample variance, n − 1)
 * @param variances     variance along each axis, largest first
 * @param axes          [k][d] orthonormal axes
 * @param method        "exact" or "lanczos"
 */
public record PrincipalAxes(double[] mean, double totalVariance, double[] variances, double[][] axes, String method) {
    public static final int EXACT_LIMIT = 200;

    /** Fits the top k axes of the n rows of x [n × d]; x is centred in place. */
    public static PrincipalAxes fit(float[] x, int n, int d, int k) {
        if (n < 2) throw new IllegalArgumentException("PCA needs at least two states, got " + n);
        NativeLinalg.require();
        k = Math.min(k, Math.min(n - 1, d));
        double[] mean = new double[d];
        double[] columnTotals = new double[d];
        DenseMatrix centred = DenseMatrix.zeros(ScalarType.Float64, n, d);
        // column blocks in parallel: each thread owns its columns, so no partial sums need merging
        IntStream.range(0, (d + 63) / 64).parallel().forEach(blk -> {
            int j0 = blk * 64, j1 = Math.min(d, j0 + 64);
            for (int i = 0; i < n; i++) for (int j = j0; j < j1; j++) mean[j] += x[i * d + j];
            for (int j = j0; j < j1; j++) mean[j] /= n;
            for (int i = 0; i < n; i++) {
                for (int j = j0; j < j1; j++) {
                    double c = x[i * d + j] - mean[j];
                    x[i * d + j] = (float) c;
                    centred.set(i, j, c);
                    columnTotals[j] += c * c;
                }
            }
        });
        double total = 0;
        for (double t : columnTotals) total += t;
        total /= (n - 1);
        Fit fit = Math.min(n, d) <= EXACT_LIMIT ? null : lanczos(centred, n, d, k);
        if (fit == null) fit = exact(centred, n, d, k);
        return new PrincipalAxes(mean, total, fit.variances, fixSigns(fit.axes), fit.method);
    }

    /**
     * The coordinates of n centred rows x [n × d] (row-major floats) on the axes [k][d]: [n][k], by BLAS
     * in double. Measured against the float kernel it replaced (same benchmark, 10 axes): 0.3–4 ms
     * against 0.5–5 ms on the embedded model's traces, 139 ms against 155 ms for 6400 states of H = 5280.
     */
    public static double[][] project(float[] x, int n, int d, double[][] axes) {
        NativeLinalg.require();
        int k = axes.length;
        double[][] out = new double[n][k];
        if (n == 0 || k == 0) return out;
        DenseMatrix rows = DenseMatrix.zeros(ScalarType.Float64, n, d);
        IntStream.range(0, (n + 63) / 64).parallel().forEach(blk -> {
            for (int i = blk * 64, end = Math.min(n, i + 64); i < end; i++) for (int j = 0; j < d; j++) rows.set(i, j, x[i * d + j]);
        });
        DenseMatrix v = DenseMatrix.zeros(ScalarType.Float64, d, k);
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) v.set(j, c, axes[c][j]);
        DenseMatrix p = rows.mm(v);
        for (int i = 0; i < n; i++) for (int c = 0; c < k; c++) out[i][c] = p.get(i, c);
        return out;
    }

    private record Fit(double[] variances, double[][] axes, String method) {
    }

    /** Covariance (d ≤ n) or Gram matrix, then every eigenpair; a null direction gets an orthonormal completion. */
    private static Fit exact(DenseMatrix x, int n, int d, int k) {
        double[][] axes = new double[k][d];
        double[] variances = new double[k];
        boolean covariance = d <= n;
        SymmetricEigen e = SymmetricEigen.of(covariance ? x.ata() : x.aat(), covariance ? d : n);
        for (int c = 0; c < k; c++) variances[c] = Math.max(0, e.values()[c]) / (n - 1);
        if (covariance) {
            for (int c = 0; c < k; c++) axes[c] = e.vectors()[c];
        } else {
            DenseMatrix u = DenseMatrix.zeros(ScalarType.Float64, n, k);
            for (int c = 0; c < k; c++) for (int i = 0; i < n; i++) u.set(i, c, variances[c] > 0 ? e.vectors()[c][i] : 0);
            DenseMatrix v = x.tm(u);                               // Xᵀu = σ v: normalised below
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) axes[c][j] = v.get(j, c);
        }
        return new Fit(variances, orthonormal(axes, d), "exact");
    }

    /** ARPACK's top k singular triplets, or null when it did not give k usable axes (then the exact path runs). */
    private static Fit lanczos(DenseMatrix x, int n, int d, int k) {
        SVD svd;
        try {
            svd = ARPACK.svd(x, k, Math.min(Math.max(3 * k, 20), Math.min(n, d)), 0);
        } catch (ArithmeticException notConverged) {
            return null;
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) order[c] = c;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(svd.s().get(b), svd.s().get(a)));
        double[][] axes = new double[k][d];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            double s = svd.s().get(order[c]);
            if (!(s > 0)) return null; // a null direction: Vᵀ = Uᵀ X / σ is undefined there
            variances[c] = s * s / (n - 1);
            for (int j = 0; j < d; j++) axes[c][j] = svd.Vt().get(order[c], j);
            if (!Double.isFinite(axes[c][0])) return null;
        }
        return new Fit(variances, orthonormal(axes, d), "lanczos");
    }

    /**
     * The axes made orthonormal by a QR decomposition (LAPACK dgeqrf): unit length for the Gram path's
     * Xᵀu, and an all-zero axis (no variance left in the data) becomes a unit vector orthogonal to the others.
     */
    private static double[][] orthonormal(double[][] axes, int d) {
        int k = axes.length;
        DenseMatrix a = DenseMatrix.zeros(ScalarType.Float64, d, k);
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) a.set(j, c, axes[c][j]);
        DenseMatrix q = a.qr().Q();
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) axes[c][j] = q.get(j, c);
        return axes;
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
