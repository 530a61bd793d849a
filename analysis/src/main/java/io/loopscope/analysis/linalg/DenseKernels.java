package io.loopscope.analysis.linalg;

import java.util.stream.IntStream;

/**
 * The few dense kernels the analysis needs, in plain Java.
 *
 * <p>Why not Smile's (native BLAS) routines: Smile 6 reaches OpenBLAS through FFM by library name
 * ({@code libopenblas.so}), which a fresh machine does not have and which cannot be pointed at the
 * OpenBLAS that ND4J unpacks (Smile passes the name through {@code System.mapLibraryName}, so an
 * absolute path is impossible, and the bytedeco copy's soname is {@code libopenblas.so.0}). The hot
 * path of PCA is thin — [m × k] times [k × 16] — and the kernel below, which C2 auto-vectorises
 * (the inner loop runs over the 16 contiguous outputs of a row), is within a small factor of BLAS on
 * such shapes and always works.
 */
public final class DenseKernels {
    private static final int ROW_BLOCK = 64;
    /** Products are summed in float over chunks this long, then in double: fast, and the float error stays ~1e-6. */
    private static final int CHUNK = 256;

    private DenseKernels() {
    }

    /**
     * C = A · B with A [m × k] and B [k × l], both float row-major; returns C [m × l] as doubles.
     * Row blocks are shared among the common pool's threads.
     */
    public static double[] multiply(float[] a, int m, int k, float[] b, int l) {
        if ((long) m * k > a.length || (long) k * l > b.length) throw new IllegalArgumentException("array too short");
        double[] c = new double[m * l];
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(blk -> {
            int start = blk * ROW_BLOCK, end = Math.min(m, start + ROW_BLOCK);
            float[] partial = new float[8 * l];
            int i = start;
            for (; i + 8 <= end; i += 8) rows8(a, k, i, b, l, c, partial);
            for (; i < end; i++) row1(a, k, i, b, l, c, partial);
        });
        return c;
    }

    /**
     * Eight rows at once: each B row is loaded once for eight rows of A, and the innermost loop
     * (over l outputs) is a plain multiply-add over contiguous floats that C2 turns into vector FMAs.
     */
    private static void rows8(float[] a, int k, int i, float[] b, int l, double[] c, float[] f) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k, a5 = a4 + k, a6 = a5 + k, a7 = a6 + k;
        int l2 = 2 * l, l3 = 3 * l, l4 = 4 * l, l5 = 5 * l, l6 = 6 * l, l7 = 7 * l;
        for (int p0 = 0; p0 < k; p0 += CHUNK) {
            java.util.Arrays.fill(f, 0f);
            int pe = Math.min(k, p0 + CHUNK);
            for (int p = p0; p < pe; p++) {
                float x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
                float x4 = a[a4 + p], x5 = a[a5 + p], x6 = a[a6 + p], x7 = a[a7 + p];
                int bo = p * l;
                for (int j = 0; j < l; j++) {
                    float y = b[bo + j];
                    f[j] += x0 * y;
                    f[l + j] += x1 * y;
                    f[l2 + j] += x2 * y;
                    f[l3 + j] += x3 * y;
                    f[l4 + j] += x4 * y;
                    f[l5 + j] += x5 * y;
                    f[l6 + j] += x6 * y;
                    f[l7 + j] += x7 * y;
                }
            }
            int co = i * l;
            for (int j = 0; j < 8 * l; j++) c[co + j] += f[j];
        }
    }

    private static void row1(float[] a, int k, int i, float[] b, int l, double[] c, float[] f) {
        int a0 = i * k;
        for (int p0 = 0; p0 < k; p0 += CHUNK) {
            java.util.Arrays.fill(f, 0, l, 0f);
            int pe = Math.min(k, p0 + CHUNK);
            for (int p = p0; p < pe; p++) {
                float x = a[a0 + p];
                int bo = p * l;
                for (int j = 0; j < l; j++) f[j] += x * b[bo + j];
            }
            for (int j = 0; j < l; j++) c[i * l + j] += f[j];
        }
    }

    /** The transpose of a [m × k] float matrix, blocked so both sides stay in cache. */
    public static float[] transpose(float[] a, int m, int k) {
        float[] t = new float[a.length];
        final int tile = 64;
        int tiles = (m + tile - 1) / tile;
        IntStream.range(0, tiles).parallel().forEach(ti -> {
            int i0 = ti * tile, i1 = Math.min(m, i0 + tile);
            for (int j0 = 0; j0 < k; j0 += tile) {
                int j1 = Math.min(k, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) t[j * m + i] = a[i * k + j];
                }
            }
        });
        return t;
    }

    /**
     * Orthonormalises the l rows of {@code rows} (each of length n, row-major in one array) in place by
     * modified Gram–Schmidt, each row cleaned twice ("twice is enough") for orthogonality to rounding
     * level. A row that lies (numerically) in the span of the previous ones is replaced by the first
     * unit vector that does not, so the result is always an orthonormal set; l must not exceed n.
     */
    public static void orthonormalizeRows(double[] rows, int l, int n) {
        if (l > n) throw new IllegalArgumentException("cannot fit " + l + " orthonormal rows in dimension " + n);
        for (int r = 0; r < l; r++) {
            int ro = r * n;
            double before = Math.sqrt(dot(rows, ro, rows, ro, n));
            double after = clean(rows, r, n);
            for (int unit = 0; !(after > 1e-10 * before && after > 1e-300) && unit < n; unit++) {
                java.util.Arrays.fill(rows, ro, ro + n, 0);
                rows[ro + unit] = 1;
                before = 1;
                after = clean(rows, r, n);
            }
            for (int i = 0; i < n; i++) rows[ro + i] /= after;
        }
    }

    /** Removes from row r its components along rows 0..r-1, twice; returns the remaining norm. */
    private static double clean(double[] rows, int r, int n) {
        int ro = r * n;
        for (int pass = 0; pass < 2; pass++) {
            for (int q = 0; q < r; q++) {
                int qo = q * n;
                double d = dot(rows, ro, rows, qo, n);
                for (int i = 0; i < n; i++) rows[ro + i] -= d * rows[qo + i];
            }
        }
        return Math.sqrt(dot(rows, ro, rows, ro, n));
    }

    /** Dot product of two length-n slices, with four partial sums so the adds do not serialise. */
    public static double dot(double[] x, int xo, double[] y, int yo, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += x[xo + i] * y[yo + i];
            s1 += x[xo + i + 1] * y[yo + i + 1];
            s2 += x[xo + i + 2] * y[yo + i + 2];
            s3 += x[xo + i + 3] * y[yo + i + 3];
        }
        for (; i < n; i++) s0 += x[xo + i] * y[yo + i];
        return (s0 + s1) + (s2 + s3);
    }
}
