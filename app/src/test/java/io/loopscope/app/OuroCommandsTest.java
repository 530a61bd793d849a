package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.testing.RequiresFixtures;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Ouro checkpoint through trace, analyze and generate, as a user runs them. */
@RequiresFixtures
class OuroCommandsTest {
    static String model() {
        return Fixtures.ouroTiny().resolve("bf16").toString();
    }

    @Test
    void traceRecordsTheGateAndAnalyzeReadsIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o.npz");
        CliRun t = CliRun.of("trace", "-m", model(), "--ids", "5,17,3,9,250,41,7", "-r", "8", "--exit-thresholds", "gate=0.5", "--quiet",
                "-o", out.toString());
        assertEquals(0, t.exitCode(), t.err());
        Trace trace = TraceFile.read(out);
        assertEquals(8, trace.exitGate().loops());
        assertEquals("embedding", trace.info().init());
        CliRun a = CliRun.of("analyze", "--trace", out.toString(), "--exit-thresholds", "gate=0.5");
        assertEquals(0, a.exitCode(), a.err());
        assertTrue(a.out().contains("loops 5–8 extrapolate") && a.out().contains("raw space is the model's normalized latent"), a.out());
        assertTrue(a.out().contains(", gate 2,"), "token 1 exits at loop 2 at q = 0.5, as in the reference: " + a.out());
    }

    @Test
    void generateStopsEachTokenAtItsGate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("g.npz");
        CliRun g = CliRun.of("generate", "-m", model(), "--ids", "5,17,3,9", "-r", "8", "--exit", "gate=0.5", "-n", "6", "--quiet",
                "-o", out.toString());
        assertEquals(0, g.exitCode(), g.err());
        Trace trace = TraceFile.read(out);
        assertEquals("gate", trace.generation().settings().exitCriterion());
        int[] steps = trace.generation().steps();
        for (int t = 4; t < steps.length; t++) assertTrue(steps[t] >= 1 && steps[t] <= 8, "position " + t + ": " + steps[t]);
    }

    @Test
    void aGateThresholdOutsideZeroOneIsRefused(@TempDir Path dir) {
        CliRun g = CliRun.of("generate", "-m", model(), "--ids", "5,17", "-r", "4", "--exit", "gate=1.5", "--quiet", "-o", dir.resolve("x.npz").toString());
        assertTrue(g.exitCode() != 0 && g.err().contains("gate takes a cumulative exit probability in (0, 1], got 1.5"), g.err());
    }
}
