package io.loopscope.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.ui.vm.WorkbenchViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import io.loopscope.inference.testing.RequiresFixtures;

/** The real engine and the real analysis behind the workbench's ports, on the fixture model. */
@RequiresFixtures
class RealPipelineTest {
    private static final Path MODEL = Fixtures.huginnTiny().resolve("f32");

    private static RunPipeline pipeline() {
        return new RunPipeline(new HuginnModelLoader(() -> null, "test"), new AnalysisAdapter());
    }

    @Test
    void fixtureRunFillsEveryViewModel() throws Exception {
        List<Double> fractions = new ArrayList<>();
        RunResult r = pipeline().run(new RunSpec(ModelRef.folder(MODEL), "3 14 15 92 65 35", 24, RunSpec.InitMode.RANDOM, 7, 5),
                (m, f) -> fractions.add(f), () -> false);
        assertEquals(6, r.tokens());
        assertEquals(24, r.iterations());
        assertEquals(List.of("#3", "#14", "#15", "#92", "#65", "#35"), r.tokenStrings(), "no tokenizer: ids shown as #id");
        assertTrue(fractions.contains(1.0) && fractions.stream().anyMatch(f -> f > 0 && f < 0.9), "progress moves");
        RunAnalysis a = r.analysis();
        assertTrue(a.components() >= 2);
        double sum = 0;
        for (int pc = 0; pc < a.components(); pc++) sum += a.explainedVariance(pc);
        assertTrue(sum > 0.5 && sum <= 1 + 1e-9, "explained variance ratios: " + sum);
        assertEquals(0, a.distanceToFinal(0, 24), 1e-9, "s* is the final state");
        assertTrue(Double.isNaN(a.relativeStep(0, 0)));
        assertNotNull(a.motif(5).label());
        assertFalse(a.motif(5).headline().isBlank());

        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.resultProperty().set(r);
        assertEquals(6, vm.tokenStrip().chips().size());
        assertEquals(25, vm.lens().rows().size());
        assertEquals(5, vm.lens().rows().getFirst().tokens().size());
        assertTrue(vm.lens().hasLogitLensProperty().get(), "a workbench run records the logit lens too");
        vm.selection().focusProperty().set(5);
        assertTrue(vm.lens().titleProperty().get().startsWith("Coda lens of [5]"), vm.lens().titleProperty().get());
        var coda = vm.lens().rows();
        vm.lens().kindProperty().set(LensKind.LOGIT);
        assertTrue(vm.lens().titleProperty().get().startsWith("Logit lens of [5]"), vm.lens().titleProperty().get());
        var logit = vm.lens().rows();
        assertEquals(coda.size(), logit.size());
        assertEquals(r.trace().logitLens().entropy().get(24, 5), logit.getLast().entropy(), 1e-6, "the logit lens's own entropy");
        assertEquals(r.trace().lensEntropy().get(24, 5), coda.getLast().entropy(), 1e-6);
        assertNotEquals(coda.getLast().entropy(), logit.getLast().entropy(), "the coda changes what the head reads");
        vm.lens().kindProperty().set(LensKind.CODA);
        assertEquals(3, vm.metrics().data().series().size());
        vm.criterionProperty().set(ExitCriterion.LATENT_DIFF);
        int strict = vm.metrics().data().series().getFirst().exitStep();
        vm.thresholdProperty().set(1.0); // a looser threshold can only fire earlier
        int loose = vm.metrics().data().series().getFirst().exitStep();
        assertTrue(loose >= 1 && (strict == -1 || strict >= loose), "strict " + strict + ", loose " + loose);
    }

    @Test
    void samePromptTwoSeedsCanBeCompared() throws Exception {
        RunPipeline p = pipeline();
        RunSpec a = new RunSpec(ModelRef.folder(MODEL), "1 2 3 4", 32, RunSpec.InitMode.RANDOM, 0, 5);
        RunResult ra = p.run(a, (m, f) -> { }, () -> false), rb = p.run(a.withSeed(1), (m, f) -> { }, () -> false);
        PairComparison c = p.analyzer().compare(ra.trace(), rb.trace());
        assertNotNull(c);
        assertEquals(4, c.tokens());
        assertTrue(c.summary().contains("of 4 tokens"), c.summary());
        RunResult other = p.run(new RunSpec(ModelRef.folder(MODEL), "1 2 3", 8, RunSpec.InitMode.ZEROS, 0, 5), (m, f) -> { }, () -> false);
        assertEquals(null, p.analyzer().compare(ra.trace(), other.trace()), "different prompts are not compared");
    }

    @Test
    void cancelStopsTheEngineWithinAStep() {
        AtomicInteger steps = new AtomicInteger();
        RunSpec spec = new RunSpec(ModelRef.folder(MODEL), "1 2 3", 500, RunSpec.InitMode.RANDOM, 0, 5);
        assertThrows(CancellationException.class, () -> pipeline().run(spec, (m, f) -> {
            if (m.startsWith("Iteration")) steps.incrementAndGet();
        }, () -> steps.get() >= 3));
        assertTrue(steps.get() < 10, "stopped after " + steps.get() + " steps");
    }

    @Test
    void loadingShowsHowMuchIsReadAndACancelledLoadLeavesNothingBehind() throws Exception {
        RunPipeline p = pipeline();
        RunSpec spec = new RunSpec(ModelRef.folder(MODEL), "1 2 3", 2, RunSpec.InitMode.ZEROS, 0, 5);
        List<Double> loading = new ArrayList<>();
        AtomicInteger polls = new AtomicInteger();
        CancellationException e = assertThrows(CancellationException.class, () -> p.run(spec, (m, f) -> {
            if (m.startsWith("Loading")) loading.add(f);
        }, () -> polls.incrementAndGet() > 3));
        assertTrue(e.getMessage().contains("was cancelled"), e.getMessage());
        assertTrue(loading.stream().anyMatch(f -> f > 0 && f < 1), "the bar moves while the weights are read: " + loading);
        loading.clear();
        RunResult r = p.run(spec, (m, f) -> {
            if (m.startsWith("Loading")) loading.add(f);
        }, () -> false);
        assertEquals(3, r.tokens());
        assertEquals(1.0, loading.getLast(), "a load after a cancelled one reads the folder again, to the end");
        loading.clear();
        p.run(spec, (m, f) -> {
            if (m.startsWith("Loading")) loading.add(f);
        }, () -> false);
        assertEquals(List.of(-1.0), loading, "a loaded model is not read again");
    }

    @Test
    void badInputGivesReadableMessages() {
        RunPipeline p = pipeline();
        Exception e = assertThrows(Exception.class, () -> p.run(new RunSpec(ModelRef.folder(MODEL), "the cat", 4, RunSpec.InitMode.ZEROS, 0, 5),
                (m, f) -> { }, () -> false));
        assertTrue(e.getMessage().contains("token ids"), e.getMessage());
        e = assertThrows(Exception.class, () -> p.run(new RunSpec(ModelRef.folder(MODEL), "1 999999", 4, RunSpec.InitMode.ZEROS, 0, 5),
                (m, f) -> { }, () -> false));
        assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
        e = assertThrows(Exception.class, () -> p.run(new RunSpec(ModelRef.folder(Path.of("/nonexistent/model")), "1", 4, RunSpec.InitMode.ZEROS, 0, 5),
                (m, f) -> { }, () -> false));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
