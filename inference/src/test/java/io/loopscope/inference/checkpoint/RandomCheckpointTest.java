package io.loopscope.inference.checkpoint;

import static io.loopscope.inference.checkpoint.TestCheckpoints.TINY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed, sharded random checkpoint: what it writes is what RandomWeights makes, sharded as Hugging Face does. */
class RandomCheckpointTest {
    /** Untied, with a coda of two: every kind of tensor, and a size that needs several shards of 4 kB. */
    static final HuginnConfig UNTIED = new HuginnConfig(16, 2, 2, 24, 20, 1, 2, 2, 1e-6, 50_000, 32, true, false, 4);

    @TempDir
    Path dir;

    @Test
    void shardedF32HoldsExactlyTheWeightsRandomWeightsMakes() throws Exception {
        RandomCheckpoint.Written w = RandomCheckpoint.write(dir, UNTIED, SafetensorsDType.F32, 4096, 5, RandomCheckpoint.Progress.NONE);
        assertTrue(w.shards().size() > 2, "4 kB shards split a 16-wide model into several: " + w.shards());
        assertEquals(String.format("model-00001-of-%05d.safetensors", w.shards().size()), w.shards().getFirst().getFileName().toString());
        JsonNode index = new ObjectMapper().readTree(dir.resolve(CheckpointTensors.INDEX_FILE).toFile());
        assertEquals(w.bytes(), index.path("metadata").path("total_size").asLong());
        long parameters = 0;
        for (long[] s : HuginnLayout.required(UNTIED).values()) parameters += SafetensorsWriter.elements(s);
        parameters += SafetensorsWriter.elements(HuginnLayout.lmHeadShape(UNTIED));
        assertEquals(parameters, w.parameters());
        assertEquals(parameters * 4, w.bytes());
        for (Path shard : w.shards()) {
            Map<String, org.nd4j.linalg.api.ndarray.INDArray> tensors = TestCheckpoints.readAll(shard);
            long data = tensors.values().stream().mapToLong(a -> a.length() * 4).sum();
            assertTrue(tensors.size() == 1 || data <= 4096, shard + " holds " + data + " bytes in " + tensors.size() + " tensors");
        }
        LoadedCheckpoint back = CheckpointLoader.load(dir);
        assertEquals(UNTIED, back.config());
        TestCheckpoints.assertSameWeights(RandomWeights.create(UNTIED, 5), back.weights(), UNTIED);
    }

    @Test
    void bf16IsTheSameWeightsRoundedAndOneShardNeedsNoIndex() throws Exception {
        RandomCheckpoint.Written w = RandomCheckpoint.write(dir, TINY, SafetensorsDType.BF16, 1L << 30, 5, RandomCheckpoint.Progress.NONE);
        assertEquals(List.of(dir.resolve(CheckpointTensors.SINGLE_FILE)), w.shards());
        assertFalse(Files.exists(dir.resolve(CheckpointTensors.INDEX_FILE)));
        HuginnWeights expected = RandomWeights.create(TINY, 5);
        HuginnWeights back = CheckpointLoader.load(dir).weights();
        // BF16 keeps 8 significant bits: rounding moves a value by at most half a unit, 2^-8 of it
        var diff = expected.wte().sub(back.wte());
        assertTrue(diff.amaxNumber().doubleValue() <= expected.wte().amaxNumber().doubleValue() / 256, "bf16 rounding only");
        assertTrue(diff.amaxNumber().doubleValue() > 0, "and it did round");
        float[] made = expected.wte().data().asFloat(), read = back.wte().data().asFloat();
        for (int i = 0; i < made.length; i++) {
            assertEquals(Float.intBitsToFloat(SafetensorsWriter.toBf16(made[i]) << 16), read[i], "element " + i + " is its bf16 rounding");
        }
    }

    @Test
    void progressCountsEveryByteAndCancellingLeavesTheFolderAsItWas() throws Exception {
        long[] last = {0, 0};
        RandomCheckpoint.write(dir.resolve("a"), UNTIED, SafetensorsDType.F32, 4096, 5, new RandomCheckpoint.Progress() {
            @Override
            public void wrote(int shard, int shards, long bytesWritten, long bytesTotal) {
                assertTrue(bytesWritten >= last[0] && bytesWritten <= bytesTotal);
                last[0] = bytesWritten;
                last[1] = bytesTotal;
            }
        });
        assertEquals(last[1], last[0], "the last report is the whole checkpoint");
        int[] polls = {0};
        Path b = dir.resolve("b");
        assertThrows(CancellationException.class, () -> RandomCheckpoint.write(b, UNTIED, SafetensorsDType.F32, 4096, 5, new RandomCheckpoint.Progress() {
            @Override
            public boolean cancelled() {
                return ++polls[0] > 12;   // after a few shards
            }
        }));
        try (Stream<Path> left = Files.list(b)) {
            assertEquals(List.of(), left.toList(), "no shard, index or config is left behind");
        }
    }

    @Test
    void aFolderHoldingACheckpointOrAFileIsRefused() throws Exception {
        RandomCheckpoint.write(dir, TINY, SafetensorsDType.F32, 1L << 30, 1, RandomCheckpoint.Progress.NONE);
        IOException again = assertThrows(IOException.class, () -> RandomCheckpoint.write(dir, TINY, SafetensorsDType.F32, 1L << 30, 1,
                RandomCheckpoint.Progress.NONE));
        assertTrue(again.getMessage().contains("already holds a checkpoint"), again.getMessage());
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        IOException notFolder = assertThrows(IOException.class, () -> RandomCheckpoint.write(file, TINY, SafetensorsDType.F32, 1L << 30, 1,
                RandomCheckpoint.Progress.NONE));
        assertTrue(notFolder.getMessage().contains("not a folder"), notFolder.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RandomCheckpoint.write(dir.resolve("x"), TINY, SafetensorsDType.F32, 0, 1,
                RandomCheckpoint.Progress.NONE));
    }

    @Test
    void huginn0125HasItsParameterCountAndShardsOfAboutTwoGigabytes() throws Exception {
        Map<String, long[]> all = HuginnLayout.required(RandomCheckpoint.HUGINN_0125);
        long parameters = all.values().stream().mapToLong(SafetensorsWriter::elements).sum();
        assertEquals(3_564_976_800L, parameters, "Huginn-0125: 346 M embedding, 8 blocks of 395.4 M, a 55.8 M adapter, ln_f");
        List<Map<String, long[]>> shards = RandomCheckpoint.shards(all, SafetensorsDType.BF16, 2_000_000_000L);
        assertEquals(4, shards.size(), "Huginn-0125 ships in 4 shards");
    }
}
