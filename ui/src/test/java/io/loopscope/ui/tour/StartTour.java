package io.loopscope.ui.tour;

import static io.loopscope.ui.tour.TourSupport.fx;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.ui.AppServices;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import io.loopscope.ui.view.Themes;
import io.loopscope.ui.view.WorkbenchContext;
import io.loopscope.ui.view.WorkbenchWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The workbench as a newcomer first sees it — the start panel, on the embedded model, light and dark
 * (docs/screenshots/start.png). Needs a display, like {@link ScreenshotTour}:
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -cp … io.loopscope.ui.tour.StartTour docs/screenshots
 * </pre>
 */
public final class StartTour {
    private static Stage stage;
    private static WorkbenchContext ctx;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        var loader = new HuginnModelLoader(() -> {
            try {
                return EmbeddedModel.directory();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "tour");
        AppServices services = new AppServices(new RunPipeline(loader, new AnalysisAdapter()), Settings.inMemory(), "tour");
        Platform.startup(() -> { });
        fx(() -> {
            stage = new Stage();
            ctx = WorkbenchWindow.open(stage, services);
            return null;
        });
        Thread.sleep(1500);
        write(out, "start");
        fx(() -> {
            Themes.apply(stage.getScene(), Themes.DARK, ctx);
            return null;
        });
        Thread.sleep(800);
        write(out, "dark-start");
        Platform.exit();
        System.exit(0);
    }

    private static void write(Path out, String name) throws Exception {
        TourSupport.write(out, name, () -> stage.getScene());
    }
}
