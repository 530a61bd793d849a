package io.loopscope.ui.view;

import static io.loopscope.ui.view.FxFlows.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.demo.Demo;
import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.task.SameThreadTaskExecutor;
import io.loopscope.ui.testing.FakeServices;
import io.loopscope.ui.vm.PcPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 6's flows through the real window: export figures, save and reopen a session, a demo tour. */
@ExtendWith(ApplicationExtension.class)
class PublishFlowsFxTest {
    @TempDir
    static Path dir;
    private WorkbenchContext ctx;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // work runs on the FX thread as it is started: when a click returns, its outcome is on screen
        ctx = WorkbenchWindow.open(stage, FakeServices.create(0), new SameThreadTaskExecutor());
    }

    /** Fires a menu item by its path of texts (the menu's own action, without moving a pointer over popups). */
    private static void fireMenu(FxRobot robot, String... path) {
        javafx.scene.control.MenuBar bar = robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class);
        List<javafx.scene.control.MenuItem> items = List.copyOf(bar.getMenus());
        javafx.scene.control.MenuItem found = null;
        for (String text : path) {
            found = items.stream().filter(i -> i.getText() != null && text.equals(i.getText().replace("_", ""))).findFirst().orElseThrow(() -> new AssertionError("no menu item " + text));
            if (found instanceof javafx.scene.control.Menu m) items = List.copyOf(m.getItems());
        }
        javafx.scene.control.MenuItem item = found;
        assertFalse(item.isDisable(), String.join(" → ", path) + " is enabled");
        javafx.application.Platform.runLater(item::fire); // the dialog blocks in showAndWait: do not wait for it here
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void exportTheFigureSetFromTheFileMenu(FxRobot robot) throws Exception {
        FxFlows.runPrompt(robot, ctx, "abcdef");
        Path out = dir.resolve("figs");
        robot.clickOn("File").clickOn("Export").clickOn("Figure set (paper layout)…");
        waitFor("the export dialog", () -> robot.lookup("#exportTarget").tryQuery().isPresent());
        TextField target = robot.lookup("#exportTarget").queryAs(TextField.class);
        robot.interact(() -> target.setText(out.toString()));
        robot.clickOn("SVG").clickOn("PDF"); // untick: PNG only
        robot.clickOn("#exportOkButton");
        waitFor("the files", () -> ctx.run().messageProperty().get().startsWith("Wrote "));
        try (var s = Files.list(out)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("heatmap.png", "lens-token-3.png", "lens-token-4.png", "lens-token-5.png", "metrics.png",
                    "trajectories-paper.png", "trajectories-pc1-pc2.png", "trajectories-pc3-pc4.png", "trajectories-pc5-pc6.png"), names);
        }
        var img = javax.imageio.ImageIO.read(out.resolve("trajectories-pc1-pc2.png").toFile());
        assertEquals(1800, img.getWidth(), "432 pt at the default 300 dpi");
    }

    @Test
    void exportOneChartAsSvgAndAnUnwritableFolderSaysSo(FxRobot robot) throws Exception {
        FxFlows.runPrompt(robot, ctx, "abcdef");
        Path svg = dir.resolve("one.svg");
        fireMenu(robot, "File", "Export", "Current view as figure…");
        waitFor("the export dialog", () -> robot.lookup("#exportTarget").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#exportTarget").queryAs(TextField.class).setText(svg.toString()));
        robot.clickOn("#exportOkButton");
        waitFor("the svg", () -> Files.exists(svg));
        assertTrue(Files.readString(svg).contains("PC1 (41.0% of variance)"));

        Path bad = dir.resolve("missing-folder").resolve("x.pdf");
        fireMenu(robot, "File", "Export", "Current view as figure…");
        waitFor("the export dialog", () -> robot.lookup("#exportTarget").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#exportTarget").queryAs(TextField.class).setText(bad.toString()));
        robot.clickOn("#exportOkButton");
        waitFor("the error dialog", () -> robot.lookup("#errorMessage").tryQuery().isPresent());
        String msg = robot.lookup("#errorMessage").queryAs(Label.class).getText();
        assertTrue(msg.contains("does not exist"), msg);
        assertFalse(Files.exists(bad.getParent()));
        robot.interact(() -> ((Stage) robot.lookup("#errorMessage").query().getScene().getWindow()).close());
    }

    @Test
    void saveAndReopenASessionRestoresTheScreen(FxRobot robot) throws Exception {
        FxFlows.runPrompt(robot, ctx, "abcdefgh");
        robot.clickOn("Compare runs");
        robot.clickOn("#runBButton");
        assertNotNull(ctx.compare().rightProperty().get(), "run B");
        robot.interact(() -> {
            ctx.workbench().selection().restore(8, List.of(1, 4), 1, 9);
            ctx.workbench().criterionProperty().set(ExitCriterion.LATENT_DIFF);
            ctx.workbench().thresholdProperty().set(0.07);
            ctx.workbench().trajectories().pairProperty().set(new PcPair(2, 3));
            ctx.workbench().viewProperty().set("metrics");
        });
        Path file = dir.resolve("session.npz");
        robot.interact(() -> ctx.files().saveSession(file));
        assertTrue(ctx.run().messageProperty().get().startsWith("Saved the session"), ctx.run().messageProperty().get());

        FxFlows.runPrompt(robot, ctx, "xyz"); // something else on screen
        assertEquals(3, ctx.workbench().result().tokens());

        robot.interact(() -> ctx.files().openSession(file));
        assertTrue(ctx.workbench().result() != null && ctx.workbench().result().tokens() == 8
                && ctx.run().messageProperty().get().startsWith("Opened"), "the session is on screen");
        assertEquals(List.of(1, 4), ctx.workbench().selection().tokens());
        assertEquals(1, ctx.workbench().selection().focus());
        assertEquals(9, ctx.workbench().selection().stepProperty().get());
        assertEquals(ExitCriterion.LATENT_DIFF, ctx.workbench().criterionProperty().get());
        assertEquals(0.07, ctx.workbench().thresholdProperty().get());
        assertEquals(new PcPair(2, 3), ctx.workbench().trajectories().pairProperty().get());
        assertEquals("abcdefgh", ctx.run().promptProperty().get());
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertEquals("Metrics", tabs.getSelectionModel().getSelectedItem().getText(), "the open tab comes back");
        assertNotNull(ctx.compare().rightProperty().get(), "run B comes back");
        assertTrue(robot.lookup("#verdictLabel").queryAs(Label.class).getText().contains("reach the same attractor"));
    }

    @Test
    void aDamagedSessionShowsAnErrorAndKeepsTheScreen(FxRobot robot) throws Exception {
        FxFlows.runPrompt(robot, ctx, "abcd");
        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "not a session");
        robot.interact(() -> ctx.files().openSession(junk));
        assertTrue(robot.lookup("#errorMessage").tryQuery().isPresent(), "the error dialog");
        assertTrue(robot.lookup("#errorMessage").queryAs(Label.class).getText().contains("not an NPZ file"));
        assertEquals(4, ctx.workbench().result().tokens(), "nothing lost");
        robot.interact(() -> ((Stage) robot.lookup("#errorMessage").query().getScene().getWindow()).close());
    }

    @Test
    void aDemoTourStepsThroughViewsAndTokens(FxRobot robot) {
        Demo demo = new Demo("t", "Three motifs", "abcdef", Demo.EMBEDDED,
                new Demo.Settings(24, List.of(0L, 1L), "random", "kl", Double.NaN, 0), "Look at tokens 3 to 5.",
                List.of(new Demo.Claim("motif", "a", List.of(3), List.of(), "fixed-point", null, List.of(), List.of())),
                List.of(new Demo.Step("Token 3 settles.", "trajectories", List.of(3), 4),
                        new Demo.Step("Its distance to the end shrinks.", "heatmap", List.of(3, 4), -1),
                        new Demo.Step("Both seeds agree.", "compare", List.of(5), 10)));
        robot.interact(() -> ctx.demos().start(demo, null));
        assertEquals(0, ctx.tour().indexProperty().get(), "the tour's first step, once both runs are in");
        assertEquals(24, ctx.workbench().result().iterations());
        assertNotNull(ctx.compare().rightProperty().get(), "the second seed ran as run B");
        assertEquals(List.of(3), ctx.workbench().selection().tokens());
        assertEquals(4, ctx.workbench().selection().stepProperty().get());
        assertTrue(robot.lookup("#tourText").queryAs(Label.class).getText().contains("Token 3 settles"));
        assertTrue(robot.lookup("#tourBack").queryAs(javafx.scene.control.Button.class).isDisabled());

        robot.clickOn("#tourNext");
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        Tab heat = tabs.getSelectionModel().getSelectedItem();
        assertEquals("Convergence heatmap", heat.getText());
        assertTrue(heat.getStyleClass().contains("tour-highlight"), "the view it talks about is highlighted");
        assertEquals(List.of(3, 4), ctx.workbench().selection().tokens());
        assertEquals(24, ctx.workbench().selection().stepProperty().get(), "step -1 = the last step");
        assertTrue(robot.lookup("#chip-4").query().getStyleClass().contains("selected"), "and so are its tokens");

        robot.clickOn("#tourNext");
        assertEquals("Compare runs", tabs.getSelectionModel().getSelectedItem().getText());
        assertTrue(robot.lookup("#tourNext").queryAs(javafx.scene.control.Button.class).isDisabled(), "last step");
        robot.clickOn("#tourBack");
        assertEquals("Convergence heatmap", tabs.getSelectionModel().getSelectedItem().getText());
        robot.clickOn("#tourClose");
        assertFalse(robot.lookup(".tour-bar").query().isVisible(), "the bar goes away");
        assertFalse(ctx.tour().activeProperty().get());
    }

    @Test
    void helpMenuListsTheDemos(FxRobot robot) {
        robot.clickOn("Help").clickOn("Demos…");
        waitFor("the demo dialog", () -> robot.lookup("#demoDialog").tryQuery().isPresent());
        robot.interact(() -> ((Stage) robot.lookup("#demoDialog").query().getScene().getWindow()).close());
    }

    @Test
    void formatsListedInTheExportDialogMatchTheWriter() {
        assertEquals(3, FigureFormat.values().length);
    }
}
