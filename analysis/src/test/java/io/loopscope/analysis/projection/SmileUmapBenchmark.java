package io.loopscope.analysis.projection;

import java.util.Locale;

/**
 * The plain-Java {@link Umap} against Smile's {@code smile.manifold.UMAP} (spectral initialisation by
 * ARPACK) in one JVM: wall time and layout quality — the share of each point's 2-D 10 nearest
 * neighbours from its own cluster, and trustworthiness — on clustered data of the size
 * {@link Embeddings} hands UMAP (2000 points × 50 dims after PCA) and on the tests' 5 × 60 clusters.
 * A benchmark, not a test: needs libopenblas-dev and libarpack2-dev. Run:
 * <pre>java -cp analysis/target/classes:analysis/target/test-classes:$(deps) io.loopscope.analysis.projection.SmileUmapBenchmark</pre>
 */
public final class SmileUmapBenchmark {
    public static void main(String[] args) {
        for (int[] size : new int[][] {{5, 60}, {20, 100}}) {
            int clusters = size[0], per = size[1];
            double[][] x = UmapTest.clusters(clusters, per, 50, 3);
            System.out.printf(Locale.ROOT, "%n%d clusters × %d points × 50 dims%n", clusters, per);
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                double[][] ours = Umap.embed(x, Umap.Options.defaults(x.length), 7);
                long t1 = System.nanoTime();
                smile.math.MathEx.setSeed(7);
                double[][] theirs = smile.manifold.UMAP.fit(x, new smile.manifold.UMAP.Options(15));
                long t2 = System.nanoTime();
                boolean quality = run == 2;
                System.out.printf(Locale.ROOT, "  run %d: Umap %.0f ms%s; Smile UMAP %.0f ms%s%n", run, (t1 - t0) / 1e6, quality ? quality(x, ours, per) : "",
                        (t2 - t1) / 1e6, quality ? quality(x, theirs, per) : "");
            }
        }
    }

    private static String quality(double[][] x, double[][] y, int per) {
        int k = 10;
        int[][] near = UmapTest.nearest(y, k);
        double same = 0;
        for (int i = 0; i < y.length; i++) for (int j : near[i]) if (j / per == i / per) same++;
        return String.format(Locale.ROOT, " (own-cluster share %.3f, trustworthiness %.3f)", same / (y.length * k), UmapTest.trustworthiness(x, y, k));
    }
}
