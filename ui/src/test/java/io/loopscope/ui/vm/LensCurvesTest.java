package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.Trace;
import io.loopscope.ui.chart.LensCurves;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lens figure's curves say what the lens table says, step by step. No toolkit. */
class LensCurvesTest {

    @Test
    void everyTopGuessIsACurveWithTheTablesProbabilities() throws Exception {
        RunResult run = WorkbenchViewModelTest.run("abcdef", 20, 0);
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.resultProperty().set(run);
        for (int t = 0; t < run.tokens(); t++) {
            vm.tokenStrip().click(t, false, false);
            List<LensViewModel.Row> table = vm.lens().rows();
            LensCurves curves = LensCurves.of(run, t);

            Set<String> topGuesses = new LinkedHashSet<>();
            for (LensViewModel.Row row : table) topGuesses.add(row.tokens().getFirst());
            List<String> names = new ArrayList<>();
            curves.curves().forEach(c -> names.add(c.token()));
            assertEquals(List.copyOf(topGuesses).subList(0, Math.min(topGuesses.size(), LensCurves.MAX_CURVES)), names,
                    "token " + t + ": one curve per top guess, in the order they first lead");

            for (LensCurves.Curve c : curves.curves()) {
                assertEquals(table.size(), c.probability().length);
                for (LensViewModel.Row row : table) {
                    int j = row.tokens().indexOf(c.token());
                    double p = c.probability()[row.step()];
                    if (j < 0) assertTrue(Double.isNaN(p), "token " + t + " step " + row.step() + ": out of the top-k is a gap");
                    else assertEquals(row.probs()[j], p, 1e-12, "token " + t + " step " + row.step());
                }
            }
            assertTrue(curves.title().contains("[" + t + "]"), curves.title());
            assertFalse(curves.curves().isEmpty());
        }
    }

    @Test
    void aLensWithoutProbabilitiesDrawsNothing() throws Exception {
        RunResult run = WorkbenchViewModelTest.run("abcdef", 8, 0);
        Trace tr = run.trace();
        float[] nan = new float[tr.lensTopkProbs().data().length];
        Arrays.fill(nan, Float.NaN); // a trace that recorded the lens's ids but not their probabilities
        Trace idsOnly = new Trace(tr.info(), tr.ids(), tr.states(), tr.finalLatent(), tr.logits(), tr.lensEntropy(), tr.lensKl(),
                tr.lensTopkIds(), new FloatTensor(tr.lensTopkProbs().shape(), nan), tr.lens(), tr.lnFWeight());
        // figures read the lens from the analysis: the one of this trace
        RunResult loaded = new RunResult(run.spec(), run.model(), idsOnly, new io.loopscope.ui.testing.AnalyticAnalysis(idsOnly), 0, 0);
        assertTrue(LensCurves.of(loaded, 2).curves().isEmpty());
        assertFalse(LensCurves.of(run, 2).curves().isEmpty());
    }
}
