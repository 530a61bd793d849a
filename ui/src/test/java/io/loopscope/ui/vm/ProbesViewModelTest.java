package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.analysis.probe.ProbeSource;
import io.loopscope.inference.tasks.Range;
import io.loopscope.ui.chart.ProbeLayerView;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.ProbePipeline;
import io.loopscope.ui.engine.ProbeResult;
import io.loopscope.ui.testing.FakeModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Probes view's logic without a toolkit: the command line's rules as settings are typed, the probe's life, its result. */
class ProbesViewModelTest {

    @Test
    void itStartsWithTheCommandLinesDefaults() {
        ProbesViewModel vm = new ProbesViewModel();
        assertEquals("", vm.problemProperty().get());
        assertTrue(vm.canRun().get());
        assertEquals(new ProbeSettings(new ProbeSource.TaskPrompts("sum", null, 200), ProbeLabel.ANSWER, null, 16, 5, 0), vm.toSettings(),
                "loopscope probe --task sum");
        assertEquals("2..6", vm.trainingRange());
        assertEquals(List.of("sum", "add", "hops", "count", "copy"), vm.tasks());
    }

    @Test
    void badSettingsAreSaidAsTheyAreTypedInTheCommandLinesWords() {
        ProbesViewModel vm = new ProbesViewModel();
        vm.taskProperty().set("copy");
        vm.labelProperty().set(ProbeLabel.RUNNING);
        assertEquals("--label running needs a task with running totals (sum, count); copy has none", vm.problemProperty().get());
        assertFalse(vm.canRun().get());
        vm.taskProperty().set("count");
        assertEquals("", vm.problemProperty().get(), "count keeps running totals");
        vm.samplesProperty().set(6);
        assertEquals("--samples must be at least twice --folds (10), got 6", vm.problemProperty().get());
        vm.samplesProperty().set(60);
        vm.difficultyProperty().set("2..x");
        assertEquals("--difficulty must be N or MIN..MAX, got '2..x'", vm.problemProperty().get());
        vm.difficultyProperty().set("3");
        vm.labelProperty().set(ProbeLabel.ITERATION);
        vm.iterationsProperty().set(0);
        assertEquals("--label iteration needs --iterations of at least 1", vm.problemProperty().get());
        vm.iterationsProperty().set(4);
        vm.sourceProperty().set(ProbesViewModel.Source.FILE);
        assertTrue(vm.problemProperty().get().startsWith("choose a JSONL file of prompts"), vm.problemProperty().get());
        assertNull(vm.settingsOrNull(), "a session saves no settings that cannot run");
        vm.fileProperty().set("/tmp/p.jsonl");
        assertEquals("", vm.problemProperty().get(), "a file is read when the probe runs, not as its name is typed");
        assertTrue(vm.canRun().get());
    }

    @Test
    void aPositionCountsOnlyForRunningTotalsAndHops() {
        ProbesViewModel vm = new ProbesViewModel();
        vm.positionProperty().set(2);
        assertFalse(vm.positionEnabled().get());
        assertNull(vm.toSettings().position(), "the answer has one place to read");
        vm.labelProperty().set(ProbeLabel.RUNNING);
        assertTrue(vm.positionEnabled().get());
        assertEquals(2, vm.toSettings().position());
        vm.positionProperty().set(0);
        assertNull(vm.toSettings().position(), "0 is the last");
        vm.taskProperty().set("sum");
        vm.difficultyProperty().set("2");
        vm.positionProperty().set(5);
        assertEquals("no prompt of sum 2..2 has a running number 5", vm.problemProperty().get());
    }

    @Test
    void settingsShowAndReadBack() {
        ProbesViewModel vm = new ProbesViewModel();
        ProbeSettings hops = new ProbeSettings(new ProbeSource.TaskPrompts("hops", new Range(2, 3), 90), ProbeLabel.HOP, 1, 6, 3, 7);
        vm.show(hops);
        assertEquals(hops, vm.toSettings());
        ProbeSettings file = new ProbeSettings(new ProbeSource.FilePrompts(Path.of("/data/p.jsonl")), ProbeLabel.ITERATION, null, 8, 4, 2);
        vm.show(file);
        assertEquals(file, vm.toSettings());
        assertEquals(file, vm.settingsOrNull());
    }

