package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.PlaneData;
import io.loopscope.ui.chart.TokenPath;
import io.loopscope.ui.colour.MotifColours;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.testing.FakeModel;
import io.loopscope.ui.testing.FakeServices;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole view-model tree on one analytic run: the selection drives every view. No toolkit. */
class WorkbenchViewModelTest {

    static RunResult run(String prompt, int iterations, long seed) throws Exception {
        RunPipeline p = new RunPipeline(ref -> new FakeModel(0), FakeServices.analyzer());
        return p.run(new RunSpec(ModelRef.embeddedModel(), prompt, iterations, RunSpec.InitMode.RANDOM, seed, 5), (m, f) -> { }, () -> false);
    }

    @Test
    void aNewRunSelectsTheLastTokensAndFillsEveryView() throws Exception {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.resultProperty().set(run("abcdef", 20, 0));
        assertEquals(List.of(3, 4, 5), vm.selection().tokens());
        assertEquals(5, vm.selection().focus());
        assertEquals(20, vm.selection().stepProperty().get());

        assertEquals(6, vm.tokenStrip().chips().size());
        assertEquals(MotifColours.of("fixed-point"), vm.tokenStrip().chips().get(3).colour(), "token 3 is a contracting spiral");
        assertTrue(vm.tokenStrip().chips().get(4).selected());
        assertFalse(vm.tokenStrip().chips().get(0).selected());

        List<PlaneData> planes = vm.trajectories().planes();
        assertEquals(1, planes.size());
        assertEquals(3, planes.getFirst().paths().size());
        assertEquals("PC1 (41.0% of variance)", planes.getFirst().xLabel());
        assertEquals(21, planes.getFirst().paths().getFirst().steps());

        assertEquals(6, vm.heatmap().grid().tokens());
        assertEquals(21, vm.heatmap().grid().steps());
        assertEquals(3, vm.metrics().data().series().size());
        assertEquals(21, vm.lens().rows().size());
        assertEquals("slider", vm.motifCard().labelProperty().get(), "token 5 drifts");
        assertNotNull(vm.waterfall().data());
        assertEquals(6, vm.waterfall().data().tokens());
    }

    @Test
    void selectionChangesFlowToEveryView() throws Exception {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.resultProperty().set(run("abcdef", 20, 0));
        vm.tokenStrip().click(0, false, false);
        vm.tokenStrip().click(1, true, false);
        assertEquals(List.of(0, 1), vm.selection().tokens());
        assertEquals(2, vm.trajectories().planes().getFirst().paths().size());
        assertEquals(2, vm.metrics().data().series().size());
        assertEquals("orbit", vm.motifCard().labelProperty().get());
        assertTrue(vm.lens().titleProperty().get().contains("[1] b"), vm.lens().titleProperty().get());
        assertEquals(java.util.Set.of(0, 1), vm.waterfall().data().selected());

        vm.heatmap().click(3, 7, false, false);
        assertEquals(List.of(3), vm.selection().tokens());
        assertEquals(7, vm.selection().stepProperty().get());
        assertEquals("fixed point", vm.motifCard().labelProperty().get());
    }

    @Test
    void pcPairsPaperPanelsAndAnimation() throws Exception {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.resultProperty().set(run("abcd", 10, 0));
        TrajectoryViewModel t = vm.trajectories();
        assertEquals(List.of(new PcPair(0, 1), new PcPair(2, 3), new PcPair(4, 5)), t.pairs().subList(0, 3));
        t.pairProperty().set(new PcPair(2, 3));
        assertEquals("PC3 (11.0% of variance)", t.planes().getFirst().xLabel());
        t.paperPanelsProperty().set(true);
        assertEquals(3, t.planes().size());
        assertEquals(new PcPair(4, 5), t.planes().get(2).pair());

        t.togglePlay();
        assertTrue(t.playingProperty().get());
        assertEquals(0, t.stepProperty().get(), "play from the end restarts at s0");
        for (int i = 0; i < 9; i++) t.tick();
        assertEquals(9, t.stepProperty().get());
        t.tick();
        assertEquals(10, t.stepProperty().get());
        assertFalse(t.playingProperty().get(), "stops at the last step");
    }

    @Test
    void criterionAndThresholdMoveTheExitSteps() throws Exception {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.resultProperty().set(run("abcd", 40, 0));
        vm.selection().click(0, false, false);
        vm.criterionProperty().set(ExitCriterion.LATENT_DIFF);
        assertEquals(0.03, vm.thresholdProperty().get(), "a new criterion brings its default threshold");
        int at003 = vm.metrics().data().series().getFirst().exitStep();
        assertEquals(22, at003, "0.85^22 < 0.03");
        vm.thresholdProperty().set(0.5);
        assertEquals(5, vm.metrics().data().series().getFirst().exitStep());
        vm.tokenStrip().colouringProperty().set(TokenStripViewModel.Colouring.EXIT_STEP);
        assertEquals(6, vm.tokenStrip().legendProperty().get().size(), "five steps and 'never'");
    }

    @Test
    void compareShowsTheSameTokensInBothRuns() throws Exception {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        CompareViewModel cmp = new CompareViewModel(vm.resultProperty(), vm.selection());
        RunResult a = run("abcdef", 12, 3);
        vm.resultProperty().set(a);
        assertEquals(4, cmp.seedBProperty().get(), "B defaults to the next seed");
        assertEquals(12, cmp.iterationsBProperty().get());
        assertEquals(1, cmp.planes().size());
        RunSpec b = cmp.specB();
        assertEquals("abcdef", b.prompt());
        cmp.finished(run("abcdef", 12, 4), FakeServices.analyzer().compare(a.trace(), a.trace()));
        assertEquals(2, cmp.planes().size());
        assertEquals(cmp.planes().get(0).paths().stream().map(TokenPath::token).toList(),
                cmp.planes().get(1).paths().stream().map(TokenPath::token).toList());
        assertTrue(cmp.verdictProperty().get().contains("same attractor"), cmp.verdictProperty().get());
    }
}
