package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.io.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class ExportProjectorCommandTest {

    @Test
    void writesVectorsAndMetadataForEveryState(@TempDir Path dir) throws Exception {
        Path trace = AnalyzeCommandTest.trace(dir.resolve("a.npz"), 10, "easy");
        Path out = dir.resolve("projector");
        CliRun r = CliRun.of("export-projector", "--trace", trace.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("wrote 22 states (2 tokens × 11 steps, H = 4, raw space)"), r.out());
        List<String> vectors = Files.readAllLines(out.resolve("vectors.tsv")), metadata = Files.readAllLines(out.resolve("metadata.tsv"));
        assertEquals(11 * 2, vectors.size(), "(R+1)·S");
        assertEquals(11 * 2 + 1, metadata.size());
        assertEquals("token\ttoken_index\tstep\tmotif\t__seq_next__", metadata.getFirst());
        assertEquals("The\t0\t0\tfixed-point\t1", metadata.get(1));
        assertEquals("The\t0\t10\tfixed-point\t", metadata.get(11));
        assertEquals(" cat\t1\t0\tslider\t12", metadata.get(12));
        assertEquals("2.0\t1.0\t3.0\t0.0", vectors.getFirst(), "s0 of token 0 = (1 + 1, 2 − 1, 3, 0)");
    }

    @Test
    void badInputSaysWhy(@TempDir Path dir) throws Exception {
        Path trace = AnalyzeCommandTest.trace(dir.resolve("a.npz"), 4, null);
        CliRun space = CliRun.of("export-projector", "--trace", trace.toString(), "--out", dir.resolve("o").toString(),
                "--space", "normalized");
        assertEquals(1, space.exitCode());
        assertTrue(space.err().contains("a.npz has no ln_f_weight, so states cannot be normalized; use --space raw"), space.err());

        Path file = Files.writeString(dir.resolve("f"), "");
        CliRun under = CliRun.of("export-projector", "--trace", trace.toString(), "--out", file.resolve("o").toString());
        assertEquals(1, under.exitCode());
        assertTrue(under.err().contains(file + " is a file, not a folder"), under.err());

        Npz.write(dir.resolve("n.npz"), Map.of("ids", Nd4j.createFromArray(new long[] {1})), Map.of());
        CliRun none = CliRun.of("export-projector", "--trace", dir.resolve("n.npz").toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("has no 'states' array (found: ids)"), none.err());

        CliRun missing = CliRun.of("export-projector", "--trace", trace.toString());
        assertEquals(2, missing.exitCode(), "picocli usage error");
        assertTrue(missing.err().contains("Missing required option: '--out=DIR'"), missing.err());
    }
}
