package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.RankTrajectories;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.ui.chart.RankChartData;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.LensKind;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Ranks view on a real workbench run of the shipped model with record layers on: its numbers
 * are the trace's own — the recorded top-k of both lenses, and the ranks a run that asked for the
 * same tokens records. No toolkit.
 */
class RanksOnTheEmbeddedModelTest {
    private static final int R = 24;
    private static RunResult run;

    @BeforeAll
    static void runIt() throws Exception {
        Assumptions.assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        RunPipeline p = io.loopscope.ui.testing.TestRuns.embeddedPipeline();
        run = p.run(new RunSpec(ModelRef.embeddedModel(), "57+85=", R, RunSpec.InitMode.RANDOM, 0, 5, null, true), (m, f) -> { }, () -> false);
    }

    private static RanksViewModel served(WorkbenchViewModel wb) {
        RanksViewModelTest.serve(wb.ranks());
        return wb.ranks();
    }

    @Test
    void bothLensesRanksAgreeWithTheirRecordedTopK() {
        WorkbenchViewModel wb = new WorkbenchViewModel();
        wb.resultProperty().set(run);
        int t = 5; // '='
        assertEquals(t, wb.selection().focus());
        RanksViewModel vm = served(wb);
        RankChartData c = vm.chart();
        assertEquals(List.of(LensKind.CODA, LensKind.LOGIT), c.panels().stream().map(RankChartData.Panel::lens).toList());
        long[] ids = io.loopscope.ui.engine.TrackedTokens.defaults(run, t);
        assertEquals(ids.length, c.tokens().size());
        int checked = 0;
        for (RankChartData.Panel panel : c.panels()) {
            IntTensor top = panel.lens() == LensKind.CODA ? run.trace().lensTopkIds() : run.trace().logitLens().topkIds();
            int k = top.shape()[2];
            for (int j = 0; j < ids.length; j++) {
                double[] ranks = panel.ranks().get(j);
                assertEquals(R + 1, ranks.length);
                for (int s = 0; s <= R; s++) {
                    int at = -1;
                    for (int g = 0; g < k; g++) if (top.get(s, t, g) == ids[j]) at = g;
                    if (at >= 0) assertEquals(at + 1, ranks[s], 0, panel.lens() + " step " + s + ": guess " + (at + 1) + " of the top-k");
                    else assertTrue(ranks[s] > k, panel.lens() + " step " + s + ": outside the top-k ranks past it, got " + ranks[s]);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 2 * (R + 1));
        assertEquals(1, c.panels().getFirst().ranks().getFirst()[R], 0, "the coda lens's final guess ranks first");
        assertEquals("1", run.tokenString(ids[0]), "and on this model it is the answer's first digit (142)");
    }

    @Test
    void everyLayerRanksAsARunThatAskedForTheTokensRecordsThem() {
        WorkbenchViewModel wb = new WorkbenchViewModel();
        wb.resultProperty().set(run);
        int t = 3; // '8'
        wb.selection().select(t);
        wb.ranks().tokensProperty().set("1 4 2 #0");
        assertTrue(!wb.ranks().request().layers(), "the block output alone first");
        RanksViewModel vm = served(wb);
        long[] ids = {ids("1"), ids("4"), ids("2"), 0};
        assertEquals(List.of(new RanksViewModel.LayerChoice(0, "block output (core layer 2 of 2)"), new RanksViewModel.LayerChoice(1, "core layer 1 of 2")),
                vm.layersProperty().get(), "the embedded model's core has two layers");
        assertEquals("", vm.layerNoteProperty().get());

        Trace asked = run.model().trace(new TraceRequest(run.trace().ids(), R, run.spec().stateInit(), 5, false, ExitThresholds.defaults(),
                TraceRequest.DEFAULT_MAX_ITERATIONS, null, true, true, ids), run.tokenStrings(), s -> { }, () -> false);
        assertArrayEquals(run.trace().states().data(), asked.states().data(), "the same run");
        Trace.Ranks recorded = asked.ranks();
        check(vm.chart(), recorded, t, ids, RankTrajectories.BLOCK_OUTPUT);

        vm.layerProperty().set(1);
        assertTrue(vm.request().layers(), "the core layers are read when one is shown");
        RanksViewModelTest.serve(vm);
        assertTrue(vm.chart().title().endsWith("core layer 1 of 2"), vm.chart().title());
        check(vm.chart(), recorded, t, ids, 1);
        assertTrue(Double.isNaN(vm.chart().panels().get(1).ranks().getFirst()[0]), "no core layer has run at step 0");
        vm.layerProperty().set(0);
        assertNull(vm.request(), "the block output came with the layers");
        check(vm.chart(), recorded, t, ids, RankTrajectories.BLOCK_OUTPUT);
    }

    /** The chart's lines against the recorded arrays: lens_ranks/logit_lens_ranks [R+1, S, T] or layer_*_ranks [R, C, S, T]. */
    private static void check(RankChartData c, Trace.Ranks recorded, int t, long[] ids, int layer) {
        for (RankChartData.Panel panel : c.panels()) {
            boolean coda = panel.lens() == LensKind.CODA;
            IntTensor a = layer == 0 ? (coda ? recorded.coda() : recorded.logit()) : (coda ? recorded.layerCoda() : recorded.layerLogit());
            for (int j = 0; j < ids.length; j++) {
                double[] line = panel.ranks().get(j);
                for (int s = layer == 0 ? 0 : 1; s <= R; s++) {
                    int want = layer == 0 ? a.get(s, t, j) : a.get(s - 1, layer - 1, t, j);
                    assertEquals(want, line[s], 0, panel.lens() + " layer " + layer + " step " + s + " token " + ids[j]);
                }
            }
        }
    }

    private static long ids(String text) {
        long[] ids = run.model().encode(text);
        assertEquals(1, ids.length);
        return ids[0];
    }
}
