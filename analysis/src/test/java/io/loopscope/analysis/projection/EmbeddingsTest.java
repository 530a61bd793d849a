package io.loopscope.analysis.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TestTraces;
import io.loopscope.analysis.TraceData;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {
    /** Two tokens far apart in H = 80, each jittering around its own point: t-SNE must keep them apart. */
    static TraceData twoClusters() {
        java.util.Random r = new java.util.Random(5);
        double[][] a = new double[60][80], b = new double[60][80];
        for (int s = 0; s < 60; s++) {
            for (int j = 0; j < 80; j++) {
                a[s][j] = 0.1 * r.nextGaussian();
                b[s][j] = (j < 40 ? 3 : 0) + 0.1 * r.nextGaussian();
            }
        }
        return TestTraces.builder("two", TestTraces.byStep(a, b)).build();
    }

    @Test
    void tsneSeparatesClustersAndSaysWhenSampled() {
        TraceData data = twoClusters();
        EmbeddingResult all = Embeddings.tsne(data, StateSpace.RAW, 1000, 1);
        assertFalse(all.sampled());
        assertEquals(120, all.coordinates().length);
        assertEquals("t-SNE of all 120 states", all.describe());
        double[] ca = centroid(all, 0), cb = centroid(all, 1);
        assertTrue(Math.hypot(ca[0] - cb[0], ca[1] - cb[1]) > 2 * spread(all, 0, ca), "clusters stay apart");

        EmbeddingResult some = Embeddings.tsne(data, StateSpace.RAW, 50, 1);
        assertTrue(some.sampled());
        assertEquals(50, some.coordinates().length);
        assertEquals("t-SNE of 50 of 120 states (random sample)", some.describe());
    }

    @Test
    void umapSeparatesClustersIsSeededAndSaysWhenSampled() {
        TraceData data = twoClusters();
        EmbeddingResult all = Embeddings.umap(data, StateSpace.RAW, 1000, 1);
        assertEquals(null, all.unavailable());
        assertFalse(all.sampled());
        assertEquals(120, all.coordinates().length);
        assertEquals("UMAP of all 120 states", all.describe());
        double[] ca = centroid(all, 0), cb = centroid(all, 1);
        assertTrue(Math.hypot(ca[0] - cb[0], ca[1] - cb[1]) > 2 * spread(all, 0, ca), "clusters stay apart");
        assertTrue(java.util.Arrays.deepEquals(all.coordinates(), Embeddings.umap(data, StateSpace.RAW, 1000, 1).coordinates()), "same seed, same layout");

        EmbeddingResult some = Embeddings.umap(data, StateSpace.RAW, 50, 1);
        assertTrue(some.sampled());
        assertEquals(50, some.coordinates().length);
        assertEquals("UMAP of 50 of 120 states (random sample)", some.describe());
        assertEquals("UMAP unavailable: needs at least 3 finite states, has 2", Embeddings.umap(data, StateSpace.RAW, 2, 1).describe());
    }

    static double[] centroid(EmbeddingResult e, int token) {
        double x = 0, y = 0;
        int n = 0;
        for (int i = 0; i < e.tokens().length; i++) {
            if (e.tokens()[i] != token) continue;
            x += e.coordinates()[i][0];
            y += e.coordinates()[i][1];
            n++;
        }
        return new double[] {x / n, y / n};
    }

    static double spread(EmbeddingResult e, int token, double[] c) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < e.tokens().length; i++) {
            if (e.tokens()[i] != token) continue;
            s += Math.hypot(e.coordinates()[i][0] - c[0], e.coordinates()[i][1] - c[1]);
            n++;
        }
        return s / n;
    }
}
