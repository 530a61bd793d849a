package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopscope.analysis.RankTrajectories;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ModelHandle;
import io.loopscope.ui.chart.LensTable;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Lens view's layer choice on the embedded model (two core layers), without a toolkit: the block
 * output is today's table, core layer 1 the lens of layer_states[k][0], and a run without layers offers
 * no choice.
 */
class LensLayersViewModelTest {
    private static RunResult layered, plain;
    private static ModelHandle model;
    private static final String PROMPT = "4+8+1=";
    private static final int R = 6;

    @BeforeAll
    static void run() throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        RunPipeline p = io.loopscope.ui.testing.TestRuns.embeddedPipeline();
        layered = p.run(new RunSpec(ModelRef.embeddedModel(), PROMPT, R, RunSpec.InitMode.RANDOM, 1, 5, null, true), (m, f) -> { }, () -> false);
        plain = p.run(new RunSpec(ModelRef.embeddedModel(), PROMPT, R, RunSpec.InitMode.RANDOM, 1, 5, null, false), (m, f) -> { }, () -> false);
        model = ModelHandle.open(EmbeddedModel.directory());
    }

    private static LensViewModel open(RunResult r, int focus) {
        WorkbenchViewModel wb = new WorkbenchViewModel();
        wb.resultProperty().set(r);
        LensViewModel vm = wb.lens();
        vm.selection().focusProperty().set(focus);
        return vm;
    }

    /** What the view does with a request: reads it (here at once, on this thread) and hands it back. */
    private static void serve(LensViewModel vm) {
        LensViewModel.Request q = vm.request();
        assertNotNull(q, "a request to serve: " + vm.titleProperty().get());
        vm.loaded(q, q.run().layerLenses(q.layer(), () -> false));
    }

    private static void assertSameRows(List<LensTable.Row> want, List<LensViewModel.Row> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).tokens(), got.get(i).tokens(), "step " + i);
            assertArrayEquals(want.get(i).probs(), got.get(i).probs(), "step " + i);
            assertEquals(want.get(i).entropy(), got.get(i).entropy(), "step " + i);
            assertEquals(want.get(i).kl(), got.get(i).kl(), "step " + i);
        }
    }

    @Test
    void theBlockOutputIsTodaysTableAndTheLastLayerReadAgainIsToo() {
        int t = PROMPT.length() - 1;
        LensViewModel vm = open(layered, t);
        assertTrue(vm.hasLayersProperty().get());
        assertEquals(List.of(RankTrajectories.BLOCK_OUTPUT, 1), vm.layersProperty().get().stream().map(RanksViewModel.LayerChoice::layer).toList(),
                "the block output (core layer 2 of 2) and core layer 1, as in the Ranks view");
        assertEquals("block output (core layer 2 of 2)", vm.layersProperty().get().getFirst().label());
        for (LensKind kind : LensKind.values()) {
            vm.kindProperty().set(kind);
            assertSameRows(LensTable.of(layered, t, kind).rows(), vm.rows());
            assertNull(vm.request(), "the block output's lens is the run's own: nothing to read");
            // the last layer's output is the state: read again through the model, the same numbers
            var last = layered.layerLenses(layered.loopLayers() - 1, () -> false);
            assertSameRows(LensTable.of(layered, t, kind).rows(), LensTable.of(layered, t, kind, last.lens(kind), "").rows().stream()
                    .map(x -> new LensViewModel.Row(x.step(), x.tokens(), x.probs(), x.entropy(), x.kl())).toList());
        }
        assertTrue(vm.titleProperty().get().startsWith("Logit lens of [5] = · block output (core layer 2 of 2)"), vm.titleProperty().get());
    }

    @Test
    void coreLayerOneIsTheLensOfLayerZerosOutput() {
        int t = 3, tokens = PROMPT.length(), hidden = layered.trace().hidden(), c = layered.loopLayers();
        LensViewModel vm = open(layered, t);
        vm.layerProperty().set(1);
        assertTrue(vm.rows().isEmpty(), "nothing until the layer is read");
        assertTrue(vm.titleProperty().get().startsWith("Reading both lenses of core layer 1 of 2"), vm.titleProperty().get());
        assertEquals(0, vm.request().layer(), "core layer 1 is layer_states' layer 0");
        serve(vm);
        assertNull(vm.request());
        for (LensKind kind : LensKind.values()) {
            vm.kindProperty().set(kind);
            assertNull(vm.request(), "both lenses were read at once");
            assertEquals(R + 1, vm.rows().size());
            assertTrue(vm.titleProperty().get().startsWith(kind.title() + " of [3] + · core layer 1 of 2"), vm.titleProperty().get());
            for (int k = 1; k <= R; k++) {
                float[] h = java.util.Arrays.copyOfRange(layered.trace().layerStates().data(), ((k - 1) * c) * tokens * hidden, ((k - 1) * c + 1) * tokens * hidden);
                INDArray state = Nd4j.create(h, new long[] {tokens, hidden}, 'c');
                INDArray logits = (kind == LensKind.CODA ? model.model().decode(state) : model.model().logitLens(state).orElseThrow()).getRow(t);
                long top = logits.argMax().getLong(0);
                assertEquals(layered.tokenString(top), vm.rows().get(k).tokens().getFirst().strip(), kind + " of layer_states[" + (k - 1) + "][0] at step " + k);
                double[] z = logits.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
                double max = java.util.Arrays.stream(z).max().orElseThrow(), sum = 0;
                for (double v : z) sum += Math.exp(v - max);
                double p = Math.exp(z[(int) top] - max) / sum;
                assertEquals(p, vm.rows().get(k).probs()[0], 1e-5, "its probability");
            }
            assertSameRows(LensTable.of(layered, t, kind).rows().subList(0, 1), vm.rows().subList(0, 1));
        }
        vm.kindProperty().set(LensKind.CODA);
        boolean differs = false;
        for (int k = 1; k <= R; k++) differs |= !java.util.Arrays.equals(LensTable.of(layered, t, LensKind.CODA).rows().get(k).probs(), vm.rows().get(k).probs());
        assertTrue(differs, "layer 0 reads another state than the block output");
        vm.selection().focusProperty().set(1);
        assertNull(vm.request(), "another token of the same run: the layer is already read");
        assertTrue(vm.titleProperty().get().contains("core layer 1 of 2"), vm.titleProperty().get());
        vm.layerProperty().set(RankTrajectories.BLOCK_OUTPUT);
        assertSameRows(LensTable.of(layered, 1, LensKind.CODA).rows(), vm.rows());
    }

    @Test
    void aRunWithoutLayersOffersNoChoice() {
        LensViewModel vm = open(plain, 2);
        assertFalse(vm.hasLayersProperty().get(), "the choice is off");
        assertEquals(List.of(RankTrajectories.BLOCK_OUTPUT), vm.layersProperty().get().stream().map(RanksViewModel.LayerChoice::layer).toList());
        vm.layerProperty().set(1);
        assertNull(vm.request(), "nothing to read");
        assertSameRows(LensTable.of(plain, 2, LensKind.CODA).rows(), vm.rows());
        assertTrue(vm.titleProperty().get().startsWith("Coda lens of [2] 8 — what the model"), "today's title: " + vm.titleProperty().get());
    }

    @Test
    void theFigureExportDrawsTheLayerOnScreen() {
        int t = 3;
        LensViewModel vm = open(layered, t);
        vm.layerProperty().set(1);
        assertNull(vm.shown(), "nothing on screen while the layer is read");
        serve(vm);
        LensTable shown = vm.shown();
        assertSameRows(shown.rows(), vm.rows());
        var pair = new io.loopscope.ui.chart.PcPair(0, 1);
        var q = new io.loopscope.ui.views.ViewType.FigureRequest(layered, null, List.of(t), t, -1, io.loopscope.inference.exit.ExitCriterion.KL,
                5e-4, pair, pair, false, LensKind.CODA, null, io.loopscope.ui.chart.ChartStyle.of(false), null, null, shown, null);
        assertTrue(io.loopscope.ui.views.ViewType.lensCurves(q, t).title().contains("core layer 1 of 2"),
                io.loopscope.ui.views.ViewType.lensCurves(q, t).title());
        assertEquals(io.loopscope.ui.chart.LensCurves.of(layered, 1, LensKind.CODA).title(), io.loopscope.ui.views.ViewType.lensCurves(q, 1).title(),
                "another token than the focused one: the run's own lens");
        assertEquals(1, io.loopscope.ui.views.ViewType.LENS.figures(q).size());
        vm.layerProperty().set(RankTrajectories.BLOCK_OUTPUT);
        assertEquals(LensTable.of(layered, t, LensKind.CODA).title(), vm.shown().title(), "back at the block output, its table");
    }
}
