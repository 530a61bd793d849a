package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.EmbeddedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loopscope probe on the embedded model: the curve, its control, its JSON, and bad options. */
class ProbeCommandTest {

    @Test
    void theAnswerOfASumBecomesDecodableWhileTheControlStaysNearChance(@TempDir Path dir) throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        Path out = dir.resolve("probe.json");
        CliRun r = CliRun.of("probe", "--task", "sum", "--samples", "300", "--iterations", "5", "--folds", "4", "--quiet", "--json", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| iteration | probe | control | lens |"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals("answer", json.path("label").asText());
        assertEquals(10, json.path("classes").asInt(), "sums mod 10 take every digit");
        assertEquals(0.1, json.path("chance").asDouble(), 1e-12);
        JsonNode its = json.path("iterations");
        assertEquals(6, its.size(), "iterations 0..5");
        double first = its.get(0).path("accuracy").asDouble(), last = its.get(5).path("accuracy").asDouble();
        assertTrue(first < 0.2, "s0 carries no answer: " + first);
        // a linear read-out of ln_f(s) lags the lens (coda, norm and head): 0.57 against 0.99 at r = 5 on 400 prompts
        assertTrue(last > first + 0.15 && last > 0.25, "the answer becomes linearly decodable: " + first + " → " + last);
        for (JsonNode p : its) assertTrue(p.path("control_accuracy").asDouble() < 0.2, "the control sits near chance: " + p);
        assertTrue(its.get(5).path("lens_accuracy").asDouble() > 0.8, "the lens answers by iteration 5: " + its.get(5));
    }

    @Test
    void theIterationProbeReadsHowLongTheLoopHasRunFromAFileWithoutLabels(@TempDir Path dir) throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) lines.append("{\"prompt\": \"").append(i % 10).append('+').append((i * 7) % 10).append("=\"}\n");
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), lines.toString());
        Path out = dir.resolve("iteration.json");
        CliRun r = CliRun.of("probe", "--prompts", prompts.toString(), "--label", "iteration", "--iterations", "10", "--folds", "4",
                "--quiet", "--json", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("recall of each iteration"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals("iteration", json.path("label").asText());
        assertEquals(11, json.path("classes").asInt(), "iterations 0..10 are the classes");
        JsonNode its = json.path("iterations");
        assertEquals(11, its.size());
        // measured: recall 0.90, 0.93, 0.90 at iterations 1-3, then 0.00-0.13 at 8-10 once the state has settled
        for (int i = 1; i <= 3; i++) assertTrue(its.get(i).path("accuracy").asDouble() > 0.7, "a moving state tells its iteration: " + its.get(i));
        double settled = 0, control = 0;
        for (int i = 8; i <= 10; i++) settled += its.get(i).path("accuracy").asDouble() / 3;
        assertTrue(settled < 0.35, "a settled state no longer tells how long it ran: " + settled);
        for (JsonNode p : its) {
            control += p.path("control_accuracy").asDouble() / its.size();
            assertTrue(p.path("lens_accuracy").isMissingNode(), "no lens column for the iteration probe: " + p);
        }
        assertTrue(Math.abs(control - 1.0 / 11) < 0.08, "the control sits near chance on average: " + control);
        CliRun zero = CliRun.of("probe", "--prompts", prompts.toString(), "--label", "iteration", "--iterations", "0");
        assertTrue(zero.err().contains("--label iteration needs --iterations of at least 1"), zero.err());
    }

    @Test
    void badOptionsAreNamedAndWriteNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("p.json");
        CliRun copy = CliRun.of("probe", "--task", "copy", "--label", "running", "--samples", "20", "--json", out.toString());
        assertEquals(1, copy.exitCode());
        assertTrue(copy.err().contains("--label running needs a task with running totals (sum, count); copy has none"), copy.err());
        CliRun few = CliRun.of("probe", "--task", "sum", "--samples", "6", "--folds", "5");
        assertTrue(few.err().contains("--samples must be at least twice --folds (10), got 6"), few.err());
        CliRun range = CliRun.of("probe", "--task", "sum", "--difficulty", "2..x");
        assertTrue(range.err().contains("--difficulty must be N or MIN..MAX, got '2..x'"), range.err());
        Path bad = Files.writeString(dir.resolve("p.jsonl"), "{\"prompt\": \"4+4=\", \"label\": \"8\"}\n{\"prompt\": \"1+1=\", \"label\": \"two\"}\n");
        CliRun file = CliRun.of("probe", "--prompts", bad.toString());
        assertTrue(file.err().contains(bad + " line 2: \"label\" must be one character, got \"two\""), file.err());
        CliRun both = CliRun.of("probe", "--task", "sum", "--prompts", bad.toString());
        assertEquals(2, both.exitCode(), "--task and --prompts exclude each other");
        assertFalse(Files.exists(out));
    }

    @Test
    void layersAddAProbePerCoreLayerWhoseLastIsTheBlockOutput(@TempDir Path dir) throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        Path out = dir.resolve("layers.json");
        CliRun r = CliRun.of("probe", "--task", "sum", "--samples", "40", "--iterations", "3", "--folds", "4", "--layers", "--quiet", "--json", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| iteration | probe | control | lens |"), "the block output's table stays: " + r.out());
        assertTrue(r.out().contains("| iteration | layer 0 | layer 1 |"), r.out());
        JsonNode its = new ObjectMapper().readTree(out.toFile()).path("iterations");
        assertEquals(4, its.size());
        assertEquals(0, its.get(0).path("layers").size(), "s_0 comes out of no layer");
        for (int i = 1; i <= 3; i++) {
            JsonNode it = its.get(i), layers = it.path("layers");
            assertTrue(it.path("lens_accuracy").isNumber(), "the old fields stay: " + it);
            assertEquals(2, layers.size(), "the embedded model's two core layers: " + it);
            assertEquals(1, layers.get(1).path("layer").asInt());
            assertEquals(it.path("accuracy").asDouble(), layers.get(1).path("accuracy").asDouble(), "the last core layer is the block output: " + it);
            assertEquals(it.path("control_accuracy").asDouble(), layers.get(1).path("control_accuracy").asDouble());
        }
    }

    @Test
    void badLayersAreNamedAndWriteNothing(@TempDir Path dir) throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        Path out = dir.resolve("p.json");
        CliRun outside = CliRun.of("probe", "--task", "sum", "--samples", "20", "--layers", "0,5", "--json", out.toString());
        assertEquals(1, outside.exitCode());
        assertTrue(outside.err().contains("--layers 5 is outside the loop of the huginn model, which has 2 layers (0..1)"), outside.err());
        CliRun word = CliRun.of("probe", "--task", "sum", "--samples", "20", "--layers", "last");
        assertTrue(word.err().contains("--layers takes all or layer indices separated by commas (0,1), got 'last'"), word.err());
        CliRun iteration = CliRun.of("probe", "--task", "sum", "--samples", "20", "--label", "iteration", "--layers");
        assertTrue(iteration.err().contains("--label iteration is one probe over every iteration's block output: leave out --layers"), iteration.err());
        assertFalse(Files.exists(out));
    }
}
