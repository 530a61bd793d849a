package io.loopscope.ui.view;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Steps the TestFX flow tests share: wait for a condition, type and run a prompt. */
final class FxFlows {
    private FxFlows() {
    }

    static void waitFor(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void runPrompt(FxRobot robot, WorkbenchContext ctx, String prompt) {
        robot.clickOn("#promptField").eraseText(40).write(prompt);
        robot.clickOn("#runButton");
        waitFor("the run", () -> ctx.workbench().result() != null && !ctx.run().runningProperty().get());
    }
}
