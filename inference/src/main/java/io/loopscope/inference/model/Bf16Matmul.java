package io.loopscope.inference.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * y = x·Wᵀ with W stored as BF16, widened to float32 inside the product, so a BF16 checkpoint is
 * read from memory at 2 bytes a weight and never held as float32.
 *
 * <p>Why by hand: no library here multiplies by BF16 weights — ND4J's gemm needs float32 operands,
 * which is what made the 3.56 B Huginn-0125 take 14.6 GB resident and 5.9× the memory-read bound per
 * iteration at one token. Measured on W [17920, 5280] (2 cores, AVX-512): 22.5 GB/s at one token (the
 * machine's read bandwidth), 110 GFLOP/s at 8 tokens and 160 at 64; the first version of this kernel,
 * one row and one accumulator chain at a time, reached 7.8 GB/s and 11 GFLOP/s.
 *
 * <p>The widening trick: W's row is read as 32-bit lanes, each holding two BF16 values. BF16 is the
 * top half of a float32, so {@code lane << 16} is the even weight and {@code lane & 0xFFFF0000} the odd
 * one — no cross-lane shuffle. x is rearranged once per call to match: in each chunk of 2L values
 * (L = lanes) the even-indexed ones first, then the odd ones.
 *
 * <p>The blocking: four rows of W at a time, so four independent accumulator chains hide the FMA
 * latency at one token, and four tokens share each widened weight vector (16 accumulators, 32 FMAs per
 * 12 loads) when there are more; rows past a multiple of four and tokens past a multiple of four take
 * the narrower kernels.
 */
final class Bf16Matmul {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int CHUNK = 2 * L;          // BF16 values per 32-bit vector load
    private static final int ROWS = 4, TOKENS = 4;   // the register block
    private static final int ODD = 0xFFFF0000;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);

    private Bf16Matmul() {
    }

    /**
     * y [n, out] = x [n, in] · Wᵀ, where row j of W is the {@code in} BF16 values at byte
     * {@code 2·j·rowStride} of w. x and y are dense row-major float32.
     */
    static void multiply(MemorySegment x, int n, int in, MemorySegment w, long rowStride, int out, MemorySegment y) {
        Product p = new Product(interleaved(x, n, in), n, in, w, 2L * rowStride, out, y);
        int block = Math.max(ROWS, Math.min(64, out / (4 * Runtime.getRuntime().availableProcessors()) / ROWS * ROWS));
        int blocks = (out + block - 1) / block;
        IntStream.range(0, blocks).parallel().forEach(b -> p.rows(b * block, Math.min(out, (b + 1) * block)));
    }

    /** x rearranged chunk by chunk (evens, then odds) to meet the widened lanes; the tail past the last chunk keeps its order. */
    private static float[] interleaved(MemorySegment x, int n, int in) {
        float[] xs = new float[n * in];
        MemorySegment.copy(x, FLOAT, 0, xs, 0, n * in);
        float[] chunk = new float[CHUNK];
        int whole = in - in % CHUNK;
        for (int t = 0; t < n; t++) {
            for (int c = t * in, end = t * in + whole; c < end; c += CHUNK) {
                for (int i = 0; i < L; i++) {
                    chunk[i] = xs[c + 2 * i];
                    chunk[L + i] = xs[c + 2 * i + 1];
                }
                System.arraycopy(chunk, 0, xs, c, CHUNK);
            }
        }
        return xs;
    }

    /** One product's operands; {@link #rows} fills y's columns [from, to) for every token. */
    private record Product(float[] xs, int n, int in, MemorySegment w, long rowBytes, int out, MemorySegment y) {
        int whole() {
            return in - in % CHUNK;
        }

        void rows(int from, int to) {
            int j = from;
            for (; j + ROWS <= to; j += ROWS) {
                int t = 0;
                for (; t + TOKENS <= n; t += TOKENS) fourRowsFourTokens(j, t);
                for (; t < n; t++) fourRowsOneToken(j, t);
            }
            for (; j < to; j++) {
                for (int t = 0; t < n; t++) put(t, j, dot(j, t, 0, in));
            }
        }

        private void fourRowsOneToken(int j, int t) {
            long r0 = j * rowBytes, r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            int x0 = t * in, whole = whole();
            for (int k = 0; k < whole; k += CHUNK) {
                FloatVector xe = FloatVector.fromArray(F, xs, x0 + k), xo = FloatVector.fromArray(F, xs, x0 + k + L);
                IntVector p0 = pairs(r0, k), p1 = pairs(r1, k), p2 = pairs(r2, k), p3 = pairs(r3, k);
                a0 = p0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xe, p0.and(ODD).reinterpretAsFloats().fma(xo, a0));
                a1 = p1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xe, p1.and(ODD).reinterpretAsFloats().fma(xo, a1));
                a2 = p2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xe, p2.and(ODD).reinterpretAsFloats().fma(xo, a2));
                a3 = p3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xe, p3.and(ODD).reinterpretAsFloats().fma(xo, a3));
            }
            put(t, j, sum(a0) + dot(j, t, whole, in));
            put(t, j + 1, sum(a1) + dot(j + 1, t, whole, in));
            put(t, j + 2, sum(a2) + dot(j + 2, t, whole, in));
            put(t, j + 3, sum(a3) + dot(j + 3, t, whole, in));
        }

        /** a[r][c]: row j + r, token t + c. The even halves of the four rows meet each token's x, then the odd halves. */
        private void fourRowsFourTokens(int j, int t) {
            long r0 = j * rowBytes, r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
            FloatVector z = FloatVector.zero(F);
            FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
            FloatVector a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
            int x0 = t * in, x1 = x0 + in, x2 = x1 + in, x3 = x2 + in, whole = whole();
            for (int k = 0; k < whole; k += CHUNK) {
                IntVector p0 = pairs(r0, k), p1 = pairs(r1, k), p2 = pairs(r2, k), p3 = pairs(r3, k);
                FloatVector w0 = p0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), w1 = p1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), w2 = p2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), w3 = p3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
                FloatVector x = FloatVector.fromArray(F, xs, x0 + k);
                a00 = w0.fma(x, a00); a10 = w1.fma(x, a10); a20 = w2.fma(x, a20); a30 = w3.fma(x, a30);
                x = FloatVector.fromArray(F, xs, x1 + k);
                a01 = w0.fma(x, a01); a11 = w1.fma(x, a11); a21 = w2.fma(x, a21); a31 = w3.fma(x, a31);
                x = FloatVector.fromArray(F, xs, x2 + k);
                a02 = w0.fma(x, a02); a12 = w1.fma(x, a12); a22 = w2.fma(x, a22); a32 = w3.fma(x, a32);
                x = FloatVector.fromArray(F, xs, x3 + k);
                a03 = w0.fma(x, a03); a13 = w1.fma(x, a13); a23 = w2.fma(x, a23); a33 = w3.fma(x, a33);
                w0 = p0.and(ODD).reinterpretAsFloats(); w1 = p1.and(ODD).reinterpretAsFloats(); w2 = p2.and(ODD).reinterpretAsFloats(); w3 = p3.and(ODD).reinterpretAsFloats();
                x = FloatVector.fromArray(F, xs, x0 + k + L);
                a00 = w0.fma(x, a00); a10 = w1.fma(x, a10); a20 = w2.fma(x, a20); a30 = w3.fma(x, a30);
                x = FloatVector.fromArray(F, xs, x1 + k + L);
                a01 = w0.fma(x, a01); a11 = w1.fma(x, a11); a21 = w2.fma(x, a21); a31 = w3.fma(x, a31);
                x = FloatVector.fromArray(F, xs, x2 + k + L);
                a02 = w0.fma(x, a02); a12 = w1.fma(x, a12); a22 = w2.fma(x, a22); a32 = w3.fma(x, a32);
                x = FloatVector.fromArray(F, xs, x3 + k + L);
                a03 = w0.fma(x, a03); a13 = w1.fma(x, a13); a23 = w2.fma(x, a23); a33 = w3.fma(x, a33);
            }
            // named, not gathered in an array: an array of vectors makes C2 box them (measured 15× slower at 64 tokens)
            put(t + 0, j + 0, sum(a00) + dot(j + 0, t + 0, whole, in));
            put(t + 1, j + 0, sum(a01) + dot(j + 0, t + 1, whole, in));
            put(t + 2, j + 0, sum(a02) + dot(j + 0, t + 2, whole, in));
            put(t + 3, j + 0, sum(a03) + dot(j + 0, t + 3, whole, in));
            put(t + 0, j + 1, sum(a10) + dot(j + 1, t + 0, whole, in));
            put(t + 1, j + 1, sum(a11) + dot(j + 1, t + 1, whole, in));
            put(t + 2, j + 1, sum(a12) + dot(j + 1, t + 2, whole, in));
            put(t + 3, j + 1, sum(a13) + dot(j + 1, t + 3, whole, in));
            put(t + 0, j + 2, sum(a20) + dot(j + 2, t + 0, whole, in));
            put(t + 1, j + 2, sum(a21) + dot(j + 2, t + 1, whole, in));
            put(t + 2, j + 2, sum(a22) + dot(j + 2, t + 2, whole, in));
            put(t + 3, j + 2, sum(a23) + dot(j + 2, t + 3, whole, in));
            put(t + 0, j + 3, sum(a30) + dot(j + 3, t + 0, whole, in));
            put(t + 1, j + 3, sum(a31) + dot(j + 3, t + 1, whole, in));
            put(t + 2, j + 3, sum(a32) + dot(j + 3, t + 2, whole, in));
            put(t + 3, j + 3, sum(a33) + dot(j + 3, t + 3, whole, in));
        }

        /** Σ W[j, k]·x[t, k] over [from, to), one value at a time: the tail past the last whole chunk. */
        private float dot(int j, int t, int from, int to) {
            float sum = 0;
            long row = j * rowBytes;
            int xt = t * in;
            if (from == 0) {   // the whole row of a row past the register blocks: chunks, then the tail
                int whole = whole();
                FloatVector a = FloatVector.zero(F);
                for (int k = 0; k < whole; k += CHUNK) {
                    IntVector p = pairs(row, k);
                    a = p.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(FloatVector.fromArray(F, xs, xt + k), p.and(ODD).reinterpretAsFloats().fma(FloatVector.fromArray(F, xs, xt + k + L), a));
                }
                sum = sum(a);
                from = whole;
            }
            for (int k = from; k < to; k++) sum += widen(w.get(SHORT, row + 2L * k)) * xs[xt + k];
            return sum;
        }

        private IntVector pairs(long rowAt, int k) {
            return IntVector.fromMemorySegment(I, w, rowAt + 2L * k, LE);
        }

        private void put(int t, int j, float value) {
            y.setAtIndex(FLOAT, (long) t * out + j, value);
        }
    }

    private static FloatVector even(IntVector pairs) {
        return pairs.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    private static FloatVector odd(IntVector pairs) {
        return pairs.and(ODD).reinterpretAsFloats();
    }

    private static float sum(FloatVector v) {
        return v.reduceLanes(VectorOperators.ADD);
    }

    /** One BF16 value as float32 (exact: BF16 is the top half of a float32). */
    static float widen(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
    }
}
