package io.loopscope.inference.checkpoint;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chunked copies between Java float[] chunks and the off-heap buffer of a float32 INDArray, so a
 * tensor is streamed through a small buffer instead of being held twice (once on the heap, once native).
 */
final class NativeFloats {
    /** Elements per chunk: 1 Mi floats = 4 MB, small next to any real weight matrix. */
    static final int CHUNK = 1 << 20;

    private NativeFloats() {
    }

    /** A fresh, c-ordered float32 array whose contents are about to be overwritten. */
    static INDArray allocate(long[] shape) {
        return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
    }

    /** The array itself when its buffer is exactly its elements in c order, otherwise a float32 c-ordered copy. */
    static INDArray contiguous(INDArray a) {
        boolean plain = a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView()
                && a.offset() == 0 && a.data().length() == a.length();
        if (plain) return a;
        INDArray copy = allocate(a.shape());
        copy.assign(a.castTo(DataType.FLOAT));
        return copy;
    }

    /** Copies src[0, n) into dst's elements [offset, offset + n); dst must come from {@link #allocate}. */
    static void put(INDArray dst, long offset, float[] src, int n) {
        try (FloatPointer p = new FloatPointer(dst.data().addressPointer())) {
            p.position(offset).put(src, 0, n);
        }
    }

    /** Copies src's elements [offset, offset + n) into dst[0, n); src must be {@link #contiguous}. */
    static void get(INDArray src, long offset, float[] dst, int n) {
        try (FloatPointer p = new FloatPointer(src.data().addressPointer())) {
            p.position(offset).get(dst, 0, n);
        }
    }
}