    @Test
    void aProbeOnTheFakeModelGoesThroughTheRealFitAndItsSummarySaysWhere(@TempDir Path dir) throws Exception {
        ProbesViewModel vm = new ProbesViewModel();
        vm.samplesProperty().set(80);
        vm.iterationsProperty().set(5);
        vm.foldsProperty().set(4);
        ProbePipeline pipeline = new ProbePipeline(ref -> new FakeModel(0));
        List<String> messages = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        vm.started();
        assertTrue(vm.runningProperty().get());
        assertFalse(vm.canRun().get(), "one probe at a time");
        ProbeResult r = pipeline.run(ModelRef.embeddedModel(), vm.toSettings(), (m, f) -> {
            messages.add(m);
            fractions.add(f);
        }, () -> false);
        vm.finished(r);
        assertFalse(vm.runningProperty().get());
        assertSame(r, vm.resultProperty().get());
        assertEquals(80, r.prompts());
        assertEquals(FakeModel.PROBE_DECODABLE, r.curve().firstReaching(ProbeResult.LEVEL), "the fit finds where the fake writes the label in");
        assertEquals(FakeModel.PROBE_LENS, r.curve().firstLensReaching(ProbeResult.LEVEL));
        assertTrue(vm.summaryProperty().get().startsWith("the answer becomes linearly decodable (≥ 0.5) at iteration " + FakeModel.PROBE_DECODABLE
                + "; the lens gets it right (≥ 0.5) at iteration " + FakeModel.PROBE_LENS + " · control at most"), vm.summaryProperty().get());
        assertTrue(r.curve().maxControl() < 0.35, "the control stays near chance: " + r.curve().maxControl());
        assertTrue(messages.contains("Prompt 80 of 80 × 5 iterations"), messages.toString());
        assertTrue(messages.getLast().startsWith("Fitting the probe at iteration 5 of 0..5"), messages.getLast());
        assertEquals(1.0, fractions.getLast(), 1e-12, "80 prompts and 6 fits make the whole bar");

        // a file with one label for every prompt: the command line's message, and the last curve stays
        StringBuilder same = new StringBuilder();
        for (int i = 0; i < 12; i++) same.append("{\"prompt\": \"").append(i).append("+0=\", \"label\": \"7\"}\n");
        Path one = Files.writeString(dir.resolve("one.jsonl"), same.toString());
        vm.sourceProperty().set(ProbesViewModel.Source.FILE);
        vm.fileProperty().set(one.toString());
        boolean[] loaded = {false};
        var e = assertThrows(IllegalArgumentException.class, () -> new ProbePipeline(ref -> {
            loaded[0] = true;
            return new FakeModel(0);
        }).run(ModelRef.embeddedModel(), vm.toSettings(), (m, f) -> { }, () -> false));
        assertFalse(loaded[0], "bad prompts are found before any model is loaded");
        vm.failed(e.getMessage());
        assertEquals("every prompt has the label '7': nothing to probe", vm.errorProperty().get());
        assertSame(r, vm.resultProperty().get(), "the last probe stays on screen");
        vm.started();
        assertEquals("", vm.errorProperty().get(), "a new probe clears the old failure");
        vm.cancelled();
        assertFalse(vm.runningProperty().get());
    }

    @Test
    void theIterationProbeOnTheFakeTellsTheMovingIterationsApart() throws Exception {
        ProbesViewModel vm = new ProbesViewModel();
        vm.labelProperty().set(ProbeLabel.ITERATION);
        vm.samplesProperty().set(60);
        vm.iterationsProperty().set(5);
        ProbeResult r = new ProbePipeline(ref -> new FakeModel(0)).run(ModelRef.embeddedModel(), vm.toSettings(), (m, f) -> { }, () -> false);
        vm.finished(r);
        assertEquals(6, r.curve().classes());
        assertFalse(r.curve().hasLens(), "no lens for the iteration probe");
        // iterations 0..2 each have an axis of their own; 3..5 share one, so their recall is split three ways
        assertTrue(vm.summaryProperty().get().startsWith("the iteration is linearly decodable (recall ≥ 0.5) at iterations 0–2 of 0–5"),
                vm.summaryProperty().get());
    }

