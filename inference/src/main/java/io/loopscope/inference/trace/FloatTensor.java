package io.loopscope.inference.trace;

import java.util.Arrays;

/**
 * A dense float32 array in C order with its shape: the plain-Java form in which traces travel to
 * analysis and UI code, which need no ND4J.
 */
public record FloatTensor(int[] shape, float[] data) {

    public FloatTensor {
        shape = shape.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " values, data has " + data.length);
        }
    }

    public static FloatTensor zeros(int... shape) {
        long size = 1;
        for (int d : shape) size *= d;
        return new FloatTensor(shape, new float[Math.toIntExact(size)]);
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Offset of the element at the given leading indices (the rest taken as 0). */
    public int offset(int... index) {
        int off = 0;
        for (int a = 0; a < shape.length; a++) {
            int i = a < index.length ? index[a] : 0;
            if (i < 0 || i >= shape[a]) throw new IndexOutOfBoundsException("index " + i + " on axis " + a + " of " + Arrays.toString(shape));
            off = off * shape[a] + i;
        }
        return off;
    }

    /** A copy of the last-axis row at the given leading indices, e.g. {@code row(step, token)} of [R+1, S, H]. */
    public float[] row(int... leading) {
        if (leading.length != shape.length - 1) throw new IllegalArgumentException("row needs " + (shape.length - 1) + " indices");
        int off = offset(leading);
        return Arrays.copyOfRange(data, off, off + shape[shape.length - 1]);
    }

    public float get(int... index) {
        if (index.length != shape.length) throw new IllegalArgumentException("get needs " + shape.length + " indices");
        return data[offset(index)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
