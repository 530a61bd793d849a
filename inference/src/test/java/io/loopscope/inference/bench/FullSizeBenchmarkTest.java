package io.loopscope.inference.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.checkpoint.CheckpointException;
import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.LoadListener;
import io.loopscope.inference.checkpoint.RandomCheckpoint;
import io.loopscope.inference.checkpoint.SafetensorsDType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench --full-size on a small sharded checkpoint: what it counts is what the config says an iteration reads. */
class FullSizeBenchmarkTest {
    /** H 16, 2 heads, MLP 24, vocab 40, prelude/core/coda 1/2/1, qk bias, tied. */
    static final HuginnConfig SMALL = new HuginnConfig(16, 2, 2, 24, 40, 1, 2, 1, 1e-6, 50_000, 64, true, true, 4);

    @Test
    void countsTheStoredBytesOfTheLoopAndTheLensAndMeasuresEveryTokenCount(@TempDir Path dir) throws Exception {
        RandomCheckpoint.Written w = RandomCheckpoint.write(dir, SMALL, SafetensorsDType.BF16, 8192, 3, RandomCheckpoint.Progress.NONE);
        FullSizeBenchmark.Result r = new FullSizeBenchmark(1, 8 << 20).run(dir, new int[] {1, 5}, LoadListener.NONE);
        long h = 16, i = 24, v = 40;
        long block = 4 * h + 3 * h * h + 2 * 2 * 8 + h * h + 2 * i * h + h * i;   // norms, Wqkv, qk_bias [2,1,2,8], proj, fc, mlp.proj
        long perIteration = h * 2 * h + 2 * block + block + h + v * h;           // adapter, 2 core, 1 coda, ln_f, tied head
        assertEquals(perIteration * 2, r.iterationBytes(), "BF16: 2 bytes per parameter");
        assertEquals(w.parameters(), r.parameters());
        assertEquals(w.bytes(), r.storedBytes());
        assertEquals(w.shards().size(), r.files());
        assertEquals("BF16", r.dtype());
        assertEquals(List.of(1, 5), r.points().stream().map(FullSizeBenchmark.Point::tokens).toList());
        for (FullSizeBenchmark.Point p : r.points()) {
            assertTrue(p.msPerIteration() > 0);
            assertEquals(p.msPerIteration() / r.boundMs(), p.ratioToBound(), 1e-9);
        }
        assertTrue(r.readGBps() > 0.1, "memory streams faster than 100 MB/s: " + r.readGBps());
        assertTrue(r.residentAfterLoad() > 0 && r.peakResident() >= r.residentAfterLoad(), r.residentAfterLoad() + " / " + r.peakResident());
        assertTrue(r.loadSeconds() > 0 && r.fileReadSeconds() > 0);
    }

    @Test
    void aFolderWithoutACheckpointIsAClearError(@TempDir Path dir) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> new FullSizeBenchmark(1).run(dir, new int[] {1}, LoadListener.NONE));
        assertTrue(e.getMessage().contains("no config.json"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FullSizeBenchmark(0));
        assertThrows(IllegalArgumentException.class, () -> new FullSizeBenchmark(1, 1000));
    }
}
