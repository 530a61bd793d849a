package io.loopscope.ui.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import io.loopscope.inference.testing.RequiresFixtures;

/**
 * The demo machinery on the fixture model (runs, claim checks that pass and fail), the shipped
 * catalog's consistency, and — when this build carries the embedded model — every shipped demo's
 * claims on it: a demo must never narrate an effect the model does not show.
 */
class DemoTest {

    static Demo fixtureDemo() throws IOException {
        try (InputStream in = DemoTest.class.getResourceAsStream("/demos/fixture.json")) {
            return DemoReader.read("fixture", in);
        }
    }

    private static RunPipeline realPipeline(java.util.function.Supplier<Path> embedded) {
        return new RunPipeline(new HuginnModelLoader(embedded, "test"), new AnalysisAdapter());
    }

    @RequiresFixtures
    @Test
    void fixtureDemoRunsAndItsClaimsAreChecked() throws Exception {
        Demo d = fixtureDemo();
        ModelRef fixture = ModelRef.folder(Fixtures.huginnTiny().resolve("f32"));
        DemoRuns runs = DemoRuns.run(d, realPipeline(() -> null), fixture, (m, f) -> { }, () -> false);
        assertEquals(8, runs.a().tokens());
        assertNotNull(runs.b(), "a second seed makes run B");
        assertEquals(1, runs.b().spec().seed());
        assertNotNull(runs.comparison());
        List<DemoChecker.Result> results = DemoChecker.check(d, runs);
        for (DemoChecker.Result r : results) assertTrue(r.holds(), r.claim().kind() + ": " + r.found());
        assertTrue(results.get(1).found().contains("0→17"), results.get(1).found());

        // the same machinery rejects a claim the analysis does not support, and says what it found
        Demo.Claim wrong = new Demo.Claim("motif", "a", List.of(0), List.of(), "orbit", null, List.of(), List.of());
        DemoChecker.Result r = DemoChecker.check(d, runs, wrong);
        assertFalse(r.holds());
        assertTrue(r.found().contains("fixed-point"), r.found());
        Demo.Claim late = new Demo.Claim("exit_before", "a", List.of(2), List.of(0), null, null, List.of(), List.of());
        assertFalse(DemoChecker.check(d, runs, late).holds(), "token 2 never exits, so it does not exit before token 0");
    }

    @Test
    void readerRejectsBrokenDemosWithTheReason() {
        String ok = "{\"format\":\"loopscope-demo\",\"version\":1,\"title\":\"t\",\"prompt\":\"p\",\"claims\":[{\"kind\":\"motif\",\"tokens\":[0],\"motif\":\"orbit\"}],"
                + "\"tour\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"}]}";
        assertEquals(3, assertDoesParse(ok).tour().size());
        assertMessage(ok.replace("\"version\":1", "\"version\":9"), "newer LoopScope");
        assertMessage(ok.replace("{\"text\":\"c\"}", "{\"text\":\"c\",\"view\":\"radar\"}"), "unknown view 'radar'");
        assertMessage(ok.replace("{\"text\":\"c\"}", "{\"text\":\"c\",\"view\":\"compare\"}"), "no run B");
        assertMessage(ok.replace(",{\"text\":\"c\"}", ""), "3 to 6 steps");
        assertMessage(ok.replace("\"kind\":\"motif\"", "\"kind\":\"vibes\""), "unknown claim kind 'vibes'");
        assertMessage(ok.replace("\"prompt\":\"p\",", ""), "'prompt' is missing");
        assertMessage("{not json", "not valid JSON");
    }

    private static Demo assertDoesParse(String json) {
        try {
            return DemoReader.parse("x", json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMessage(String json, String expected) {
        IOException e = assertThrows(IOException.class, () -> DemoReader.parse("x", json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** sample-prompts/demos: every file is listed in index.txt, every listed demo parses. */
    @Test
    void shippedCatalogMatchesTheFolder() throws Exception {
        Path folder = Path.of("..", "sample-prompts", "demos");
        Assumptions.assumeTrue(Files.isDirectory(folder), "run from the ui module");
        List<String> files = new ArrayList<>();
        for (Path p : DemoCatalog.files(folder)) files.add(p.getFileName().toString().replaceFirst("\\.json$", ""));
        assertEquals(files.stream().sorted().toList(), DemoCatalog.index().stream().sorted().toList(), "index.txt lists exactly the demo files");
        for (Demo d : DemoCatalog.shipped()) {
            assertEquals(Demo.EMBEDDED, d.model(), d.id() + " runs on the shipped model");
            assertFalse(d.lookAt().isBlank(), d.id() + " says what to look at");
        }
    }

    /** Every shipped demo's claims, on the shipped model. */
    @Test
    void everyShippedDemoTellsTheTruthAboutTheEmbeddedModel() throws Exception {
        Assumptions.assumeTrue(EmbeddedModel.available(), "this build carries no embedded model yet");
        RunPipeline pipeline = realPipeline(() -> {
            try {
                return EmbeddedModel.directory();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> failures = new ArrayList<>();
        for (Demo d : DemoCatalog.shipped()) {
            DemoRuns runs = DemoRuns.run(d, pipeline, null, (m, f) -> { }, () -> false);
            for (Demo.Step s : d.tour()) {
                for (int t : s.tokens()) if (t >= runs.a().tokens()) failures.add(d.id() + ": tour token " + t + " is outside the prompt");
            }
            for (DemoChecker.Result r : DemoChecker.check(d, runs)) {
                if (!r.holds()) failures.add(d.id() + ": " + r.claim().kind() + " does not hold — found " + r.found());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
