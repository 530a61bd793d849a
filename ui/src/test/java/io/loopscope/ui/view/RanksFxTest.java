package io.loopscope.ui.view;

import static io.loopscope.ui.view.FxFlows.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.ui.testing.FakeServices;
import io.loopscope.ui.views.ViewType;
import io.loopscope.ui.vm.RunMode;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Ranks tab reads its ranks on the run lane and draws them; typed tokens apply on Enter; the run bar's layer toggle. */
@ExtendWith(ApplicationExtension.class)
class RanksFxTest {
    private WorkbenchContext ctx;

    @Start
    void start(Stage stage) {
        ctx = WorkbenchWindow.open(stage, FakeServices.create(0));
    }

    @Test
    void theTabDrawsTheDefaultTokensThenTheTypedOnes(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "abcdef");
        robot.interact(() -> ctx.workbench().viewProperty().set(ViewType.RANKS));
        var ranks = ctx.workbench().ranks();
        waitFor("the default tokens' ranks", () -> ranks.chart() != null);
        assertNotNull(robot.lookup("#ranksChart").query());
        assertEquals(1, ranks.chart().tokens().size());

        robot.clickOn("#rankTokensField").write("c a");
        assertEquals("", ranks.tokensProperty().get(), "nothing is read while typing");
        robot.type(KeyCode.ENTER);
        waitFor("the typed tokens' ranks", () -> ranks.chart() != null && ranks.chart().tokens().equals(List.of("'c'", "'a'")));

        robot.clickOn("#rankTokensField").eraseText(3).write("Q").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#ranksMessage").queryAs(Label.class).getText().contains("'Q'"));
        assertEquals(List.of("'c'", "'a'"), ranks.chart().tokens(), "the last good chart stays");
    }

    @Test
    void recordLayersIsARunToggle(FxRobot robot) {
        CheckBox layers = robot.lookup("#layersCheck").queryAs(CheckBox.class);
        robot.clickOn(layers);
        assertTrue(ctx.run().layersProperty().get());
        robot.interact(() -> ctx.run().modeProperty().set(RunMode.GENERATE));
        assertTrue(layers.isDisabled(), "Generate records no layers");
        robot.interact(() -> ctx.run().modeProperty().set(RunMode.RUN));
        assertFalse(layers.isDisabled());
    }
}
