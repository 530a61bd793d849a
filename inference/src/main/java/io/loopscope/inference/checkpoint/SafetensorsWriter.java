package io.loopscope.inference.checkpoint;

import io.loopscope.inference.io.AtomicFile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes named arrays as a safetensors file the reference implementation (and PyTorch) can open:
 * JSON header with {"__metadata__": {"format": "pt"}}, padded with spaces to a multiple of 8 bytes so
 * the data section is aligned, then the tensors back to back in the order given. Atomic.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /** Writes every tensor as F32. */
    public static void write(Path target, Map<String, INDArray> tensors) throws IOException {
        write(target, tensors, SafetensorsDType.F32, Map.of());
    }

    /**
     * @param dtype    F32, or BF16 (rounded to nearest even, as torch does)
     * @param metadata extra "__metadata__" entries; "format": "pt" is always written
     */
    public static void write(Path target, Map<String, INDArray> tensors, SafetensorsDType dtype, Map<String, String> metadata) throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, a) -> shapes.put(name, a.shape()));
        write(target, shapes, dtype, metadata, (name, sink) -> stream(tensors.get(name), sink));
    }

    /** Produces the values of one tensor, in c order, into a sink. */
    @FunctionalInterface
    public interface TensorValues {
        void write(String name, FloatChunkSink sink) throws IOException;
    }

    /**
     * Writes tensors of the given shapes whose values come from {@code values} one tensor at a time,
     * so a file far larger than memory can be written (the random full-size checkpoint).
     */
    public static void write(Path target, Map<String, long[]> shapes, SafetensorsDType dtype, Map<String, String> metadata,
                             TensorValues values) throws IOException {
        if (dtype != SafetensorsDType.F32 && dtype != SafetensorsDType.BF16) {
            throw new IllegalArgumentException("SafetensorsWriter writes F32 or BF16, not " + dtype);
        }
        byte[] header = header(shapes, dtype, metadata);
        AtomicFile.write(target, tmp -> {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
                writeFully(out, length);
                writeFully(out, ByteBuffer.wrap(header));
                ByteBuffer bytes = ByteBuffer.allocateDirect(NativeFloats.CHUNK * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                    long expected = elements(e.getValue());
                    long[] written = {0};
                    values.write(e.getKey(), (offset, chunk, n) -> {
                        if (offset != written[0]) throw new IllegalStateException(e.getKey() + ": chunk at " + offset + ", expected " + written[0]);
                        writeChunk(out, bytes, chunk, n, dtype);
                        written[0] += n;
                    });
                    if (written[0] != expected) {
                        throw new IllegalStateException(e.getKey() + ": " + written[0] + " values written, its shape needs " + expected);
                    }
                }
                out.force(true);
            }
        });
    }

    /** The header JSON, space-padded so that 8 + its length is a multiple of 8. */
    static byte[] header(Map<String, long[]> shapes, SafetensorsDType dtype, Map<String, String> metadata) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("format", "pt");
        json.put("__metadata__", meta);
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("\"__metadata__\" cannot name a tensor");
            long bytes = elements(e.getValue()) * dtype.bytes();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", e.getValue());
            entry.put("data_offsets", List.of(offset, offset + bytes));
            json.put(e.getKey(), entry);
            offset += bytes;
        }
        byte[] raw = JSON.writeValueAsBytes(json);
        int padded = (raw.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(raw, 0, out, 0, raw.length);
        for (int i = raw.length; i < padded; i++) out[i] = ' ';
        return out;
    }

    /** Bytes of a file {@link #write} makes for these shapes: the 8-byte length, the header, the data. */
    public static long fileBytes(Map<String, long[]> shapes, SafetensorsDType dtype) throws IOException {
        long data = 0;
        for (long[] shape : shapes.values()) data += elements(shape) * dtype.bytes();
        return 8 + header(shapes, dtype, Map.of()).length + data;
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return n;
    }

    /** Streams one array through a 4 MB buffer in c order. */
    private static void stream(INDArray array, FloatChunkSink sink) throws IOException {
        INDArray src = NativeFloats.contiguous(array);
        long total = src.length();
        float[] chunk = new float[(int) Math.min(Math.max(total, 1), NativeFloats.CHUNK)];
        for (long done = 0; done < total; ) {
            int n = (int) Math.min(chunk.length, total - done);
            NativeFloats.get(src, done, chunk, n);
            sink.accept(done, chunk, n);
            done += n;
        }
    }

    private static void writeChunk(FileChannel out, ByteBuffer bytes, float[] chunk, int n, SafetensorsDType dtype) throws IOException {
        for (int from = 0; from < n; ) {
            int part = Math.min(n - from, bytes.capacity() / dtype.bytes());
            bytes.clear();
            if (dtype == SafetensorsDType.F32) {
                bytes.asFloatBuffer().put(chunk, from, part);
                bytes.limit(part * 4);
            } else {
                for (int i = from; i < from + part; i++) bytes.putShort(toBf16(chunk[i]));
                bytes.flip();
            }
            writeFully(out, bytes);
            from += part;
        }
    }

    /** float32 → bfloat16, round to nearest even; NaN stays a (quiet) NaN. */
    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) out.write(buffer);
    }
}
