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

    @Test
    void readerNamesTheFieldAndTheValueOfEveryMalformedDemo() {
        String ok = "{\"format\":\"loopscope-demo\",\"version\":1,\"title\":\"t\",\"prompt\":\"p\",\"settings\":{\"iterations\":8},"
                + "\"claims\":[{\"kind\":\"lens_top1\",\"tokens\":[0],\"answer\":\"q\",\"right_at\":[8]}],"
                + "\"tour\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\",\"tokens\":[0]}]}";
        assertEquals(8, assertDoesParse(ok).settings().iterations());
        assertMessage("", "the file is empty");
        assertMessage("  \n", "the file is empty");
        assertMessage("[1, 2]", "must be a JSON object");
        assertMessage(ok.replace("\"format\":\"loopscope-demo\",", ""), "'format' is missing");
        assertMessage(ok.replace("\"loopscope-demo\"", "\"loopscope-session\""), "not \"loopscope-session\"");
        assertMessage(ok.replace("\"claims\":[{", "\"claims\":{\"x\":{").replace("}],\"tour\"", "}},\"tour\""), "claims must be a list");
        assertMessage(ok.replace("\"claims\":[{", "\"claims\":[7,{"), "claims[1] must be an object");
        assertMessage(ok.replace("\"kind\":\"lens_top1\",", ""), "claims[1]: unknown claim kind ''");
        assertMessage(ok.replace("\"kind\":\"lens_top1\"", "\"kind\":\"motif\",\"motif\":\"spiral\""), "claims[1].motif must be one of fixed-point, orbit, slider, diverging, other, not 'spiral'");
        assertMessage(ok.replace("\"kind\":\"lens_top1\"", "\"kind\":\"motif\""), "claims[1].motif must be one of");
        assertMessage(ok.replace("\"right_at\":[8]", "\"right_at\":[9]"), "claims[1].right_at holds 9, outside 0..8");
        assertMessage(ok.replace("\"right_at\":[8]", "\"right_at\":[\"2\"]"), "claims[1].right_at must hold whole numbers, not \"2\"");
        assertMessage(ok.replace("\"answer\":\"q\",", ""), "claims[1].answer is missing");
        assertMessage(ok.replace("\"tokens\":[0],\"answer\"", "\"answer\""), "claims[1].tokens is missing");
        assertMessage(ok.replace("\"tokens\":[0],\"answer\"", "\"tokens\":[-1],\"answer\""), "claims[1].tokens holds -1");
        assertMessage(ok.replace("\"kind\":\"lens_top1\",", "\"kind\":\"lens_top1\",\"run\":\"b\","), "about run B, but the demo has no run B");
        assertMessage(ok.replace("\"kind\":\"lens_top1\",", "\"kind\":\"same_attractor\","), "compares runs A and B");
        assertMessage(ok.replace("\"iterations\":8", "\"iterations\":\"eight\""), "settings.iterations must be a whole number, not \"eight\"");
        assertMessage(ok.replace("\"iterations\":8", "\"iterations\":2.5"), "settings.iterations must be a whole number, not 2.5");
        assertMessage(ok.replace("\"iterations\":8", "\"iterations\":8,\"seeds\":[\"x\"]"), "settings.seeds must hold whole numbers, not \"x\"");
        assertMessage(ok.replace("\"iterations\":8", "\"iterations\":8,\"seeds\":3"), "settings.seeds must be a list");
        assertMessage(ok.replace("\"iterations\":8", "\"iterations\":8,\"threshold\":-1"), "settings.threshold must be a positive number, not -1");
        assertMessage(ok.replace("\"iterations\":8", "\"iterations\":8,\"init\":\"ones\""), "settings.init must be random or zeros, not \"ones\"");
        assertMessage(ok.replace("\"settings\":{\"iterations\":8}", "\"settings\":[8]"), "settings must be an object");
        assertMessage(ok.replace("{\"text\":\"c\",\"tokens\":[0]}", "{\"text\":\"c\",\"step\":99}"), "tour step 3.step must be -1..8, not 99");
        assertMessage(ok.replace("{\"text\":\"c\",\"tokens\":[0]}", "{\"text\":\"c\",\"tokens\":\"all\"}"), "tour step 3.tokens must be a list");
        assertMessage(ok.replace("\"iterations\":8", "\"iterations\":8,\"generate\":{\"max_new_tokens\":0}"),
                "settings.generate.max_new_tokens must be 1..4096, not 0");
        assertMessage(ok.replace("\"iterations\":8", "\"iterations\":8,\"generate\":{\"kv_sharing\":\"all\"}"), "settings.generate.kv_sharing: ");
        assertMessage(ok.replace("\"kind\":\"lens_top1\"", "\"kind\":\"generates\""), "settings.generate is missing");
    }

    @Test
    void tokensOfClaimsAndTourAreCheckedAgainstTheRun() throws IOException {
        String json = "{\"format\":\"loopscope-demo\",\"title\":\"t\",\"prompt\":\"abc\",\"claims\":[{\"kind\":\"motif\",\"tokens\":[2],\"motif\":\"orbit\"}],"
                + "\"tour\":[{\"text\":\"a\"},{\"text\":\"b\",\"tokens\":[5]},{\"text\":\"c\"}]}";
        Demo d = DemoReader.parse("x", json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.requireTokensWithin(3));
        assertEquals("demo x: tour step 2 names token 5, but the run has 3 tokens (0..2)", e.getMessage());
        d.requireTokensWithin(6);
        IllegalArgumentException claim = assertThrows(IllegalArgumentException.class, () -> d.requireTokensWithin(2));
        assertTrue(claim.getMessage().contains("claims[1] names token 2"), claim.getMessage());
    }

    @Test
    void aGeneratingDemoRunsThePipelineInGenerateMode() throws IOException {
        String json = "{\"format\":\"loopscope-demo\",\"title\":\"t\",\"prompt\":\"47+85=\",\"settings\":{\"iterations\":16,\"criterion\":\"kl\",\"threshold\":1e-3,"
                + "\"generate\":{\"max_new_tokens\":6,\"kv_sharing\":\"skip\"}},\"claims\":[{\"kind\":\"generates\",\"answer\":\"132\"}],"
                + "\"tour\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"}]}";
        Demo d = DemoReader.parse("x", json);
        var spec = DemoRuns.specA(d, ModelRef.embeddedModel());
        assertTrue(spec.generates());
        assertEquals(6, spec.generate().maxNewTokens());
        assertEquals(io.loopscope.inference.exit.ExitCriterion.KL, spec.generate().criterion());
        assertEquals(1e-3, spec.generate().threshold());
        assertEquals(io.loopscope.inference.model.KvSharing.SKIP, spec.generate().sharing());
        assertFalse(d.settings().hasRunB());
        assertMessage(json.replace("\"threshold\":1e-3,", "\"threshold\":1e-3,\"seeds\":[1,2],"), "a generating demo has one run");
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
