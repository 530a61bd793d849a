package io.loopscope.analysis.projection;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.linalg.PrincipalAxes;
import java.util.Arrays;
import java.util.Random;
import smile.manifold.TSNE;

/**
 * t-SNE (Smile) and UMAP ({@link Umap}, plain Java) as alternatives to PCA for small sets. Both cost O(n²) or close to it, so
 * at most {@code maxPoints} states are embedded — a seeded random sample otherwise, and the result
 * says so. States are first reduced to their top principal components (the usual practice for
 * t-SNE, and what makes H = 5280 affordable).
 */
public final class Embeddings {
    public static final int DEFAULT_MAX_POINTS = 2000;
    private static final int PRE_REDUCE = 50;

    private Embeddings() {
    }

    public static EmbeddingResult tsne(TraceData data, StateSpace space, int maxPoints, long seed) {
        Sample s = sample(data, space, maxPoints, seed);
        if (s.x.length < 4) return unavailable("t-SNE", s, "needs at least 4 finite states, has " + s.x.length);
        double perplexity = Math.max(2, Math.min(30, (s.x.length - 1) / 3.0));
        TSNE fit = TSNE.fit(s.x, new TSNE.Options(2, perplexity, 200, 12, 1000));
        return new EmbeddingResult("t-SNE", fit.coordinates(), s.steps, s.tokens, s.sampled, s.total, null);
    }

    /** UMAP in plain Java ({@link Umap}; analysis/UMAP.md says why not Smile's), umap-learn's defaults, deterministic per seed. */
    public static EmbeddingResult umap(TraceData data, StateSpace space, int maxPoints, long seed) {
        Sample s = sample(data, space, maxPoints, seed);
        if (s.x.length < 3) return unavailable("UMAP", s, "needs at least 3 finite states, has " + s.x.length);
        double[][] layout = Umap.embed(s.x, Umap.Options.defaults(s.x.length), seed);
        return new EmbeddingResult("UMAP", layout, s.steps, s.tokens, s.sampled, s.total, null);
    }

    private static EmbeddingResult unavailable(String method, Sample s, String why) {
        return new EmbeddingResult(method, new double[0][], new int[0], new int[0], s.sampled, s.total, why);
    }

    private record Sample(double[][] x, int[] steps, int[] tokens, boolean sampled, int total) {
    }

    private static Sample sample(TraceData data, StateSpace space, int maxPoints, long seed) {
        if (maxPoints < 1) throw new IllegalArgumentException("maxPoints must be >= 1");
        int total = 0;
        for (int s = 0; s <= data.iterations(); s++) for (int t = 0; t < data.tokens(); t++) if (data.isFinite(s, t)) total++;
        int[] all = new int[total];
        int i = 0;
        for (int s = 0; s <= data.iterations(); s++) for (int t = 0; t < data.tokens(); t++) if (data.isFinite(s, t)) all[i++] = s * data.tokens() + t;
        int[] chosen = all;
        if (total > maxPoints) {
            int[] shuffled = all.clone();
            Random random = new Random(seed);
            for (int j = 0; j < maxPoints; j++) {
                int swap = j + random.nextInt(total - j);
                int tmp = shuffled[j];
                shuffled[j] = shuffled[swap];
                shuffled[swap] = tmp;
            }
            chosen = Arrays.copyOf(shuffled, maxPoints);
            Arrays.sort(chosen);
        }
        int n = chosen.length, h = data.hidden();
        float[] matrix = new float[n * h];
        int[] steps = new int[n], tokens = new int[n];
        for (int r = 0; r < n; r++) {
            steps[r] = chosen[r] / data.tokens();
            tokens[r] = chosen[r] % data.tokens();
            data.state(steps[r], tokens[r], space, matrix, r * h);
        }
        double[][] x = new double[n][];
        if (n >= 2 && h > PRE_REDUCE) {
            PrincipalAxes axes = PrincipalAxes.fit(matrix, n, h, PRE_REDUCE); // centres matrix in place
            x = PrincipalAxes.project(matrix, n, h, axes.axes());
        } else {
            for (int r = 0; r < n; r++) {
                x[r] = new double[h];
                for (int j = 0; j < h; j++) x[r][j] = matrix[r * h + j];
            }
        }
        return new Sample(x, steps, tokens, chosen.length < total, total);
    }
}
