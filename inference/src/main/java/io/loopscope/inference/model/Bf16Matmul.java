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
 * iteration at one token. At 1–8 tokens a product is bound by reading W once, which this loop does
 * from both cores; the Vector API keeps the widening in registers.
 *
 * <p>The widening trick: W's row is read as 32-bit lanes, each holding two BF16 values. BF16 is the
 * top half of a float32, so {@code lane << 16} is the even weight and {@code lane & 0xFFFF0000} the odd
 * one — no cross-lane shuffle. x is rearranged once per call to match: in each chunk of 2L values
 * (L = lanes) the even-indexed ones first, then the odd ones.
 */
final class Bf16Matmul {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int CHUNK = 2 * L;          // BF16 values per 32-bit vector load
    private static final int TOKENS = 4;             // tokens that share each widened weight vector
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bf16Matmul() {
    }

    /**
     * y [n, out] = x [n, in] · Wᵀ, where row j of W is the {@code in} BF16 values at byte
     * {@code 2·j·rowStride} of w. x and y are dense row-major float32.
     */
    static void multiply(MemorySegment x, int n, int in, MemorySegment w, long rowStride, int out, MemorySegment y) {
        float[] xs = interleaved(x, n, in);
        int block = Math.max(8, out / (16 * Runtime.getRuntime().availableProcessors()));
        int blocks = (out + block - 1) / block;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int to = Math.min(out, (b + 1) * block);
            for (int j = b * block; j < to; j++) row(xs, n, in, w, 2L * j * rowStride, j, out, y);
        });
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

    /** y[·, j] for every token: W's row j (at byte rowAt) is widened once per group of TOKENS tokens. */
    private static void row(float[] xs, int n, int in, MemorySegment w, long rowAt, int j, int out, MemorySegment y) {
        int whole = in - in % CHUNK;
        for (int t0 = 0; t0 < n; t0 += TOKENS) {
            int count = Math.min(TOKENS, n - t0);
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            int x0 = t0 * in, x1 = x0 + in, x2 = x1 + in, x3 = x2 + in;
            for (int k = 0; k < whole; k += CHUNK) {
                IntVector pair = IntVector.fromMemorySegment(I, w, rowAt + 2L * k, ByteOrder.LITTLE_ENDIAN);
                FloatVector even = pair.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
                FloatVector odd = pair.and(0xFFFF0000).reinterpretAsFloats();
                a0 = even.fma(FloatVector.fromArray(F, xs, x0 + k), odd.fma(FloatVector.fromArray(F, xs, x0 + k + L), a0));
                if (count > 1) a1 = even.fma(FloatVector.fromArray(F, xs, x1 + k), odd.fma(FloatVector.fromArray(F, xs, x1 + k + L), a1));
                if (count > 2) a2 = even.fma(FloatVector.fromArray(F, xs, x2 + k), odd.fma(FloatVector.fromArray(F, xs, x2 + k + L), a2));
                if (count > 3) a3 = even.fma(FloatVector.fromArray(F, xs, x3 + k), odd.fma(FloatVector.fromArray(F, xs, x3 + k + L), a3));
            }
            FloatVector[] acc = {a0, a1, a2, a3};
            for (int t = 0; t < count; t++) {
                float sum = acc[t].reduceLanes(VectorOperators.ADD);
                int xt = (t0 + t) * in;
                for (int k = whole; k < in; k++) sum += widen(w.get(SHORT, rowAt + 2L * k)) * xs[xt + k];
                y.setAtIndex(FLOAT, (long) (t0 + t) * out + j, sum);
            }
        }
    }

    /** One BF16 value as float32 (exact: BF16 is the top half of a float32). */
    static float widen(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
    }
}
