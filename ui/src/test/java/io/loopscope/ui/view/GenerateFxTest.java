package io.loopscope.ui.view;

import static io.loopscope.ui.view.FxFlows.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.ui.testing.FakeServices;
import io.loopscope.ui.vm.RunMode;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Generate through the real window: the answer streams in, its chips carry their steps, a generated token is selected like any other. */
@ExtendWith(ApplicationExtension.class)
class GenerateFxTest {
    private WorkbenchContext ctx;

    @Start
    void start(Stage stage) {
        // 6 ms per loop step: a generation takes long enough to watch it stream
        ctx = WorkbenchWindow.open(stage, FakeServices.create(6));
    }

    private static boolean has(Node n, String styleClass) {
        return n.getStyleClass().contains(styleClass);
    }

    @Test
    void generateStreamsChipsThenEveryViewFollowsAGeneratedToken(FxRobot robot) {
        robot.clickOn("#generateModeButton");
        assertEquals(RunMode.GENERATE, ctx.run().modeProperty().get());
        assertEquals("Generate", robot.lookup("#runButton").queryAs(Button.class).getText());
        robot.clickOn("#maxNewSpinner .text-field").push(KeyCode.CONTROL, KeyCode.A).write("6");
        robot.clickOn("#promptField").eraseText(40).write("abc");
        robot.clickOn("#runButton");

        waitFor("tokens streaming in", () -> ctx.workbench().live().tokensProperty().get().size() >= 2);
        assertTrue(ctx.run().runningProperty().get(), "still generating");
        Node streaming = robot.lookup("#chip-3").query();
        assertTrue(has(streaming, "live") && has(streaming, "generated"), "a generated chip before the run ends: " + streaming.getStyleClass());
        assertTrue(robot.lookup("#generationSummary").queryAs(Label.class).getText().startsWith("generating… "));

        waitFor("the generation", () -> ctx.workbench().result() != null && !ctx.run().runningProperty().get());
        assertEquals(3 + 6 - 1, ctx.workbench().result().tokens());
        Node d = robot.lookup("#chip-3").query(), last = robot.lookup("#chip-8").query();
        assertTrue(has(d, "generated") && !has(d, "live"));
        assertTrue(has(last, "last"), "the sixth token, never fed back");
        assertTrue(robot.lookup(".answer-arrow").tryQuery().isPresent(), "an arrow between prompt and answer");
        String summary = robot.lookup("#generationSummary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("generated 6 tokens (stopped: max-new-tokens) · ") && summary.contains("at fixed R = 32"), summary);
        assertTrue(ctx.run().messageProperty().get().startsWith("Generated \"defghi\""), ctx.run().messageProperty().get());

        robot.clickOn("#chip-5");
        assertEquals(List.of(5), ctx.workbench().selection().tokens());
        assertEquals("[5] f", robot.lookup("#tokenLabel").queryAs(Label.class).getText(), "the motif card follows a generated token");
        robot.clickOn("#chip-8");
        assertEquals(List.of(5), ctx.workbench().selection().tokens(), "the unfed last token selects nothing");

        robot.clickOn("Steps per token");
        assertNotNull(robot.lookup("#stepsChart").query());
        assertEquals(5, ctx.workbench().steps().data().bars().size());
        robot.clickOn("Lens");
        int ran = ctx.workbench().result().trace().stepsOf(5);
        assertEquals(ran + 1, ctx.workbench().lens().rows().size(), "the lens of a generated token ends where it stopped");
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertEquals("Lens", tabs.getSelectionModel().getSelectedItem().getText());
    }

    @Test
    void badSettingsSayWhyAndNothingRuns(FxRobot robot) {
        robot.clickOn("#generateModeButton");
        robot.clickOn("#promptField").eraseText(40).write("abc");
        robot.clickOn("#thresholdField").push(KeyCode.CONTROL, KeyCode.A).write("tiny");
        assertEquals("the exit threshold must be a number, got 'tiny'", robot.lookup("#generateProblem").queryAs(Label.class).getText());
        robot.clickOn("#runButton");
        waitFor("the error dialog", () -> robot.lookup("#errorMessage").tryQuery().isPresent());
        assertTrue(robot.lookup("#errorMessage").queryAs(Label.class).getText().contains("must be a number, got 'tiny'"));
        assertFalse(ctx.run().runningProperty().get());
        assertEquals(null, ctx.workbench().result(), "nothing ran");
        robot.interact(() -> ((Stage) robot.lookup("#errorMessage").query().getScene().getWindow()).close());
    }

    @Test
    void cancelStopsTheStreamAndKeepsThePreviousResult(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "ab");
        robot.clickOn("#generateModeButton");
        robot.interact(() -> ctx.run().generate().maxNewTokensProperty().set(40));
        robot.clickOn("#promptField").eraseText(10).write("abc");
        robot.clickOn("#runButton");
        waitFor("a token", () -> !ctx.workbench().live().tokensProperty().get().isEmpty());
        robot.clickOn("#cancelButton");
        waitFor("the cancel", () -> !ctx.run().runningProperty().get());
        assertFalse(ctx.workbench().live().active());
        assertEquals(2, ctx.workbench().tokenStrip().chips().size(), "the previous run's chips are back");
        assertTrue(ctx.run().messageProperty().get().startsWith("Cancelled"));
    }
}
