package io.loopscope.inference.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every way a safetensors file can be broken is reported before any tensor is read, naming file and tensor. */
class SafetensorsHeaderTest {
    @TempDir
    Path dir;

    private String failure(Path file) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsReader.open(file).close());
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void validFileReadsBack() throws Exception {
        Path f = dir.resolve("ok.safetensors");
        RawSafetensors.writeFile(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},\"__metadata__\":{\"format\":\"pt\"}}",
                RawSafetensors.f32(1, 2, 3, 4));
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            INDArray a = r.read("a");
            assertArrayEquals(new long[] {2, 2}, a.shape());
            assertArrayEquals(new float[] {1, 2, 3, 4}, a.data().asFloat());
            assertEquals("pt", r.header().metadata().get("format"));
        }
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path f = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        assertTrue(failure(f).contains("fewer than the 8-byte header length"));
    }

    @Test
    void truncatedDataSection() throws IOException {
        Path f = dir.resolve("cut.safetensors");
        RawSafetensors.writeFile(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[16,32]}}",
                RawSafetensors.f32(1, 2, 3, 4, 5));
        String m = failure(f);
        assertTrue(m.contains("is truncated: tensor \"b\" needs bytes [16, 32) of the data section, which holds only 20 bytes"), m);
    }

    @Test
    void headerLengthLargerThanTheFile() throws IOException {
        Path f = dir.resolve("long.safetensors");
        RawSafetensors.writeFile(f, 5000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertTrue(failure(f).contains("header length 5000 bytes is larger than the file allows (10 bytes in all)"));
    }

    @Test
    void headerOverTheSizeLimit() throws IOException {
        Path f = dir.resolve("huge.safetensors");
        RawSafetensors.writeFile(f, 200L * 1024 * 1024, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertTrue(failure(f).contains("header length 209715200 bytes exceeds the 100 MB limit"));
    }

    @Test
    void headerLengthWithTheTopBitSetIsNotNegative() throws IOException {
        Path f = dir.resolve("neg.safetensors");
        RawSafetensors.writeFile(f, -1L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertTrue(failure(f).contains("header length 18446744073709551615 bytes exceeds the 100 MB limit"));
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        Path f = dir.resolve("text.safetensors");
        RawSafetensors.writeFile(f, "hello, world", new byte[0]);
        assertTrue(failure(f).contains("header is not valid JSON"));
    }

    @Test
    void headerThatIsJsonButNotAnObject() throws IOException {
        Path f = dir.resolve("array.safetensors");
        RawSafetensors.writeFile(f, "[1, 2]", new byte[0]);
        assertTrue(failure(f).contains("header is not a JSON object"));
    }

    @Test
    void overlappingRanges() throws IOException {
        Path f = dir.resolve("overlap.safetensors");
        RawSafetensors.writeFile(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}",
                RawSafetensors.f32(1, 2, 3, 4, 5));
        assertTrue(failure(f).contains("tensors \"a\" [0, 12) and \"b\" [8, 20) overlap"));
    }

    @Test
    void shapeTimesDtypeMustFillTheRange() throws IOException {
        Path f = dir.resolve("size.safetensors");
        RawSafetensors.writeFile(f, "{\"w\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", new byte[24]);
        assertTrue(failure(f).contains("tensor \"w\": shape [2, 3] × BF16 (2 bytes each) needs 12 bytes but data_offsets [0, 24] span 24"));
    }

    @Test
    void beginAfterEnd() throws IOException {
        Path f = dir.resolve("backwards.safetensors");
        RawSafetensors.writeFile(f, "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", new byte[8]);
        assertTrue(failure(f).contains("tensor \"w\" has data_offsets [8, 4] whose begin is after its end"));
    }

    @Test
    void unknownDtypeAndBadShapeAreReportedTogether() throws IOException {
        Path f = dir.resolve("dtypes.safetensors");
        RawSafetensors.writeFile(f, "{\"q\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,1]},\"s\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[1,5]}}",
                new byte[5]);
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsReader.open(f));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("tensor \"q\" has unknown dtype \"Q4\""), e.getMessage());
        assertTrue(e.problems().get(1).contains("tensor \"s\" has no valid shape"), e.getMessage());
    }

    @Test
    void integerDtypeIsRefusedWhenRead() throws Exception {
        Path f = dir.resolve("int.safetensors");
        RawSafetensors.writeFile(f, "{\"i\":{\"dtype\":\"I8\",\"shape\":[4],\"data_offsets\":[0,4]}}", new byte[4]);
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> r.read("i"));
            assertTrue(e.getMessage().contains("tensor \"i\" has dtype I8, which cannot be read as weights"), e.getMessage());
        }
    }

    @Test
    void nonFiniteValuesAreCountedAndNamed() throws Exception {
        Path f = dir.resolve("nan.safetensors");
        RawSafetensors.writeFile(f, "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                RawSafetensors.f32(1, Float.NaN, Float.POSITIVE_INFINITY, 2));
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> r.read("w"));
            assertTrue(e.getMessage().contains("tensor \"w\" holds 2 NaN or infinite values (of 4)"), e.getMessage());
        }
    }

    /** BF16 bits of v (its top half). */
    private static byte[] bf16(float... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putShort((short) (Float.floatToIntBits(v) >>> 16));
        return b.array();
    }

    @Test
    void bf16MatrixReadInPlaceEqualsTheWidenedOneAndCountsNonFiniteValues() throws Exception {
        float[] values = new float[3 * 37];   // 111 values: whole vectors and a tail past the last one
        for (int i = 0; i < values.length; i++) values[i] = (i - 50) / 8f;
        Path ok = dir.resolve("ok.safetensors");
        RawSafetensors.writeFile(ok, "{\"w\":{\"dtype\":\"BF16\",\"shape\":[3,37],\"data_offsets\":[0,222]}}", bf16(values));
        try (SafetensorsReader r = SafetensorsReader.open(ok)) {
            org.nd4j.linalg.api.ndarray.INDArray stored = r.readStored("w");
            assertEquals(org.nd4j.linalg.api.buffer.DataType.BFLOAT16, stored.dataType());
            assertEquals(r.read("w"), stored.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        }
        values[5] = Float.NaN;                     // in a whole vector
        values[108] = Float.POSITIVE_INFINITY;     // in the tail
        values[110] = Float.NEGATIVE_INFINITY;
        Path bad = dir.resolve("bad.safetensors");
        RawSafetensors.writeFile(bad, "{\"w\":{\"dtype\":\"BF16\",\"shape\":[3,37],\"data_offsets\":[0,222]}}", bf16(values));
        try (SafetensorsReader r = SafetensorsReader.open(bad)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> r.readStored("w"));
            assertTrue(e.getMessage().contains("tensor \"w\" holds 3 NaN or infinite values (of 111)"), e.getMessage());
        }
    }

    @Test
    void bf16FileTruncatedAfterOpeningIsReportedOnAnInPlaceRead() throws Exception {
        Path f = dir.resolve("shrinks-bf16.safetensors");
        RawSafetensors.writeFile(f, "{\"w\":{\"dtype\":\"BF16\",\"shape\":[2,4],\"data_offsets\":[0,16]}}", bf16(1, 2, 3, 4, 5, 6, 7, 8));
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            try (var ch = java.nio.channels.FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() - 6);
            }
            CheckpointException e = assertThrows(CheckpointException.class, () -> r.readStored("w"));
            assertTrue(e.getMessage().contains("the file ended early"), e.getMessage());
        }
    }

    @Test
    void fileTruncatedAfterOpeningIsReportedOnRead() throws Exception {
        Path f = dir.resolve("shrinks.safetensors");
        RawSafetensors.writeFile(f, "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", RawSafetensors.f32(1, 2, 3, 4));
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            try (var ch = java.nio.channels.FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.truncate(Files.size(f) - 8);
            }
            CheckpointException e = assertThrows(CheckpointException.class, () -> r.read("w"));
            assertTrue(e.getMessage().contains("reading tensor \"w\" failed: the file ended early"), e.getMessage());
        }
    }

    @Test
    void f16AndF64AreWidenedOrNarrowedToFloat() throws Exception {
        Path f = dir.resolve("mixed.safetensors");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-0.25f)).putDouble(3.25).putDouble(1e-3);
        RawSafetensors.writeFile(f, "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[4,20]}}",
                b.array());
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            assertArrayEquals(new float[] {1.5f, -0.25f}, r.read("h").data().asFloat());
            assertArrayEquals(new float[] {3.25f, 1e-3f}, r.read("d").data().asFloat());
        }
    }
}
