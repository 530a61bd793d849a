package io.loopscope.analysis.projection;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.linalg.PrincipalAxes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import smile.linalg.UPLO;
import smile.tensor.ARPACK;
import smile.tensor.DenseMatrix;
import smile.tensor.EVD;
import smile.tensor.SVD;
import smile.tensor.ScalarType;

/**
 * {@link PrincipalAxes} against every route Smile offers to the same top-10 PCA —
 * {@code smile.feature.extraction.PCA}, LAPACK's SVD (dgesdd), the covariance or Gram matrix through
 * BLAS with LAPACK's dsyevd, and ARPACK's truncated SVD — in one JVM, on the embedded model's traces
 * (H = 96) and on Huginn-sized synthetic states (H = 5280), methods interleaved round by round.
 * Accuracy is measured against the double-precision SVD of the same centred data: the worst relative
 * error of the top-5 variances and the worst 1 − |cos| of the top-5 axes (the quantities and the
 * 2e-3 / 1e-3 tolerances of {@code PcaTest}). The table in {@link PrincipalAxes} came from this class
 * run against the plain-Java solver it replaced. A benchmark, not a test: needs Debian's
 * libopenblas-dev and libarpack2-dev. Run (traces from {@code loopscope trace}):
 * <pre>java -cp analysis/target/classes:analysis/target/test-classes:$(deps) io.loopscope.analysis.projection.SmilePcaBenchmark [trace.npz …]
 *   [-Dbench.huginn=330,660,2000,6400] [-Dbench.eigen=false] [-Dbench.smilePcaAtHuginn=true]</pre>
 */
