package io.loopscope.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.ui.session.SessionFile;
import io.loopscope.ui.task.SameThreadTaskExecutor;
import io.loopscope.ui.testing.FakeServices;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The crash-recovery autosave on the executor's autosave lane: a run is saved, a clean exit leaves nothing behind. */
@ExtendWith(ApplicationExtension.class)
class RecoveryAutosaveFxTest {
    @TempDir
    static Path dir;
    private WorkbenchContext ctx;

    @Start
    void start(Stage stage) {
        ctx = WorkbenchWindow.open(stage, FakeServices.create(0).withRecovery(dir.resolve("cache").resolve("recovery.npz")),
                new SameThreadTaskExecutor());
    }

    @Test
    void aRunIsAutosavedAndACleanExitDeletesIt(FxRobot robot) throws Exception {
        Path file = ctx.autosave().file();
        FxFlows.runPrompt(robot, ctx, "abcdef");
        robot.interact(() -> ctx.autosave().saveNow());
        assertTrue(Files.isRegularFile(file), "written, folder and all");
        var s = SessionFile.read(file, FakeServices.analyzer());
        assertEquals(6, s.run().tokens());
        robot.interact(() -> ctx.autosave().cleanExit());
        assertFalse(Files.exists(file), "a clean exit: nothing to recover");
        robot.interact(() -> ctx.autosave().saveNow());
        assertFalse(Files.exists(file), "and nothing is saved after it");
    }
}
