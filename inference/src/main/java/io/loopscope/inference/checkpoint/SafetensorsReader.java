package io.loopscope.inference.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One open safetensors file. Tensors are read one at a time, by positional reads through a 4 MB
 * buffer straight into a fresh float32 INDArray: the file is never loaded whole, so a large checkpoint
 * costs its float32 weights and nothing more.
 */
public final class SafetensorsReader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;

    private SafetensorsReader(Path file, FileChannel channel, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /** Opens a file and validates its header; nothing else is read yet. */
    public static SafetensorsReader open(Path file) throws CheckpointException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file");
        } catch (IOException e) {
            throw new CheckpointException(file + " cannot be opened: " + e.getMessage(), e);
        }
        try {
            return new SafetensorsReader(file, channel, SafetensorsHeader.read(file, channel));
        } catch (CheckpointException | IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof CheckpointException ce) throw ce;
            throw new CheckpointException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public SafetensorsHeader header() {
        return header;
    }

    /**
     * Reads one tensor as float32 (F16 and BF16 widen exactly, F64 rounds to nearest) and rejects it
     * when it holds NaN or infinite values, because one such weight poisons every output downstream.
     */
    public INDArray read(String name) throws CheckpointException {
        SafetensorsEntry entry = header.tensors().get(name);
        if (entry == null) throw new CheckpointException(file + ": no tensor \"" + name + "\"");
        if (!entry.dtype().readableAsFloat()) {
            throw new CheckpointException(file + ": tensor \"" + name + "\" has dtype " + entry.dtype()
                    + ", which cannot be read as weights (supported: " + SafetensorsDType.readableList() + ")");
        }
        INDArray out = NativeFloats.allocate(entry.shape());
        try {
            long bad = copy(entry, out);
            if (bad > 0) {
                throw new CheckpointException(file + ": tensor \"" + name + "\" holds " + bad + " NaN or infinite value"
                        + (bad == 1 ? "" : "s") + " (of " + entry.elementCount() + ")");
            }
        } catch (IOException e) {
            throw new CheckpointException(file + ": reading tensor \"" + name + "\" failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Reads one tensor in its stored dtype when the engine can use it in place — a BF16 matrix stays
     * BF16, read straight into native memory with no widening pass, at half the memory of float32 —
     * and as {@link #read} otherwise. Non-finite values are rejected as there.
     */
    public INDArray readStored(String name) throws CheckpointException {
        SafetensorsEntry entry = header.tensors().get(name);
        if (entry == null || entry.dtype() != SafetensorsDType.BF16 || entry.shape().length != 2) return read(name);
        INDArray out = org.nd4j.linalg.factory.Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.BFLOAT16, entry.shape(), 'c');
        java.lang.foreign.MemorySegment target = java.lang.foreign.MemorySegment.ofAddress(out.data().addressPointer().address())
                .reinterpret(entry.byteLength());
        try {
            long position = header.dataStart() + entry.begin(), bad = 0;
            for (long done = 0; done < entry.byteLength(); ) {
                ByteBuffer chunk = target.asSlice(done, Math.min(entry.byteLength() - done, 4L * NativeFloats.CHUNK)).asByteBuffer();
                while (chunk.hasRemaining()) {
                    int r = channel.read(chunk, position + done + chunk.position());
                    if (r < 0) throw new IOException("the file ended early (it was truncated after being opened)");
                }
                bad += Bf16Scan.nonFinite(target.asSlice(done, chunk.capacity()));
                done += chunk.capacity();
            }
            if (bad > 0) {
                throw new CheckpointException(file + ": tensor \"" + name + "\" holds " + bad + " NaN or infinite value"
                        + (bad == 1 ? "" : "s") + " (of " + entry.elementCount() + ")");
            }
        } catch (IOException e) {
            throw new CheckpointException(file + ": reading tensor \"" + name + "\" failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Streams the tensor's bytes into out; returns how many values were not finite. */
    private long copy(SafetensorsEntry entry, INDArray out) throws IOException {
        int width = entry.dtype().bytes();
        long total = entry.elementCount();
        ByteBuffer bytes = ByteBuffer.allocateDirect((int) Math.min(total, NativeFloats.CHUNK) * width).order(ByteOrder.LITTLE_ENDIAN);
        float[] chunk = new float[(int) Math.min(total, NativeFloats.CHUNK)];
        long position = header.dataStart() + entry.begin();
        long bad = 0;
        for (long done = 0; done < total; ) {
            int n = (int) Math.min(chunk.length, total - done);
            bytes.clear().limit(n * width);
            while (bytes.hasRemaining()) {
                int r = channel.read(bytes, position + bytes.position());
                if (r < 0) throw new IOException("the file ended early (it was truncated after being opened)");
            }
            bytes.flip();
            bad += decode(entry.dtype(), bytes, chunk, n);
            NativeFloats.put(out, done, chunk, n);
            done += n;
            position += (long) n * width;
        }
        return bad;
    }

    private static long decode(SafetensorsDType dtype, ByteBuffer bytes, float[] chunk, int n) {
        switch (dtype) {
            case F32 -> bytes.asFloatBuffer().get(chunk, 0, n);
            case BF16 -> {
                var shorts = bytes.asShortBuffer();
                // bf16 is the top half of a float32: widening is exact
                for (int i = 0; i < n; i++) chunk[i] = Float.intBitsToFloat((shorts.get(i) & 0xFFFF) << 16);
            }
            case F16 -> {
                var shorts = bytes.asShortBuffer();
                for (int i = 0; i < n; i++) chunk[i] = Float.float16ToFloat(shorts.get(i));
            }
            case F64 -> {
                var doubles = bytes.asDoubleBuffer();
                for (int i = 0; i < n; i++) chunk[i] = (float) doubles.get(i);
            }
            default -> throw new IllegalStateException("not a float dtype: " + dtype);
        }
        long bad = 0;
        for (int i = 0; i < n; i++) if (!Float.isFinite(chunk[i])) bad++;
        return bad;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a read-only channel has nothing to flush; failing to close it loses nothing
        }
    }
}