public final class SmilePcaBenchmark {
    private static final int K = 10, RUNS = 7;

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%d cores; median of %d warm runs (wall ms); errors against double dgesdd%n", Runtime.getRuntime().availableProcessors(), RUNS);
        List<Case> cases = new ArrayList<>();
        for (String a : args) {
            TraceData data = TraceLoader.load(Path.of(a));
            Pca.StateMatrix m = Pca.StateMatrix.of(data, StateSpace.NORMALIZED, 0, data.tokens(), 0);
            cases.add(new Case(Path.of(a).getFileName() + " (embedded model)", m.values(), m.rows(), data.hidden()));
        }
        for (String n : System.getProperty("bench.huginn", "330,660,2000,6400").split(",")) {
            int rows = Integer.parseInt(n.trim());
            cases.add(new Case("synthetic Huginn", PcaBenchmark.lowRankPlusNoise(rows, 5280, 64, 7), rows, 5280));
        }
        if (Boolean.parseBoolean(System.getProperty("bench.eigen", "true"))) symmetricEigen();
        boolean slowSmilePca = Boolean.getBoolean("bench.smilePcaAtHuginn");
        for (Case c : cases) {
            System.out.printf(Locale.ROOT, "%n%s: %d states × H = %d, top %d%n", c.name, c.n, c.d, K);
            boolean dense = Math.min(c.n, c.d) <= 2000;
            Fit reference = dense ? smileSvd(c) : smileEigen(c);
            if (!dense) System.out.println("  (reference: covariance + dsyevd, computed once; dgesdd and dsyevd are not timed here, too slow)");
            List<Method> methods = new ArrayList<>();
            methods.add(new Method("PrincipalAxes", () -> principalAxes(c)));
            if (dense) methods.add(new Method("Smile dgesdd (thin SVD)", () -> smileSvd(c)));
            if (dense) methods.add(new Method("Smile BLAS cov/Gram + dsyevd", () -> smileEigen(c)));
            methods.add(new Method("Smile ARPACK svd (top k)", () -> smileArpack(c)));
            if (c.d < 1000 || slowSmilePca) methods.add(new Method("smile.feature.extraction.PCA", () -> smilePca(c)));
            report(c, reference, methods);
            projection(c);
        }
    }

    record Method(String name, Supplier<Fit> fit) {
    }

    /** Every method once to warm up, then RUNS rounds in which each runs once in turn (so load changes hit all alike). */
    private static void report(Case c, Fit reference, List<Method> methods) {
        Fit[] last = new Fit[methods.size()];
        double[][] ms = new double[methods.size()][RUNS];
        for (int m = 0; m < methods.size(); m++) last[m] = methods.get(m).fit().get();
        for (int r = 0; r < RUNS; r++) {
            for (int m = 0; m < methods.size(); m++) {
                long t0 = System.nanoTime();
                last[m] = methods.get(m).fit().get();
                ms[m][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        for (int m = 0; m < methods.size(); m++) {
            Fit f = last[m];
            Arrays.sort(ms[m]);
            double varErr = 0, axisErr = 0;
            for (int i = 0; i < 5; i++) {
                varErr = Math.max(varErr, Math.abs(f.variances[i] - reference.variances[i]) / reference.variances[i]);
                double cos = 0;
                for (int j = 0; j < c.d; j++) cos += f.axes[i][j] * reference.axes[i][j];
                axisErr = Math.max(axisErr, 1 - Math.abs(cos));
            }
            System.out.printf(Locale.ROOT, "  %-30s %9.1f ms (min %.1f, max %.1f)   variance err %.1e   axis 1-|cos| %.1e%n",
                    methods.get(m).name(), ms[m][RUNS / 2], ms[m][0], ms[m][RUNS - 1], varErr, axisErr);
        }
    }

    static Fit principalAxes(Case c) {
        PrincipalAxes a = PrincipalAxes.fit(c.x.clone(), c.n, c.d, K);
        return new Fit(a.variances(), a.axes());
    }

    /** Projecting every state onto 10 axes: what {@code Pca.project} uses against a copy into Smile plus dgemm. */
    static void projection(Case c) {
        float[] axes = new float[c.d * 16];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < axes.length; i++) axes[i] = (i % 16) < K ? (float) r.nextGaussian() : 0;
        double[][] axisRows = new double[K][c.d];
        for (int k = 0; k < K; k++) for (int j = 0; j < c.d; j++) axisRows[k][j] = axes[j * 16 + k];
        double[] kernel = time(() -> PrincipalAxes.project(c.x, c.n, c.d, axisRows)[0][0]);
        double[] blas = time(() -> {
            DenseMatrix x = DenseMatrix.zeros(ScalarType.Float64, c.n, c.d);
            for (int i = 0; i < c.n; i++) for (int j = 0; j < c.d; j++) x.set(i, j, c.x[i * c.d + j]);
            DenseMatrix v = DenseMatrix.zeros(ScalarType.Float64, c.d, K);
            for (int j = 0; j < c.d; j++) for (int k = 0; k < K; k++) v.set(j, k, axes[j * 16 + k]);
            return x.mm(v).get(0, 0);
        });
        System.out.printf(Locale.ROOT, "  projection onto %d axes: PrincipalAxes.project %.1f ms, Smile copy + dgemm %.1f ms (first value %.6g vs %.6g)%n",
                K, kernel[0], blas[0], kernel[1], blas[1]);
    }

    /** {@link io.loopscope.analysis.linalg.SymmetricEigen} against LAPACK's dsyevd on m × m Gram matrices, as the motif features decompose. */
    static void symmetricEigen() {
        System.out.printf(Locale.ROOT, "%nsymmetric eigen of an m × m Gram matrix (m states of H = 96)%n");
        for (int m : new int[] {16, 32, 64, 128, 256}) {
            float[] x = PcaBenchmark.lowRankPlusNoise(m, 96, 16, 3);
            double[][] g = new double[m][m];
            for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) for (int j = 0; j < 96; j++) g[a][b] += (double) x[a * 96 + j] * x[b * 96 + j];
            double[] ours = time(() -> io.loopscope.analysis.linalg.SymmetricEigen.of(g).values()[0]);
            double[] lapack = time(() -> {
                DenseMatrix d = DenseMatrix.zeros(ScalarType.Float64, m, m);
                for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) d.set(a, b, g[a][b]);
                d.withUplo(UPLO.LOWER);
                return d.eigen(false, true).wr().get(m - 1);
            });
            System.out.printf(Locale.ROOT, "  m = %3d: SymmetricEigen %8.3f ms, dsyevd %8.3f ms (largest λ %.12g vs %.12g)%n", m, ours[0], lapack[0], ours[1], lapack[1]);
        }
    }

    /** Median wall ms of RUNS warm runs, and the value of the last. */
    private static double[] time(java.util.function.DoubleSupplier f) {
        for (int w = 0; w < 3; w++) f.getAsDouble();
        double[] ms = new double[RUNS];
        double v = 0;
        for (int r = 0; r < RUNS; r++) {
            long t0 = System.nanoTime();
            v = f.getAsDouble();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[RUNS / 2], v};
    }

    record Case(String name, float[] x, int n, int d) {
    }

    /** Variances largest first and unit axes [k][d]. */
    record Fit(double[] variances, double[][] axes) {
    }


    /** The data centred in double, as a column-major Smile matrix. */
    private static DenseMatrix centred(Case c) {
        double[] mean = new double[c.d];
        for (int i = 0; i < c.n; i++) for (int j = 0; j < c.d; j++) mean[j] += c.x[i * c.d + j];
        for (int j = 0; j < c.d; j++) mean[j] /= c.n;
        DenseMatrix m = DenseMatrix.zeros(ScalarType.Float64, c.n, c.d);
        for (int j = 0; j < c.d; j++) for (int i = 0; i < c.n; i++) m.set(i, j, c.x[i * c.d + j] - mean[j]);
        return m;
    }

    static Fit smileSvd(Case c) {
        SVD svd = centred(c).svd(true);
        double[] v = new double[K];
        double[][] axes = new double[K][c.d];
        for (int i = 0; i < K; i++) {
            v[i] = svd.s().get(i) * svd.s().get(i) / (c.n - 1);
            for (int j = 0; j < c.d; j++) axes[i][j] = svd.Vt().get(i, j);
        }
        return new Fit(v, axes);
    }

    static Fit smileEigen(Case c) {
        DenseMatrix x = centred(c);
        boolean cov = c.d <= c.n;
        DenseMatrix g = cov ? x.ata() : x.aat();
        g.withUplo(UPLO.LOWER);
        EVD e = g.eigen(false, true);
        int size = e.wr().size();
        double[] v = new double[K];
        double[][] axes = new double[K][c.d];
        for (int i = 0; i < K; i++) {
            int col = size - 1 - i; // dsyevd: ascending
            v[i] = e.wr().get(col) / (c.n - 1);
            if (cov) {
                for (int j = 0; j < c.d; j++) axes[i][j] = e.Vr().get(j, col);
            } else {
                double norm = 0;
                for (int j = 0; j < c.d; j++) {
                    double s = 0;
                    for (int r = 0; r < c.n; r++) s += x.get(r, j) * e.Vr().get(r, col);
                    axes[i][j] = s;
                    norm += s * s;
                }
                norm = Math.sqrt(norm);
                for (int j = 0; j < c.d; j++) axes[i][j] /= norm;
            }
        }
        return new Fit(v, axes);
    }

    static Fit smileArpack(Case c) {
        SVD svd = ARPACK.svd(centred(c), K);
        double[] v = new double[K];
        double[][] axes = new double[K][c.d];
        Integer[] order = new Integer[K];
        for (int i = 0; i < K; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(svd.s().get(b), svd.s().get(a)));
        for (int i = 0; i < K; i++) {
            int o = order[i];
            v[i] = svd.s().get(o) * svd.s().get(o) / (c.n - 1);
            for (int j = 0; j < c.d; j++) axes[i][j] = svd.Vt().get(o, j);
        }
        return new Fit(v, axes);
    }

    static Fit smilePca(Case c) {
        double[][] rows = new double[c.n][c.d];
        for (int i = 0; i < c.n; i++) for (int j = 0; j < c.d; j++) rows[i][j] = c.x[i * c.d + j];
        smile.feature.extraction.PCA pca = smile.feature.extraction.PCA.fit(rows);
        double[] v = new double[K];
        double[][] axes = new double[K][c.d];
        // its variances are s² (n > d) or the covariance over n (n ≤ d): rescale both to the sample variance
        double scale = c.n > c.d ? 1.0 / (c.n - 1) : c.n / (c.n - 1.0);
        for (int i = 0; i < K; i++) {
            v[i] = pca.variance().get(i) * scale;
            for (int j = 0; j < c.d; j++) axes[i][j] = pca.loadings().get(j, i);
        }
        return new Fit(v, axes);
    }
}
