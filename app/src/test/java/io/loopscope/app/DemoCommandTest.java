package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.loopscope.inference.testing.RequiresFixtures;

/** loopscope demo: the list, a demo file run headless on the fixture with its claims and figures, bad names. */
class DemoCommandTest {

    static final String DEMO = """
            {"format": "loopscope-demo", "version": 1, "title": "Fixture: early tokens settle first",
             "prompt": "1 2 3 4 5 6 7 8", "model": "embedded",
             "settings": {"iterations": 32, "seeds": [0], "criterion": "kl"},
             "look_at": "Tokens 0 and 1 settle; 2 to 4 keep moving.",
             "claims": [{"kind": "motif", "tokens": [0, 1], "motif": "fixed-point"},
                        {"kind": "exit_before", "tokens": [0, 1], "others": [2, 3, 4]},
                        {"kind": "motif", "tokens": [2], "motif": "orbit"}],
             "tour": [{"text": "Token 0 spirals in.", "view": "trajectories", "tokens": [0], "step": 4},
                      {"text": "Distances shrink.", "view": "heatmap", "tokens": [0, 1]},
                      {"text": "KL falls below the threshold.", "view": "metrics", "tokens": [0, 2]},
                      {"text": "The lens settles.", "view": "lens", "tokens": [1]}]}
            """;

    @RequiresFixtures
    @Test
    void runsADemoFileWithChecksAndFigures(@TempDir Path dir) throws Exception {
        Path demo = dir.resolve("fixture.json");
        Files.writeString(demo, DEMO);
        Path figs = dir.resolve("figs");
        CliRun r = CliRun.of("demo", demo.toString(), "--model", Fixtures.huginnTiny().resolve("f32").toString(),
                "--figures", figs.toString(), "--format", "png,pdf,svg", "--dpi", "72");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Fixture: early tokens settle first"), r.out());
        assertTrue(r.out().contains("1. [trajectories, tokens [0]] Token 0 spirals in."), r.out());
        assertTrue(r.out().contains("✓ motif: token 0: fixed-point"), r.out());
        assertTrue(r.out().contains("✓ exit_before: kl exit steps: 0→17"), r.out());
        assertTrue(r.out().contains("✗ motif: token 2: fixed-point"), "a false claim is reported as such: " + r.out());
        for (String f : new String[] {"trajectories-pc1-pc2.png", "trajectories-paper.pdf", "heatmap.png", "metrics.pdf",
                "tour-1-trajectories.png", "tour-2-heatmap.png", "tour-3-metrics.pdf", "tour-4-lens.png"}) {
            assertTrue(Files.size(figs.resolve(f)) > 1000, f);
        }
        assertTrue(Files.readString(figs.resolve("tour-4-lens.svg")).contains("lens probability"), "a lens step draws the lens");
        assertFalse(Files.readString(figs.resolve("tour-1-trajectories.svg")).contains("lens probability"));
        CliRun strict = CliRun.of("demo", demo.toString(), "--model", Fixtures.huginnTiny().resolve("f32").toString(), "--check");
        assertEquals(1, strict.exitCode(), "--check fails on the false claim");
    }

    @Test
    void listsAndRejectsUnknownNames() {
        CliRun list = CliRun.of("demo");
        assertEquals(0, list.exitCode(), list.err());
        CliRun bad = CliRun.of("demo", "no-such-demo");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("no demo called 'no-such-demo'"), bad.err());
    }
}
