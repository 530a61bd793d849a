package io.loopscope.ui.view;

import static io.loopscope.ui.view.FxFlows.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.testing.FakeServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main flows, driven through the real window with a robot (headless Monocle in the build). */
@ExtendWith(ApplicationExtension.class)
class WorkbenchFxTest {
    private WorkbenchContext ctx;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // 40 ms per step: fast enough for the flows, slow enough that a 400-step run can be cancelled
        ctx = WorkbenchWindow.open(stage, FakeServices.create(4));
    }

    @Test
    void runAPromptFillsTheViews(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "the cat sat");
        assertEquals(11, ctx.workbench().result().tokens());
        assertNotNull(robot.lookup("#chip-10").query(), "one chip per token");
        assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().contains("11 tokens"));
        assertNotNull(robot.lookup("#trajectoryChart0").query());
        assertTrue(ctx.run().historyEntries().contains("the cat sat"));
    }

    @Test
    void ctrlEnterRunsAndHistoryComesBackWithUp(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "abc");
        robot.clickOn("#promptField").eraseText(10).write("xyz");
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        waitFor("the second run", () -> ctx.workbench().result().tokens() == 3 && ctx.run().historyEntries().getFirst().equals("xyz"));
        robot.clickOn("#promptField").type(KeyCode.UP).type(KeyCode.UP);
        assertEquals("abc", ctx.run().promptProperty().get());
    }

    @Test
    void selectTokensWithClicksAndModifiers(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "abcdef");
        robot.clickOn("#chip-0");
        assertEquals(List.of(0), ctx.workbench().selection().tokens());
        robot.press(KeyCode.CONTROL).clickOn("#chip-2").release(KeyCode.CONTROL);
        assertEquals(List.of(0, 2), ctx.workbench().selection().tokens());
        robot.press(KeyCode.SHIFT).clickOn("#chip-4").release(KeyCode.SHIFT);
        assertEquals(List.of(2, 3, 4), ctx.workbench().selection().tokens());
        assertEquals("orbit", robot.lookup("#motifLabel").queryAs(Label.class).getText(), "the card follows the last click (token 4 circles)");
        assertEquals(3, ctx.workbench().trajectories().planes().getFirst().paths().size());
    }

    @Test
    void changePcPairRelabelsTheAxes(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "abcd");
        robot.clickOn(robot.lookup(".list-cell").match(n -> n instanceof javafx.scene.control.ListCell<?> c
                && "PC3 – PC4".equals(c.getText())).<javafx.scene.Node>query());
        assertEquals(new PcPair(2, 3), ctx.workbench().trajectories().pairProperty().get());
        XYPlot plot = robot.lookup("#trajectoryChart0").queryAs(ChartViewer.class).getChart().getXYPlot();
        assertTrue(plot.getDomainAxis().getLabel().startsWith("PC3 ("), plot.getDomainAxis().getLabel());
        assertTrue(plot.getRangeAxis().getLabel().startsWith("PC4 ("));
        robot.clickOn("Paper panels\n(PC1–2, 3–4, 5–6)");
        waitFor("three panels", () -> robot.lookup("#trajectoryChart2").tryQuery().isPresent());
        assertEquals(3, ctx.workbench().trajectories().planes().size());
        assertTrue(robot.lookup("#pairList").queryAs(ListView.class).isDisabled(), "one plane at a time is off in the paper layout");
    }

    @Test
    void scrubTheSliderAndPlay(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "abcd");
        Slider slider = robot.lookup("#stepSlider").queryAs(Slider.class);
        assertEquals(32, (int) slider.getMax());
        robot.interact(() -> slider.setValue(5));
        assertEquals(5, ctx.workbench().selection().stepProperty().get());
        robot.interact(slider::requestFocus);
        robot.type(KeyCode.RIGHT);
        assertEquals(6, ctx.workbench().selection().stepProperty().get(), "arrow keys step the slider");
        robot.clickOn("#playButton");
        waitFor("the animation to reach the end", () -> !ctx.workbench().trajectories().playingProperty().get());
        assertEquals(32, ctx.workbench().selection().stepProperty().get());
    }

    @Test
    void compareRunsBWithTheNextSeed(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "abcdef");
        robot.clickOn("Compare runs");
        robot.clickOn("#runBButton");
        waitFor("run B", () -> ctx.compare().rightProperty().get() != null);
        assertEquals(1, ctx.compare().rightProperty().get().spec().seed());
        assertNotNull(robot.lookup("#compareChart1").query());
        assertTrue(robot.lookup("#verdictLabel").queryAs(Label.class).getText().contains("reach the same attractor"));
    }

    @Test
    void cancelALongRun(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "ab");
        robot.interact(() -> ctx.run().iterationsProperty().set(1000));
        robot.clickOn("#promptField").eraseText(10).write("abcdef");
        robot.clickOn("#runButton");
        waitFor("the run to start", () -> ctx.run().runningProperty().get() && ctx.run().progressProperty().get() > 0);
        robot.clickOn("#cancelButton");
        waitFor("the cancel", () -> !ctx.run().runningProperty().get());
        assertTrue(ctx.run().messageProperty().get().startsWith("Cancelled"));
        assertEquals(2, ctx.workbench().result().tokens(), "the previous run stays");
    }

    @Test
    void badModelFolderShowsTheMessageFirst(FxRobot robot, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "not a model");
        robot.interact(() -> ctx.run().openFolder(dir));
        robot.clickOn("#promptField").eraseText(10).write("1 2 3");
        robot.clickOn("#runButton");
        waitFor("the error dialog", () -> robot.lookup("#errorMessage").tryQuery().isPresent());
        Label msg = robot.lookup("#errorMessage").queryAs(Label.class);
        assertTrue(msg.getText().contains("no config.json"), msg.getText());
        assertFalse(((javafx.scene.control.DialogPane) robot.lookup(".dialog-pane").query()).isExpanded(), "details folded away");
        assertTrue(robot.lookup("#errorDetails").queryAs(javafx.scene.control.TextArea.class).getText().contains("CheckpointException"),
                "the details hold the exception for bug reports");
        assertNull(ctx.workbench().result());
        Window dialog = msg.getScene().getWindow();
        robot.interact(() -> ((Stage) dialog).close());
    }

    @Test
    void tabsAndThemes(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "abcdef");
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int k = i;
            robot.interact(() -> tabs.getSelectionModel().select(k));
        }
        robot.clickOn("Convergence heatmap");
        assertNotNull(robot.lookup("#heatmapChart").query());
        robot.press(KeyCode.CONTROL).type(KeyCode.T).release(KeyCode.CONTROL);
        assertTrue(ctx.chartStyle().dark());
        assertTrue(Themes.isDark(stage.getScene()));
    }
}
