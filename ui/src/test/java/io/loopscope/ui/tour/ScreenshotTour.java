package io.loopscope.ui.tour;

import static io.loopscope.ui.tour.TourSupport.fx;
import static io.loopscope.ui.tour.TourSupport.waitFor;

import io.loopscope.inference.testing.Fixtures;
import io.loopscope.ui.AppServices;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import io.loopscope.ui.view.ErrorDialog;
import io.loopscope.ui.view.HelpDialogs;
import io.loopscope.ui.view.Themes;
import io.loopscope.ui.view.WorkbenchContext;
import io.loopscope.ui.view.WorkbenchWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * Opens the real workbench on a real model, walks through every view and writes a PNG of each — the
 * screenshots in docs/screenshots. Needs a display (xvfb-run works):
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -Dprism.forceGPU=true -cp … io.loopscope.ui.tour.ScreenshotTour docs/screenshots [MODEL_DIR] [PROMPT]
 * </pre>
 * (-Dprism.forceGPU=true lets JavaFX use Mesa's software OpenGL under Xvfb, which it otherwise
 * refuses — without it there is no 3-D and the waterfall shows a notice instead.)
 * <pre>
 * </pre>
 */
public final class ScreenshotTour {
    private static WorkbenchContext ctx;
    private static Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Path model = args.length > 1 ? Path.of(args[1]) : Fixtures.huginnTiny().resolve("f32");
        String prompt = args.length > 2 ? args[2] : "3 14 15 92 65 35 89 79 32 38 46 26 43 38 32 79 50 28 84 19 71 69 39 93 75 10 58 20 97 49 44 59";
        Files.createDirectories(out);
        Platform.startup(() -> { });
        AppServices services = new AppServices(new RunPipeline(new HuginnModelLoader(() -> null, "tour"), new AnalysisAdapter()),
                Settings.inMemory(), "tour", new AppServices.Start(model, prompt, false));
        fx(() -> {
            stage = new Stage();
            ctx = WorkbenchWindow.open(stage, services);
            ctx.run().iterationsProperty().set(64);
            ctx.runner().run();
            return null;
        });
        waitFor(() -> fx(() -> ctx.workbench().result() != null && !ctx.run().runningProperty().get()));
        fx(() -> {
            int n = ctx.workbench().result().tokens(); // the last three tokens, as the workbench selects after a run
            ctx.workbench().selection().click(Math.max(0, n - 3), false, false);
            for (int t = Math.max(0, n - 2); t < n; t++) ctx.workbench().selection().click(t, true, false);
            return null;
        });
        shoot(out, "trajectories", io.loopscope.ui.views.ViewType.TRAJECTORIES.ordinal());
        fx(() -> {
            ctx.workbench().trajectories().paperPanelsProperty().set(true);
            ctx.workbench().selection().stepProperty().set(12);
            return null;
        });
        shoot(out, "trajectories-paper-panels", io.loopscope.ui.views.ViewType.TRAJECTORIES.ordinal());
        fx(() -> {
            ctx.workbench().trajectories().paperPanelsProperty().set(false);
            ctx.workbench().selection().stepProperty().set(64);
            return null;
        });
        shoot(out, "heatmap", io.loopscope.ui.views.ViewType.HEATMAP.ordinal());
        shoot(out, "metrics", io.loopscope.ui.views.ViewType.METRICS.ordinal());
        fx(() -> {
            // step 6: where the README's 8-operand sum turns right on the shipped model, so the table
            // opens on the wrong guesses before it
            ctx.workbench().selection().stepProperty().set(6);
            return null;
        });
        shoot(out, "coda-lens", io.loopscope.ui.views.ViewType.LENS.ordinal());
        fx(() -> {
            ctx.workbench().lens().kindProperty().set(io.loopscope.ui.engine.LensKind.LOGIT);
            return null;
        });
        shoot(out, "logit-lens", io.loopscope.ui.views.ViewType.LENS.ordinal());
        fx(() -> {
            ctx.workbench().lens().kindProperty().set(io.loopscope.ui.engine.LensKind.CODA);
            return null;
        });
        shoot(out, "waterfall", io.loopscope.ui.views.ViewType.WATERFALL.ordinal());
        fx(() -> {
            // back to the last step: the compared paths drawn whole, ending at their attractors
            ctx.workbench().selection().stepProperty().set(ctx.workbench().trajectories().lastStepProperty().get());
            select(5);
            ctx.runner().runCompare();
            return null;
        });
        waitFor(() -> fx(() -> ctx.compare().rightProperty().get() != null && !ctx.run().runningProperty().get()));
        shoot(out, "compare", io.loopscope.ui.views.ViewType.COMPARE.ordinal());
        fx(() -> {
            Themes.apply(stage.getScene(), Themes.DARK, ctx);
            return null;
        });
        shoot(out, "dark-trajectories", io.loopscope.ui.views.ViewType.TRAJECTORIES.ordinal());
        shoot(out, "dark-heatmap", io.loopscope.ui.views.ViewType.HEATMAP.ordinal());
        fx(() -> {
            Themes.apply(stage.getScene(), Themes.LIGHT, ctx);
            return null;
        });
        dialog(out, "error-dialog", () -> ErrorDialog.create(stage, "The run failed",
                new io.loopscope.inference.checkpoint.CheckpointException("no config.json in /home/me/Downloads/model — is this a Huginn- or Ouro-format model folder?")));
        dialog(out, "shortcuts", () -> HelpDialogs.shortcuts(stage));
        dialog(out, "about", () -> HelpDialogs.about(stage, "0.1.0-SNAPSHOT"));
        Platform.exit();
        System.exit(0);
    }

    private static void select(int tab) {
        ((TabPane) stage.getScene().lookup(".tab-pane")).getSelectionModel().select(tab);
    }

    private static void shoot(Path out, String name, int tab) throws Exception {
        fx(() -> {
            select(tab);
            return null;
        });
        Thread.sleep(1500); // layout, chart repaint and (for the waterfall) the 3-D scene
        write(out, name, () -> stage.getScene());
    }

    private static void dialog(Path out, String name, Callable<Alert> make) throws Exception {
        Alert[] a = new Alert[1];
        fx(() -> {
            a[0] = make.call();
            a[0].show();
            return null;
        });
        Thread.sleep(1200);
        write(out, name, () -> a[0].getDialogPane().getScene());
        fx(() -> {
            a[0].close();
            return null;
        });
    }

    private static void write(Path out, String name, Callable<Scene> scene) throws Exception {
        TourSupport.write(out, name, scene);
    }
}
