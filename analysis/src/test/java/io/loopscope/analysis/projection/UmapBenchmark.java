package io.loopscope.analysis.projection;

/**
 * UMAP on the largest set {@link Embeddings} hands it — 2000 points × 50 dims (after the PCA pre-reduction) —
 * timed per phase. A benchmark, not a test. Run:
 * <pre>java -cp analysis/target/classes:analysis/target/test-classes:$(deps) io.loopscope.analysis.projection.UmapBenchmark [n d]</pre>
 */
public final class UmapBenchmark {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        double[][] x = UmapTest.clusters(20, n / 20, d, 1);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Umap.Options o = Umap.Options.defaults(x.length);
        System.out.printf("%d × %d, %d neighbours, %d epochs, %d cores, load average %.2f%n", x.length, d, o.neighbours(), o.epochs(),
                Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
            FuzzyGraph g = FuzzyGraph.of(x, o.neighbours());
            long t1 = System.nanoTime();
            double[][] layout = Umap.pcaInit(x, 1);
            long t2 = System.nanoTime();
            double[] ab = UmapLayout.fitAB(o.minDist(), 1);
            UmapLayout.optimise(layout, g, o.epochs(), ab[0], ab[1], 1);
            long t3 = System.nanoTime(), c3 = os.getProcessCpuTime();
            System.out.printf("run %d: graph %.0f ms (%d directed edges), init %.0f ms, layout %.0f ms; total %.0f ms wall, %.0f ms cpu; load %.2f%n",
                    run, (t1 - t0) / 1e6, g.weights.length, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6, (c3 - c0) / 1e6, os.getSystemLoadAverage());
        }
    }
}
