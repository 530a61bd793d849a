package io.loopscope.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.ui.AppServices;
import io.loopscope.ui.demo.DemoCatalog;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import io.loopscope.ui.task.SameThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A newcomer's first minute on the real embedded model: the start panel, and each of its one-click ways in. */
@ExtendWith(ApplicationExtension.class)
class StartPanelFxTest {
    private WorkbenchContext ctx;

    @Start
    void start(Stage stage) {
        var loader = new HuginnModelLoader(() -> {
            try {
                return EmbeddedModel.directory();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "test");
        // work runs on the FX thread as it is started: when a click returns, its outcome is on screen
        ctx = WorkbenchWindow.open(stage, new AppServices(new RunPipeline(loader, new AnalysisAdapter()), Settings.inMemory(), "test"),
                new SameThreadTaskExecutor());
    }

    private static boolean showing(FxRobot robot) {
        Node panel = robot.lookup("#startPanel").query();
        return panel.isVisible();
    }

    @Test
    void aFirstStartOffersTheDemosTheTasksAndAFolder(FxRobot robot) throws Exception {
        assertTrue(showing(robot), "no run yet: the start panel is up");
        for (String id : DemoCatalog.index()) {
            Button b = robot.lookup("#startDemo-" + id).queryAs(Button.class);
            assertEquals(DemoCatalog.byName(id).title(), b.getText(), "each demo by its one-line title");
        }
        for (String task : new String[] {"sum", "add", "hops", "count", "copy"}) {
            assertTrue(robot.lookup("#startExample-" + task).tryQuery().isPresent(), "an example of " + task);
        }
        assertTrue(robot.lookup("#startOpenFolder").queryAs(Button.class).isVisible());
    }

    @Test
    void oneClickOnAnExampleRunsItAndTheViewsTakeOver(FxRobot robot) {
        robot.clickOn("#startExample-copy");
        assertTrue(ctx.workbench().result() != null && !ctx.run().runningProperty().get(), "the run is in");
        assertEquals("copy emerwo=", robot.lookup("#promptField").queryAs(TextField.class).getText());
        assertEquals(12, ctx.workbench().result().tokens(), "one token per character");
        assertFalse(showing(robot), "a run is loaded: the views are on screen");
        assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().contains("12 tokens"));
    }

    @Test
    void oneClickOnADemoStartsItsTour(FxRobot robot) {
        robot.clickOn("#startDemo-fixed-point");
        assertEquals(0, ctx.tour().indexProperty().get(), "the tour's first step");
        assertFalse(showing(robot));
        assertEquals("copy qwer=", ctx.run().promptProperty().get());
        assertTrue(robot.lookup("#tourPosition").queryAs(Label.class).getText().startsWith("A token settles on a fixed point"));
    }

    @Test
    void openAFolderAndAFailedRunBringsThePanelBack(FxRobot robot, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "not a model");
        ctx.files().folderChooser = () -> dir; // the chooser's answer
        robot.clickOn("#startOpenFolder");
        assertEquals(ModelRef.folder(dir), ctx.run().modelProperty().get(), "the folder is chosen in the picker");
        robot.clickOn("#promptField").write("abc");
        robot.clickOn("#runButton");
        assertTrue(robot.lookup("#errorMessage").tryQuery().isPresent(), "the error dialog");
        robot.interact(() -> ((Stage) robot.lookup("#errorMessage").query().getScene().getWindow()).close());
        assertTrue(showing(robot), "still no run loaded: the ways in are offered again");
    }
}
