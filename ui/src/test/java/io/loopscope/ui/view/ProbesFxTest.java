package io.loopscope.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.ui.testing.FakeModel;
import io.loopscope.ui.testing.FakeServices;
import io.loopscope.ui.views.ViewType;
import io.loopscope.ui.vm.ProbesViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Probes view in the window: settings checked as typed, Run probe on the run bar's model, the chart and its summary. */
@ExtendWith(ApplicationExtension.class)
class ProbesFxTest {
    private WorkbenchContext ctx;

    @Start
    void start(Stage stage) {
        // 5 ms per prompt: the fake's probes take a moment, long enough for Cancel
        ctx = WorkbenchWindow.open(stage, FakeServices.create(5));
    }

    @Test
    void aProbeRunsOnTheRunBarsModelAndDrawsItsCurve(FxRobot robot, @TempDir Path dir) throws Exception {
        FxFlows.runPrompt(robot, ctx, "abc"); // the views show once a run is loaded
        ProbesViewModel vm = ctx.workbench().probes();
        robot.interact(() -> {
            ctx.workbench().viewProperty().set(ViewType.PROBES);
            vm.taskProperty().set("copy");
            vm.labelProperty().set(ProbeLabel.RUNNING);
        });
        Label problem = robot.lookup("#probeProblem").queryAs(Label.class);
        assertEquals("--label running needs a task with running totals (sum, count); copy has none", problem.getText());
        Button run = robot.lookup("#probeRunButton").queryAs(Button.class);
        assertTrue(run.isDisabled(), "nothing to run");

        robot.interact(() -> {
            vm.taskProperty().set("sum");
            vm.samplesProperty().set(60);
            vm.iterationsProperty().set(4);
            vm.foldsProperty().set(4);
        });
        assertEquals("", problem.getText());
        robot.clickOn(run);
        FxFlows.waitFor("the probe", () -> vm.resultProperty().get() != null && !ctx.run().runningProperty().get());
        ChartViewer viewer = robot.lookup("#probeChart").queryAs(ChartViewer.class);
        assertNotNull(viewer);
        XYPlot plot = viewer.getChart().getXYPlot();
        assertEquals(3, plot.getDataset().getSeriesCount(), "probe, control and lens");
        assertEquals(5, plot.getDataset().getItemCount(0), "iterations 0..4");
        assertEquals(1, plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(), "the chance line");
        String summary = robot.lookup("#probeSummary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("the last running total becomes linearly decodable (≥ 0.5) at iteration " + FakeModel.PROBE_DECODABLE), summary);
        assertFalse(ctx.run().runningProperty().get(), "the run bar is free again");

        // a file with one label: said in the view, and the curve stays
        StringBuilder same = new StringBuilder();
        for (int i = 0; i < 12; i++) same.append("{\"prompt\": \"").append(i).append("+0=\", \"label\": \"7\"}\n");
        Path one = Files.writeString(dir.resolve("one.jsonl"), same.toString());
        robot.interact(() -> {
            vm.sourceProperty().set(ProbesViewModel.Source.FILE);
            vm.fileProperty().set(one.toString());
        });
        robot.clickOn(run);
        FxFlows.waitFor("the failure", () -> !vm.errorProperty().get().isEmpty());
        assertEquals("every prompt has the label '7': nothing to probe", problem.getText());
        assertNotNull(robot.lookup("#probeChart").tryQuery().orElse(null), "the last curve stays on screen");
    }

    @Test
    void cancelStopsAProbeAndFreesTheRunBar(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "abc");
        ProbesViewModel vm = ctx.workbench().probes();
        robot.interact(() -> {
            ctx.workbench().viewProperty().set(ViewType.PROBES);
            vm.samplesProperty().set(5000); // 25 s of the fake's prompts
        });
        robot.clickOn("#probeRunButton");
        FxFlows.waitFor("the probe to start", () -> vm.runningProperty().get() && vm.progressProperty().get() > 0);
        assertTrue(ctx.run().runningProperty().get(), "the run bar waits while the probe runs");
        robot.clickOn("#probeCancelButton");
        FxFlows.waitFor("the cancel", () -> !vm.runningProperty().get());
        assertEquals("Cancelled — the last probe stays on screen.", vm.messageProperty().get());
        assertFalse(ctx.run().runningProperty().get(), "the run bar is free again");
        assertEquals(null, vm.resultProperty().get(), "nothing half-fitted is shown");
    }
}
