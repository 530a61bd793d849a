package io.loopscope.inference.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Single .npy arrays. Reading checks the header in Java ({@link NpyHeader}) and converts the data
 * itself, so no malformed file reaches native code; writing uses ND4J's npy codec.
 */
public final class Npy {
    private Npy() {
    }

    public static INDArray read(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new IOException(file + " is a folder, not a .npy file");
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
        requireFits(file.toString(), Files.size(file));
        return parse(file.toString(), Files.readAllBytes(file));
    }

    static INDArray parse(String name, byte[] bytes) throws IOException {
        NpyHeader h = NpyHeader.parse(name, bytes);
        requireFits(name, h.dataBytes() * (h.dtype().isFloat() ? 1 : 2));
        long count = h.count();
        if (count > Integer.MAX_VALUE - 16) throw new IOException(name + " holds " + count + " elements, more than one array can");
        ByteBuffer data = ByteBuffer.wrap(bytes, h.dataOffset(), bytes.length - h.dataOffset()).slice().order(h.order());
        int n = (int) count;
        long[] shape = h.shape();
        char order = h.fortranOrder() ? 'f' : 'c';
        INDArray out = switch (h.dtype()) {
            case FLOAT32 -> {
                float[] a = new float[n];
                data.asFloatBuffer().get(a);
                yield Nd4j.create(a, shape, order);
            }
            case FLOAT16 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) a[i] = Float.float16ToFloat(data.getShort(2 * i));
                yield Nd4j.create(a, shape, order);
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                data.asDoubleBuffer().get(a);
                yield Nd4j.create(a, shape, order);
            }
            case INT32 -> {
                int[] a = new int[n];
                data.asIntBuffer().get(a);
                yield reshaped(Nd4j.createFromArray(a), shape, order);
            }
            case INT64 -> {
                long[] a = new long[n];
                data.asLongBuffer().get(a);
                yield reshaped(Nd4j.createFromArray(a), shape, order);
            }
            case INT8, INT16, UINT8, UINT16, UINT32, BOOL -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) a[i] = integer(h.dtype(), data, i);
                yield reshaped(Nd4j.createFromArray(a), shape, order);
            }
        };
        return h.fortranOrder() ? out.dup('c') : out;
    }

    private static long integer(NpyDtype t, ByteBuffer b, int i) {
        return switch (t) {
            case INT8 -> b.get(i);
            case UINT8, BOOL -> b.get(i) & 0xff;
            case INT16 -> b.getShort(2 * i);
            case UINT16 -> b.getShort(2 * i) & 0xffff;
            case UINT32 -> b.getInt(4 * i) & 0xffffffffL;
            default -> throw new IllegalStateException(t.name());
        };
    }

    private static INDArray reshaped(INDArray flat, long[] shape, char order) {
        return shape.length == 0 ? flat.reshape() : flat.reshape(order, shape);
    }

    /** Refuses what the heap cannot hold, before reading it. */
    private static void requireFits(String name, long bytes) throws IOException {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free / 2) {
            throw new IOException(String.format("%s needs %.2f GB to read but only %.2f GB of memory are free", name, bytes / 1e9, free / 1e9));
        }
    }
}
