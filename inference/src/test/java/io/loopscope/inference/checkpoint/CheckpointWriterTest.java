package io.loopscope.inference.checkpoint;

import static io.loopscope.inference.checkpoint.TestCheckpoints.TINY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class CheckpointWriterTest {
    @TempDir
    Path dir;

    @Test
    void randomWeightsRoundTripExactly() throws Exception {
        for (HuginnConfig c : List.of(TINY,
                new HuginnConfig(32, 4, 2, 40, 50, 0, 2, 2, 1e-5, 10_000, 16, false, false, 3))) {
            Path out = dir.resolve("m" + c.hidden());
            HuginnWeights w = RandomWeights.create(c, 11);
            HuginnCheckpointWriter.write(out, c, w);
            LoadedCheckpoint back = CheckpointLoader.load(out);
            assertEquals(c, back.config());
            assertEquals(List.of(), back.warnings());
            TestCheckpoints.assertSameWeights(w, back.weights(), c);
            if (c.tieEmbeddings()) assertSame(back.weights().wte(), back.weights().lmHead());
            else assertNotSame(back.weights().wte(), back.weights().lmHead());
        }
    }

    @Test
    void randomWeightsAreDeterministicAndHuginnLike() {
        HuginnWeights a = RandomWeights.create(TINY, 3);
        TestCheckpoints.assertSameWeights(a, RandomWeights.create(TINY, 3), TINY);
        assertNotEquals(a.wte(), RandomWeights.create(TINY, 4).wte());

        double std = RandomWeights.initStd(TINY);   // √(2 / (5·16)) ≈ 0.158
        HuginnWeights big = RandomWeights.create(new HuginnConfig(256, 4, 4, 512, 1000, 1, 1, 1, 1e-6, 5e4, 8, true, true, 4), 1);
        double bigStd = Math.sqrt(2.0 / (5 * 256));
        assertEquals(bigStd * 0.986, big.wte().stdNumber().doubleValue(), bigStd * 0.02, "truncation at 3σ shrinks σ by 1.3%");
        assertTrue(big.wte().amaxNumber().doubleValue() <= 3 * bigStd + 1e-6);
        assertEquals(1.0, a.core().getFirst().norm1().minNumber().doubleValue());
        assertEquals(1.0, a.lnF().maxNumber().doubleValue());
        double outStd = a.core().getFirst().proj().stdNumber().doubleValue();
        assertTrue(outStd < std / 2, "output projections are scaled down by √(2·depth): " + outStd);
        assertTrue(a.core().getFirst().qkBias().amaxNumber().doubleValue() > 0, "qk_bias is small but not zero");
    }

    @Test
    void bf16CheckpointLoadsAsRoundedWeights() throws Exception {
        HuginnWeights w = RandomWeights.create(TINY, 5);
        HuginnCheckpointWriter.write(dir, TINY, w, SafetensorsDType.BF16);
        assertTrue(Files.readString(dir.resolve("config.json")).contains("\"torch_dtype\": \"bfloat16\""));
        HuginnWeights back = CheckpointLoader.load(dir).weights();
        float[] full = w.adapter().data().asFloat();
        float[] half = back.adapter().data().asFloat();
        for (int i = 0; i < full.length; i++) {
            assertEquals(Float.intBitsToFloat(Float.floatToRawIntBits(full[i]) + 0x7FFF + ((Float.floatToRawIntBits(full[i]) >>> 16) & 1) >>> 16 << 16),
                    half[i]);
        }
    }

    @Test
    void headerIsAlignedSpacePaddedAndTaggedPt() throws Exception {
        Path f = dir.resolve("x.safetensors");
        SafetensorsWriter.write(f, Map.of("abc", org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 2, 3}, 3)));
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"abc\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}"), header);
        assertTrue(header.endsWith("}") || header.endsWith(" "));
        assertEquals(8 + n + 12, bytes.length);
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            assertArrayEquals(new float[] {1, 2, 3}, r.read("abc").data().asFloat());
        }
    }

    @Test
    void tensorsLargerThanOneChunkStreamInPieces() throws Exception {
        // 2.5 chunks: exercises the offsets of both the chunked write and the chunked read
        long n = NativeFloats.CHUNK * 5L / 2 + 3;
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) values[i] = (float) Math.sin(i * 0.001) * (1 + i % 7);
        INDArray big = org.nd4j.linalg.factory.Nd4j.createFromArray(values).reshape(1, n);   // [1, n]
        for (SafetensorsDType dtype : List.of(SafetensorsDType.F32, SafetensorsDType.BF16)) {
            Path f = dir.resolve("big-" + dtype + ".safetensors");
            SafetensorsWriter.write(f, Map.of("big", big), dtype, Map.of());
            try (SafetensorsReader r = SafetensorsReader.open(f)) {
                INDArray back = r.read("big");
                float[] expected = big.data().asFloat();
                if (dtype == SafetensorsDType.BF16) {
                    for (int i = 0; i < expected.length; i++) expected[i] = Float.intBitsToFloat(SafetensorsWriter.toBf16(expected[i]) << 16);
                }
                assertArrayEquals(expected, back.data().asFloat(), dtype.toString());
            }
        }
    }

    @Test
    void viewsAndOtherDtypesAreWrittenByValue() throws Exception {
        INDArray base = org.nd4j.linalg.factory.Nd4j.arange(12).reshape(3, 4).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray transposed = base.transpose();                       // [4, 3], an f-order view of doubles
        Path f = dir.resolve("views.safetensors");
        SafetensorsWriter.write(f, Map.of("t", transposed));
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            assertEquals(transposed.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), r.read("t"));
        }
    }

    @Test
    void aFailedWriteLeavesNoFile() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("occupied"), "a file");
        assertThrows(IOException.class, () -> HuginnCheckpointWriter.write(notAFolder, TINY, RandomWeights.create(TINY, 1)));
        assertEquals("a file", Files.readString(notAFolder));

        // the config step fails (config.json is taken by a non-empty folder): the new data must go too
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.createDirectories(target.resolve("config.json").resolve("blocker"));
        assertThrows(IOException.class, () -> HuginnCheckpointWriter.write(target, TINY, RandomWeights.create(TINY, 1)));
        try (Stream<Path> left = Files.list(target)) {
            assertEquals(List.of(target.resolve("config.json")), left.toList(), "no model.safetensors, no .part files");
        }
    }

    @Test
    void weightsThatDoNotMatchTheConfigAreRefusedBeforeWriting() {
        HuginnWeights other = RandomWeights.create(new HuginnConfig(32, 2, 2, 24, 20, 1, 1, 1, 1e-6, 5e4, 32, true, true, 4), 1);
        Path target = dir.resolve("mismatch");
        var e = assertThrows(IllegalArgumentException.class, () -> HuginnCheckpointWriter.write(target, TINY, other));
        assertTrue(e.getMessage().contains("transformer.wte.weight has shape [20, 32], config needs [20, 16]"), e.getMessage());
        assertFalse(Files.exists(target));
    }
}
