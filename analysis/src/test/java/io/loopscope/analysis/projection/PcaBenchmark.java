package io.loopscope.analysis.projection;

import io.loopscope.analysis.linalg.PrincipalAxes;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * PCA at Huginn scale — 100 tokens × 64 steps = 6400 states of H = 5280 — timed. A benchmark, not a
 * test (timings on a shared machine are too noisy to assert). Run:
 * <pre>java -cp analysis/target/classes:analysis/target/test-classes:$(deps) io.loopscope.analysis.projection.PcaBenchmark [n d k]</pre>
 */
public final class PcaBenchmark {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 6400;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 5280;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        float[] x = lowRankPlusNoise(n, d, 64, 7);
        System.out.printf("data %d × %d (float32), top %d components, %d cores%n", n, d, k, Runtime.getRuntime().availableProcessors());
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run < 5; run++) {
            float[] copy = x.clone(); // fit() centres its input in place
            long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
            PrincipalAxes fit = PrincipalAxes.fit(copy, n, d, k);
            long t1 = System.nanoTime(), c1 = os.getProcessCpuTime();
            System.out.printf("run %d: %.0f ms wall, %.0f ms cpu (%s), explained ratio %s%n", run, (t1 - t0) / 1e6, (c1 - c0) / 1e6, fit.method(),
                    Arrays.toString(Arrays.stream(fit.variances()).map(v -> Math.round(v / fit.totalVariance() * 1e4) / 1e4).toArray()));
        }
    }

    /** Rows = Σ_c g·σ_c·u_c + small isotropic noise, σ_c = 1/(c+1): a decaying spectrum like loop states. */
    static float[] lowRankPlusNoise(int n, int d, int rank, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] basis = new double[rank][d];
        for (double[] b : basis) for (int j = 0; j < d; j++) b[j] = r.nextDouble(-1, 1) / Math.sqrt(d / 3.0);
        float[] x = new float[n * d];
        double[] g = new double[rank];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < rank; c++) g[c] = r.nextDouble(-1.7, 1.7) / (c + 1);
            for (int j = 0; j < d; j++) {
                double v = 3.0 + 0.01 * r.nextDouble(-1.7, 1.7);
                for (int c = 0; c < rank; c++) v += g[c] * basis[c][j];
                x[i * d + j] = (float) v;
            }
        }
        return x;
    }
}
