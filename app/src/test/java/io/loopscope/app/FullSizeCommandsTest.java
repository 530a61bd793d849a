package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loopscope random-checkpoint and bench --full-size, as a user runs them. */
class FullSizeCommandsTest {

    @Test
    void badOptionsAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m");
        CliRun preset = CliRun.of("random-checkpoint", "--preset", "huginn-9000", "--out", out.toString());
        assertEquals(2, preset.exitCode());
        assertTrue(preset.err().contains("valid: huginn-0125, bench-h1024"), preset.err());
        CliRun dtype = CliRun.of("random-checkpoint", "--dtype", "fp8", "--out", out.toString());
        assertTrue(dtype.err().contains("valid: bf16, f32"), dtype.err());
        CliRun shard = CliRun.of("random-checkpoint", "--shard-gb", "0", "--out", out.toString());
        assertEquals(1, shard.exitCode());
        assertTrue(shard.err().contains("--shard-gb must be in (0, 1000]"), shard.err());
        assertFalse(Files.exists(out), "nothing was written");
        Files.createDirectories(out);
        Files.writeString(out.resolve("config.json"), "{}");
        CliRun occupied = CliRun.of("random-checkpoint", "--out", out.toString(), "--quiet");
        assertEquals(1, occupied.exitCode());
        assertTrue(occupied.err().contains("already holds a checkpoint (config.json)"), occupied.err());
        CliRun bench = CliRun.of("bench", "--full-size", dir.resolve("none").toString());
        assertEquals(1, bench.exitCode());
        assertTrue(bench.err().contains("does not exist"), "err: " + bench.err() + " out: " + bench.out());
    }

    @Test
    @Tag("slow")
    void aRandomBenchScaleCheckpointIsWrittenShardedAndBenchmarked(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("h1024");
        CliRun write = CliRun.of("random-checkpoint", "--preset", "bench-h1024", "--shard-gb", "0.1", "--out", out.toString(), "--quiet");
        assertEquals(0, write.exitCode(), write.err());
        // 8 blocks of 14,817,280 (norms, Wqkv, qk_bias, proj, fc, mlp.proj), embedding 1024², adapter 1024·2048, ln_f
        assertTrue(write.out().contains("121,684,992 parameters, 0.24 GB of BF16 in 3 files"), write.out());
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors.index.json")));
        CliRun bench = CliRun.of("bench", "--full-size", out.toString(), "--repeats", "1", "--json");
        assertEquals(0, bench.exitCode(), bench.err());
        JsonNode r = new ObjectMapper().readTree(bench.out());
        assertEquals(121_684_992L, r.path("parameters").asLong());
        assertEquals(3, r.path("points").size());
        assertTrue(r.path("points").get(2).path("ms_per_iteration").asDouble() > 0, bench.out());
        assertTrue(r.path("read_gbps").asDouble() > 0 && r.path("bound_ms").asDouble() > 0, bench.out());
    }
}
