package io.loopscope.inference.trace;

import java.util.Arrays;

/** A dense int32 array in C order with its shape (token ids of the logit lens top-k). */
public record IntTensor(int[] shape, int[] data) {

    public IntTensor {
        shape = shape.clone();
        long size = 1;
        for (int d : shape) size *= d;
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " values, data has " + data.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int get(int... index) {
        int off = 0;
        for (int a = 0; a < shape.length; a++) off = off * shape[a] + index[a];
        return data[off];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IntTensor" + Arrays.toString(shape);
    }
}
