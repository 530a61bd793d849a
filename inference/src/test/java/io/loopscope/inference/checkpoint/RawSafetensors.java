package io.loopscope.inference.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Builds safetensors files byte by byte, including broken ones the real writer would never produce. */
final class RawSafetensors {
    record Tensor(String name, String dtype, long[] shape, byte[] data) {
    }

    private final List<Tensor> tensors = new ArrayList<>();

    static RawSafetensors of(Map<String, INDArray> arrays) {
        RawSafetensors raw = new RawSafetensors();
        arrays.forEach((name, a) -> raw.add(name, "F32", a.shape(), f32(a)));
        return raw;
    }

    RawSafetensors add(String name, String dtype, long[] shape, byte[] data) {
        tensors.add(new Tensor(name, dtype, shape, data));
        return this;
    }

    RawSafetensors replace(String name, String dtype, long[] shape, byte[] data) {
        tensors.replaceAll(t -> t.name().equals(name) ? new Tensor(name, dtype, shape, data) : t);
        return this;
    }

    RawSafetensors remove(String name) {
        tensors.removeIf(t -> t.name().equals(name));
        return this;
    }

    /** Writes with honest, back-to-back offsets. */
    void write(Path file) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Tensor t : tensors) {
            header.put(t.name(), Map.of("dtype", t.dtype(), "shape", t.shape(), "data_offsets", List.of(data.size(), data.size() + t.data().length)));
            data.writeBytes(t.data());
        }
        writeFile(file, new ObjectMapper().writeValueAsString(header), data.toByteArray());
    }

    /** A file with the given header text (its true length declared) and data section. */
    static void writeFile(Path file, String headerJson, byte[] data) throws IOException {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        writeFile(file, header.length, header, data);
    }

    /** A file that declares an arbitrary header length in front of the given bytes. */
    static void writeFile(Path file, long declaredLength, byte[] header, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(header).put(data);
        Files.write(file, b.array());
    }

    static byte[] f32(INDArray a) {
        float[] v = a.dup('c').data().asFloat();
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : values) b.putFloat(f);
        return b.array();
    }
}