    @Test
    void aProbeWithLayersOffersALayerChoiceAndOneWithoutDoesNot() throws Exception {
        ProbesViewModel vm = new ProbesViewModel();
        vm.samplesProperty().set(60);
        vm.iterationsProperty().set(5);
        vm.foldsProperty().set(4);
        ProbePipeline pipeline = new ProbePipeline(ref -> new FakeModel(0));
        ProbeResult plain = pipeline.run(ModelRef.embeddedModel(), vm.toSettings(), (m, f) -> { }, () -> false);
        vm.finished(plain);
        assertEquals(List.of(), vm.layerChoicesProperty().get(), "a probe of the block output alone: nothing to choose");
        assertEquals(ProbeLayerView.BLOCK, vm.layerViewProperty().get());
        vm.layerViewProperty().set(ProbeLayerView.of(0));
        assertEquals(ProbeLayerView.BLOCK, vm.layerViewProperty().get(), "a layer the result lacks is not taken");

        vm.layersProperty().set(true);
        assertEquals(io.loopscope.analysis.probe.ProbeLayers.ALL, vm.toSettings().layers(), "probe --layers");
        List<String> messages = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        ProbeResult layered = pipeline.run(ModelRef.embeddedModel(), vm.toSettings(), (m, f) -> {
            messages.add(m);
            fractions.add(f);
        }, () -> false);
        assertTrue(messages.contains("Running 60 prompts × 5 iterations (reading 2 loop layers)…"), messages.toString());
        assertEquals("Fitting the layer probes at iteration 5 of 1..5", messages.getLast());
        assertEquals(1.0, fractions.getLast(), 1e-12, "60 prompts, 6 fits and 5 × 2 layer fits make the whole bar");
        vm.finished(layered);
        assertEquals(List.of(ProbeLayerView.EVERY, ProbeLayerView.BLOCK, ProbeLayerView.of(0), ProbeLayerView.of(1)), vm.layerChoicesProperty().get());
        assertEquals(ProbeLayerView.EVERY, vm.layerViewProperty().get(), "a result with layers opens on a curve per layer");
        assertEquals("core layer 1", ProbeLayerView.of(0).toString(), "on screen core layers count from 1, as in the Ranks view");
        // the fake's last layer is its block output, its layer 0 the block output one iteration late
        for (ProbeCurve.Point p : layered.curve().points().subList(1, 6)) {
            assertEquals(p.accuracy(), p.layer(1).orElseThrow().accuracy(), "the last layer is the block output at " + p.iteration());
        }
        assertEquals(FakeModel.PROBE_DECODABLE + 1, layered.curve().firstReaching(0, ProbeResult.LEVEL));
        assertTrue(vm.summaryProperty().get().endsWith(" · by layer (≥ 0.5): core layer 1 at iteration " + (FakeModel.PROBE_DECODABLE + 1)
                + ", core layer 2 at " + FakeModel.PROBE_DECODABLE), vm.summaryProperty().get());
        vm.layerViewProperty().set(ProbeLayerView.of(0));
        assertEquals(ProbeLayerView.of(0), vm.layerViewProperty().get());
        vm.layerViewProperty().set(ProbeLayerView.of(7));
        assertEquals(ProbeLayerView.of(0), vm.layerViewProperty().get(), "only the layers probed");
        vm.finished(layered);
        assertEquals(ProbeLayerView.of(0), vm.layerViewProperty().get(), "a rerun keeps the layer chosen");
        vm.finished(plain);
        assertEquals(ProbeLayerView.BLOCK, vm.layerViewProperty().get(), "a result without layers: the block output");
        assertEquals(List.of(), vm.layerChoicesProperty().get());

        ProbeSettings s = vm.toSettings();
        vm.layersProperty().set(false);
        vm.show(s);
        assertTrue(vm.layersProperty().get(), "a session's settings bring the layers back");
        vm.labelProperty().set(ProbeLabel.ITERATION);
        assertTrue(vm.problemProperty().get().contains("--label iteration is one probe over every iteration's block output: leave out --layers"),
                vm.problemProperty().get());
    }
}
