package io.loopscope.inference.model;

import java.lang.foreign.MemorySegment;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A weight matrix W [out, in] used as y = x·Wᵀ, in the dtype it was stored in: float32 goes to BLAS
 * through ND4J; BF16 stays BF16 and goes to {@link Bf16Matmul}, which widens inside the product.
 * Row and column blocks ({@link #rows}, {@link #columns}) are views, never copies.
 */
public final class Linear {
    private final INDArray w;        // [out, in] float32, or the whole BF16 array that owns the memory below
    private final MemorySegment bf16; // BF16 only: the block's first value; row j starts 2·j·rowStride bytes on
    private final long rowStride;     // BF16 only, in values
    private final int out, in;

    private Linear(INDArray w, MemorySegment bf16, long rowStride, int out, int in) {
        this.w = w;
        this.bf16 = bf16;
        this.rowStride = rowStride;
        this.out = out;
        this.in = in;
    }

    /** W [out, in] as float32 or BF16; a BF16 array must be row-major and dense along its rows. */
    public static Linear of(INDArray w) {
        if (w.rank() != 2) throw new IllegalArgumentException("a linear weight is [out, in], got shape " + java.util.Arrays.toString(w.shape()));
        int out = Math.toIntExact(w.size(0)), in = Math.toIntExact(w.size(1));
        if (w.dataType() == DataType.FLOAT) return new Linear(w, null, 0, out, in);
        if (w.dataType() != DataType.BFLOAT16) throw new IllegalArgumentException("linear weights are float32 or BF16, got " + w.dataType());
        if (w.isView() || w.ordering() != 'c') throw new IllegalArgumentException("a BF16 weight must be a whole row-major array (take blocks with rows and columns)");
        MemorySegment at = MemorySegment.ofAddress(w.data().addressPointer().address()).reinterpret(2L * out * in);
        return new Linear(w, at, in, out, in);
    }

    public int out() {
        return out;
    }

    public int in() {
        return in;
    }

    public boolean isBf16() {
        return bf16 != null;
    }

    /** x [n, in] → x·Wᵀ [n, out], float32. */
    public INDArray apply(INDArray x) {
        if (x.rank() != 2 || x.size(1) != in) {
            throw new IllegalArgumentException("input of shape " + java.util.Arrays.toString(x.shape()) + " does not fit a weight [" + out + ", " + in + "]");
        }
        if (bf16 == null) return Nd4j.gemm(x, w, false, true);
        INDArray dense = Kernels.dense(x);
        int n = Math.toIntExact(dense.size(0));
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, out);
        Bf16Matmul.multiply(segment(dense, (long) n * in), n, in, bf16, rowStride, out, segment(y, (long) n * out));
        return y;
    }

    /** W[from:to, :], the rows of one output block (Wqkv's q, fc's gate half). */
    public Linear rows(long from, long to) {
        check(from, to, out, "rows");
        if (bf16 == null) return of(w.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
        return new Linear(w, bf16.asSlice(2 * from * rowStride), rowStride, (int) (to - from), in);
    }

    /** W[:, from:to], the weights that read one block of the input (the adapter's state or embedding half). */
    public Linear columns(long from, long to) {
        check(from, to, in, "columns");
        if (bf16 == null) return of(w.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)));
        return new Linear(w, bf16.asSlice(2 * from), rowStride, out, (int) (to - from));
    }

    /** W[ids, :] as float32 [ids.length, in]: an embedding lookup. */
    public INDArray gather(int[] ids) {
        if (bf16 == null) return Nd4j.pullRows(w, 1, ids);
        float[] rows = new float[ids.length * in];
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] < 0 || ids[r] >= out) throw new IndexOutOfBoundsException("row " + ids[r] + " of " + out);
            long at = 2L * ids[r] * rowStride;
            for (int k = 0; k < in; k++) rows[r * in + k] = Bf16Matmul.widen(bf16.get(Bf16Matmul.SHORT, at + 2L * k));
        }
        return Nd4j.create(rows, new long[] {ids.length, in}, 'c');
    }

    /** The bytes W occupies as stored (what one product reads from memory). */
    public long storedBytes() {
        return (long) out * in * (bf16 == null ? 4 : 2);
    }

    private static MemorySegment segment(INDArray dense, long floats) {
        return MemorySegment.ofAddress(dense.data().addressPointer().address()).reinterpret(4 * floats); // dense: no view offset
    }

    private static void check(long from, long to, int size, String what) {
        if (from < 0 || to > size || from >= to) throw new IllegalArgumentException(what + " [" + from + ", " + to + ") outside [0, " + size + ")");
    }
}
